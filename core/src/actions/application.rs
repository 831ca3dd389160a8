//! The actions on one application: edit and submit a draft, fix and resubmit after a rejection,
//! continue (继续参与) in the continuation month, reactivate after the clean-up, withdraw a
//! submitted application outside the span from a cut-off to its draw.

use chrono::{DateTime, Datelike, Days, Utc};

use super::window::{Span, span};
use super::{Action, ActionKind, Deadline};
use crate::api::{Application, ApplicationStatus};
use crate::calendar::{self, AnnouncedDate, EventKind};
use crate::i18n::{Reason, Text};
use crate::policy::Policy;
use crate::time::{beijing_date, to_beijing};

/// Days ahead searched for the next application cut-off.
const CUTOFF_DAYS: u64 = 100;

/// The actions offered on `app` at `now` under `policy` (announced dates included), in the order
/// a screen shows them. Statuses with nothing to do (under review, won, unknown) offer none.
pub fn application(
    app: &Application,
    policy: &Policy,
    announced: &[AnnouncedDate],
    now: DateTime<Utc>,
) -> Vec<Action> {
    match app.status {
        ApplicationStatus::Draft => vec![
            Action::allowed(ActionKind::Edit, None),
            submit(ActionKind::Submit, policy, announced, now),
        ],
        ApplicationStatus::Rejected => vec![
            Action::allowed(ActionKind::Edit, None),
            submit(ActionKind::Resubmit, policy, announced, now),
            withdraw(policy, announced, now),
        ],
        ApplicationStatus::UnderReview => vec![withdraw(policy, announced, now)],
        ApplicationStatus::Approved => continuation(app, policy, announced, now)
            .into_iter()
            .chain([withdraw(policy, announced, now)])
            .collect(),
        ApplicationStatus::Removed => vec![Action::allowed(ActionKind::Reactivate, None)],
        ApplicationStatus::Won | ApplicationStatus::Withdrawn | ApplicationStatus::Other { .. } => {
            Vec::new()
        }
    }
}

/// Withdrawing: refused from a cut-off until its draw (the pool of that draw is fixed), allowed
/// otherwise, with the next cut-off as the moment that keeps it out of the next draw.
fn withdraw(policy: &Policy, announced: &[AnnouncedDate], now: DateTime<Utc>) -> Action {
    let kind = ActionKind::Withdraw;
    match span(
        policy,
        announced,
        now,
        EventKind::ApplicationCutoff,
        EventKind::Draw,
    ) {
        Some(Span {
            open: true,
            closes_at,
            ..
        }) => {
            let when = closes_at.map(day_text).unwrap_or_default();
            Action::refused(
                kind,
                Reason::new(
                    "pool_fixed_for_draw",
                    format!("本期申请已截止，摇号池已确定，{when}摇号后可以撤回。"),
                    format!(
                        "The cut-off has passed and the pool of the coming draw is fixed; \
                         withdraw after the draw on {when}."
                    ),
                ),
                closes_at,
            )
        }
        _ => Action::allowed(
            kind,
            next_cutoff(policy, announced, now).map(|d| Deadline {
                at: d.at,
                meaning: Text::new(
                    "在此之前撤回，不参加下一期摇号",
                    "Withdrawn by then, it stays out of the next draw",
                ),
            }),
        ),
    }
}

/// Submitting (or resubmitting): inside the yearly window where the regime has one; otherwise
/// always, with the next cut-off as the moment that decides which draw it joins.
fn submit(
    kind: ActionKind,
    policy: &Policy,
    announced: &[AnnouncedDate],
    now: DateTime<Utc>,
) -> Action {
    if policy.windows.is_empty() {
        return Action::allowed(kind, next_cutoff(policy, announced, now));
    }
    let window = span(
        policy,
        announced,
        now,
        EventKind::ApplicationWindowOpens,
        EventKind::ApplicationWindowCloses,
    );
    match window {
        Some(Span {
            open: true,
            closes_at,
            ..
        }) => Action::allowed(
            kind,
            closes_at.map(|at| Deadline {
                at,
                meaning: Text::new("年度申报截止", "The yearly application window closes"),
            }),
        ),
        Some(Span { opens_at, .. }) => {
            let when = opens_at.map(day_text).unwrap_or_default();
            Action::refused(
                kind,
                Reason::new(
                    "outside_application_window",
                    format!("现在不在年度申报期内，{when}起可以提交。"),
                    format!(
                        "Applications are accepted only in the yearly window; it opens on {when}."
                    ),
                ),
                opens_at,
            )
        }
        None => Action::allowed(kind, None),
    }
}

/// The next application cut-off: complete (reviewed) by then to join the next draw.
fn next_cutoff(
    policy: &Policy,
    announced: &[AnnouncedDate],
    now: DateTime<Utc>,
) -> Option<Deadline> {
    let today = beijing_date(now);
    let last = today.checked_add_days(Days::new(CUTOFF_DAYS))?;
    calendar::events(policy, today, last, announced)
        .into_iter()
        .find(|e| e.kind == EventKind::ApplicationCutoff && e.at.to_utc() > now)
        .map(|e| Deadline {
            at: e.at.to_utc(),
            meaning: Text::new(
                "在此之前通过审核的申请参加下一期摇号",
                "Applications approved by then join the next draw",
            ),
        })
}

/// 继续参与, where the regime has a continuation month: allowed inside it, once a year.
fn continuation(
    app: &Application,
    policy: &Policy,
    announced: &[AnnouncedDate],
    now: DateTime<Utc>,
) -> Option<Action> {
    let rule = &policy.rules.continuation;
    if !rule.enabled {
        return None;
    }
    let month = span(
        policy,
        announced,
        now,
        EventKind::ContinuationOpens,
        EventKind::ContinuationCloses,
    )?;
    let today = beijing_date(now);
    let kind = ActionKind::Continue;
    if !month.open {
        let when = month.opens_at.map(day_text).unwrap_or_default();
        return Some(Action::refused(
            kind,
            Reason::new(
                "outside_continuation_month",
                format!(
                    "只能在每年{}月确认继续参与，{when}起可以确认。",
                    rule.params.month
                ),
                format!(
                    "Continuation is possible only in month {} of each year; it opens on {when}.",
                    rule.params.month
                ),
            ),
            month.opens_at,
        ));
    }
    if let Some(done) = app.continued_on.filter(|d| d.year() == today.year()) {
        return Some(Action::refused(
            kind,
            Reason::new(
                "already_continued",
                format!("已于 {done} 确认继续参与，今年无需再次确认。"),
                format!("Continued on {done}; nothing more to do this year."),
            ),
            None,
        ));
    }
    Some(Action::allowed(
        kind,
        month.closes_at.map(|at| Deadline {
            at,
            meaning: Text::new(
                "截止后未确认的申请可能在年度清理时移出摇号池",
                "Applications not continued by then may leave the pool at the yearly clean-up",
            ),
        }),
    ))
}

/// A Beijing date for a message, `YYYY-MM-DD`.
fn day_text(at: DateTime<Utc>) -> String {
    to_beijing(at).date_naive().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{ApplicationForm, ApplicationKind};
    use crate::policy;
    use crate::time::beijing_instant;
    use chrono::{NaiveDate, NaiveTime};

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        beijing_instant(
            NaiveDate::from_ymd_opt(y, m, d).unwrap(),
            NaiveTime::from_hms_opt(h, 0, 0).unwrap(),
        )
    }

    fn app(status: ApplicationStatus) -> Application {
        let t = at(2025, 1, 1, 9);
        Application {
            id: 1,
            kind: ApplicationKind::IndividualOrdinary,
            status,
            code: Some("1234567890123".into()),
            form: ApplicationForm::default(),
            rejection_reasons: vec![],
            draw_count: 0,
            submitted_at: Some(t),
            reviewed_at: None,
            created_at: t,
            updated_at: t,
            continued_on: None,
        }
    }

    fn kinds(actions: &[Action]) -> Vec<ActionKind> {
        actions.iter().map(|a| a.kind).collect()
    }

    fn bimonthly() -> &'static Policy {
        policy::by_name("bimonthly-2014").unwrap()
    }

    #[test]
    fn each_status_offers_its_actions() {
        let now = at(2026, 3, 2, 10);
        let p = bimonthly();
        let of = |s| kinds(&application(&app(s), p, &[], now));
        use ActionKind::*;
        assert_eq!(of(ApplicationStatus::Draft), [Edit, Submit]);
        assert_eq!(of(ApplicationStatus::Rejected), [Edit, Resubmit, Withdraw]);
        assert_eq!(of(ApplicationStatus::Approved), [Continue, Withdraw]);
        assert_eq!(of(ApplicationStatus::Removed), [Reactivate]);
        assert_eq!(of(ApplicationStatus::UnderReview), [Withdraw]);
        assert!(of(ApplicationStatus::Won).is_empty());
        assert!(of(ApplicationStatus::Withdrawn).is_empty());
        let unknown = ApplicationStatus::Other { raw: "x".into() };
        assert!(of(unknown).is_empty());
    }

    #[test]
    fn withdrawing_is_refused_from_the_cutoff_until_the_draw() {
        let p = bimonthly();
        let approved = app(ApplicationStatus::Approved);
        let withdraw = |now| {
            super::super::find(&application(&approved, p, &[], now), ActionKind::Withdraw)
                .cloned()
                .unwrap()
        };
        let before = withdraw(at(2026, 3, 2, 10));
        assert!(before.allowed);
        let cutoff = before.deadline.unwrap().at;
        let during = withdraw(cutoff + chrono::Duration::hours(1));
        assert!(!during.allowed);
        assert_eq!(during.reason.as_ref().unwrap().code, "pool_fixed_for_draw");
        let draw = during.opens_at.unwrap();
        assert!(draw > cutoff + chrono::Duration::hours(1));
        assert!(
            during
                .reason
                .unwrap()
                .message_zh
                .contains(&beijing_date(draw).to_string())
        );
        let after = withdraw(draw + chrono::Duration::hours(1));
        assert!(after.allowed, "{after:?}");
        assert!(after.deadline.unwrap().at > draw);
    }

    #[test]
    fn a_draft_is_due_by_the_next_cutoff() {
        let now = at(2026, 3, 2, 10);
        let actions = application(&app(ApplicationStatus::Draft), bimonthly(), &[], now);
        let submit = super::super::find(&actions, ActionKind::Submit).unwrap();
        assert!(submit.allowed && submit.reason.is_none());
        let deadline = submit.deadline.as_ref().unwrap();
        assert!(deadline.at > now);
        assert_eq!(beijing_date(deadline.at).day(), 8, "the 8th cut-off");
    }

    #[test]
    fn annual_regimes_accept_applications_only_in_the_window() {
        let annual = policy::by_name("annual-2021").unwrap();
        let inside = application(
            &app(ApplicationStatus::Draft),
            annual,
            &[],
            at(2026, 2, 1, 9),
        );
        let submit = &inside[1];
        assert!(submit.allowed);
        assert_eq!(
            beijing_date(submit.deadline.as_ref().unwrap().at),
            NaiveDate::from_ymd_opt(2026, 3, 8).unwrap()
        );
        let outside = application(
            &app(ApplicationStatus::Draft),
            annual,
            &[],
            at(2026, 5, 1, 9),
        );
        let submit = &outside[1];
        assert!(!submit.allowed);
        assert_eq!(
            submit.reason.as_ref().unwrap().code,
            "outside_application_window"
        );
        assert_eq!(
            beijing_date(submit.opens_at.unwrap()),
            NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()
        );
        assert!(
            submit
                .reason
                .as_ref()
                .unwrap()
                .message_zh
                .contains("2027-01-01")
        );
    }

    #[test]
    fn continuing_is_allowed_once_in_the_continuation_month() {
        let p = bimonthly();
        let month = p.rules.continuation.params.month;
        let inside = at(2026, month, 10, 9);
        let approved = app(ApplicationStatus::Approved);
        let allowed = &application(&approved, p, &[], inside)[0];
        assert!(allowed.allowed, "{allowed:?}");
        let deadline = allowed.deadline.as_ref().unwrap().at;
        assert_eq!(to_beijing(deadline).month(), month);
        assert!(to_beijing(deadline).day() >= 28);

        let mut continued = approved.clone();
        continued.continued_on = Some(NaiveDate::from_ymd_opt(2026, month, 3).unwrap());
        let again = &application(&continued, p, &[], inside)[0];
        assert!(!again.allowed);
        assert_eq!(again.reason.as_ref().unwrap().code, "already_continued");

        let before = at(2026, month - 1, 10, 9);
        let early = &application(&approved, p, &[], before)[0];
        assert!(!early.allowed);
        assert_eq!(
            early.reason.as_ref().unwrap().code,
            "outside_continuation_month"
        );
        assert_eq!(to_beijing(early.opens_at.unwrap()).month(), month);
        assert_eq!(early.refusal().unwrap().code, "outside_continuation_month");
        assert!(allowed.refusal().is_none());
    }

    #[test]
    fn regimes_without_continuation_offer_none() {
        let monthly = policy::by_name("monthly-2011").unwrap();
        assert!(!monthly.rules.continuation.enabled);
        let actions = application(
            &app(ApplicationStatus::Approved),
            monthly,
            &[],
            at(2012, 12, 3, 9),
        );
        assert_eq!(kinds(&actions), [ActionKind::Withdraw]);
    }
}
