//! Reminders from an applicant's state: stable ids (recomputing gives the same ids, so the apps can
//! reschedule idempotently), fire times in UTC, text in Chinese and English, and a deep link.

mod state;

pub use state::{
    ApplicantState, PendingMaritalChange, Permit, PermitKind, StateError, TrackedApplication,
    TrackedKind, TrackedStatus, WonQuota,
};

use crate::calendar::{self, Event, EventKind, holidays};
use crate::i18n::Text;
use crate::policy::Policy;
use crate::time::{beijing_date, beijing_instant, to_beijing};
use chrono::{DateTime, Datelike, Days, Months, NaiveDate, NaiveTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

/// Reminders are produced for the next this many months.
pub const HORIZON_MONTHS: u32 = 13;

/// Days before an application cut-off to remind.
const CUTOFF_DAYS: [u64; 2] = [3, 1];
/// Hours before the confirmation deadline to remind.
const CONFIRM_HOURS: [i64; 3] = [48, 24, 2];
/// Days before a quota expires to remind.
const QUOTA_EXPIRY_DAYS: [u64; 3] = [60, 30, 7];
/// Days before the last continuation day to remind again.
const CONTINUATION_LAST_DAYS: [u64; 1] = [3];
/// Days before an application lapses to warn.
const LAPSE_DAYS: [u64; 1] = [30];
/// Days before a permit endorsement or expiry, or a licence expiry, to remind.
const DOCUMENT_DAYS: [u64; 2] = [30, 7];

/// Beijing time of day at which day-based reminders fire.
fn notify_time() -> NaiveTime {
    NaiveTime::from_hms_opt(9, 0, 0).unwrap_or(NaiveTime::MIN)
}

/// What a reminder is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    /// An application cut-off is near.
    CutoffSoon,
    /// A draw is today.
    DrawDay,
    /// An NEV allocation is today.
    AllocationDay,
    /// Results are out.
    ResultsOut,
    /// The 72-hour confirmation deadline is running.
    ConfirmQuota,
    /// A quota is about to expire.
    QuotaExpiry,
    /// The month to press 继续参与 has begun.
    Continuation,
    /// The last days to press 继续参与.
    ContinuationLastDays,
    /// An application is about to lapse.
    LapseWarning,
    /// A permit's yearly endorsement is due.
    PermitEndorsement,
    /// A permit is about to expire.
    PermitExpiry,
    /// The driving licence is about to expire.
    LicenceExpiry,
    /// A marital-status review should be finished.
    MaritalReview,
}

/// A notification to schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminder {
    /// Stable id: kind tag, subject and target date, e.g. `cutoff-3d:2026-12-08`.
    pub id: String,
    /// What the reminder is about.
    pub kind: ReminderKind,
    /// When to fire, UTC.
    pub fire_at: DateTime<Utc>,
    /// Notification title.
    pub title: Text,
    /// Notification body.
    pub body: Text,
    /// Where tapping leads, e.g. `yaohao://applications/1234567890123`.
    pub deep_link: String,
}

/// Every reminder of `state` under `policy` that fires after `now` and within
/// [`HORIZON_MONTHS`], ordered by fire time. Dates the state says were announced override the
/// policy's projections.
pub fn compute(state: &ApplicantState, policy: &Policy, now: DateTime<Utc>) -> Vec<Reminder> {
    let Some(horizon) = now.checked_add_months(Months::new(HORIZON_MONTHS)) else {
        return Vec::new();
    };
    let today = beijing_date(now);
    // A little past the horizon: a reminder fires days before its event.
    let last = beijing_date(horizon)
        .checked_add_days(Days::new(61))
        .unwrap_or(NaiveDate::MAX);
    let events = calendar::events(policy, today, last, &state.announced);
    let mut c = Collector {
        now,
        horizon,
        out: Vec::new(),
    };
    cutoffs(state, &events, &mut c);
    draws(state, policy, &events, &mut c);
    quota(state, policy, &mut c);
    continuation(state, &events, &mut c);
    lapse(state, policy, &mut c);
    documents(state, &mut c);
    marital(state, policy, &mut c);
    let mut out = c.out;
    out.sort_by(|a, b| (a.fire_at, &a.id).cmp(&(b.fire_at, &b.id)));
    out.dedup_by(|a, b| a.id == b.id);
    out
}

/// Keeps reminders inside `(now, horizon]`.
struct Collector {
    now: DateTime<Utc>,
    horizon: DateTime<Utc>,
    out: Vec<Reminder>,
}

impl Collector {
    fn add(&mut self, r: Reminder) {
        if r.fire_at > self.now && r.fire_at <= self.horizon {
            self.out.push(r);
        }
    }

    /// Reminders `days` before `target` (at the notification time), one per entry, with ids
    /// `{tag}-{n}d:[{subject}:]{target}`.
    fn countdown(&mut self, what: Countdown, days: &[u64], text: impl Fn(u64) -> (Text, Text)) {
        for &n in days {
            let Some(day) = what.target.checked_sub_days(Days::new(n)) else {
                continue;
            };
            let (title, body) = text(n);
            self.add(Reminder {
                id: id(&format!("{}-{n}d", what.tag), what.subject, what.target),
                kind: what.kind,
                fire_at: beijing_instant(day, notify_time()),
                title,
                body,
                deep_link: what.link.clone(),
            });
        }
    }
}

/// The subject of a day countdown.
struct Countdown<'a> {
    kind: ReminderKind,
    tag: &'a str,
    subject: Option<&'a str>,
    target: NaiveDate,
    link: String,
}

fn id(tag: &str, subject: Option<&str>, date: NaiveDate) -> String {
    match subject {
        Some(s) => format!("{tag}:{s}:{date}"),
        None => format!("{tag}:{date}"),
    }
}

fn zh_date(d: NaiveDate) -> String {
    d.format("%Y年%-m月%-d日").to_string()
}

fn en_date(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

fn hm(at: DateTime<Utc>) -> String {
    to_beijing(at).format("%H:%M").to_string()
}

fn active(state: &ApplicantState) -> impl Iterator<Item = &TrackedApplication> {
    state
        .applications
        .iter()
        .filter(|a| a.status == TrackedStatus::Active)
}

fn of_kind(events: &[Event], kind: EventKind) -> impl Iterator<Item = &Event> {
    events.iter().filter(move |e| e.kind == kind)
}

/// Cut-off T-3d and T-1d, while an application is not yet in the pool.
fn cutoffs(state: &ApplicantState, events: &[Event], c: &mut Collector) {
    let pending = state
        .applications
        .iter()
        .any(|a| matches!(a.status, TrackedStatus::Draft | TrackedStatus::UnderReview));
    if !pending {
        return;
    }
    for e in of_kind(events, EventKind::ApplicationCutoff) {
        let what = Countdown {
            kind: ReminderKind::CutoffSoon,
            tag: "cutoff",
            subject: None,
            target: e.date,
            link: format!("yaohao://calendar/{}", e.date),
        };
        let time = hm(e.at.to_utc());
        c.countdown(what, &CUTOFF_DAYS, |n| {
            (
                Text::new(
                    format!("距申请截止还有 {n} 天"),
                    format!("Application cut-off in {n} day(s)"),
                ),
                Text::new(
                    format!(
                        "请在{} {time} 前完成申请并通过审核，才能参加下一次摇号。",
                        zh_date(e.date)
                    ),
                    format!(
                        "Complete your application by {time} on {} to join the next draw.",
                        en_date(e.date)
                    ),
                ),
            )
        });
    }
}

/// Draw or allocation day, and results out, for the applicant's active applications.
fn draws(state: &ApplicantState, policy: &Policy, events: &[Event], c: &mut Collector) {
    let mut kinds = Vec::new();
    if active(state).any(|a| a.kind == TrackedKind::Ordinary) {
        kinds.push((EventKind::Draw, ReminderKind::DrawDay, "draw-day"));
    }
    if active(state).any(|a| matches!(a.kind, TrackedKind::Nev | TrackedKind::Family)) {
        kinds.push((
            EventKind::NevAllocation,
            ReminderKind::AllocationDay,
            "allocation-day",
        ));
    }
    for (event_kind, kind, tag) in kinds {
        let label = event_kind.label();
        for e in of_kind(events, event_kind) {
            c.add(Reminder {
                id: id(tag, None, e.date),
                kind,
                fire_at: beijing_instant(e.date, notify_time()).min(e.at.to_utc()),
                title: Text::new(format!("今天{}", label.zh), format!("{} today", label.en)),
                body: Text::new(
                    format!("{} 开始；结果公布后 Yaohao 会提醒您。", hm(e.at.to_utc())),
                    format!(
                        "Starts at {}; Yaohao will tell you when results are out.",
                        hm(e.at.to_utc())
                    ),
                ),
                deep_link: format!("yaohao://calendar/{}", e.date),
            });
            results_out(policy, events, e.date, c);
        }
    }
}

/// "Results out" at the advised checking time of a draw day.
fn results_out(policy: &Policy, events: &[Event], date: NaiveDate, c: &mut Collector) {
    let Some(published) = of_kind(events, EventKind::ResultsPublished).find(|r| r.date == date)
    else {
        return;
    };
    let advised = beijing_instant(date, policy.rules.results.params.check_after);
    c.add(Reminder {
        id: id("results-out", None, date),
        kind: ReminderKind::ResultsOut,
        fire_at: advised.max(published.at.to_utc()),
        title: Text::new("摇号结果已公布", "Results are out"),
        body: Text::new(
            format!("{}的结果已公布，现在可以查询。", zh_date(date)),
            format!("Results of {} are published: check now.", en_date(date)),
        ),
        deep_link: format!("yaohao://results/{date}"),
    });
}

/// Confirmation countdown for an unconfirmed quota; expiry countdown for a confirmed one.
fn quota(state: &ApplicantState, policy: &Policy, c: &mut Collector) {
    let Some(q) = &state.quota else { return };
    let rules = &policy.rules;
    let link = format!("yaohao://quota/{}", q.code);
    if !q.confirmed && rules.confirmation.enabled {
        let published = calendar::events(policy, q.draw_date, q.draw_date, &state.announced)
            .iter()
            .find(|e| e.kind == EventKind::ResultsPublished)
            .map(|e| e.at.to_utc())
            .unwrap_or_else(|| beijing_instant(q.draw_date, rules.results.params.published));
        let deadline = published + TimeDelta::hours(rules.confirmation.params.hours.into());
        let shown = to_beijing(deadline).format("%Y-%m-%d %H:%M").to_string();
        for h in CONFIRM_HOURS {
            c.add(Reminder {
                id: id(&format!("confirm-{h}h"), Some(&q.code), q.draw_date),
                kind: ReminderKind::ConfirmQuota,
                fire_at: deadline - TimeDelta::hours(h),
                title: Text::new(
                    format!("还剩 {h} 小时确认指标"),
                    format!("{h} hours left to confirm your quota"),
                ),
                body: Text::new(
                    format!(
                        "申请编码 {} 已中签，请在 {shown}（北京时间）前确认，逾期视为放弃。",
                        q.code
                    ),
                    format!(
                        "Code {} won: confirm by {shown} Beijing time or the quota is forfeited.",
                        q.code
                    ),
                ),
                deep_link: link.clone(),
            });
        }
        return;
    }
    if !rules.quota_validity.enabled {
        return;
    }
    let months = Months::new(rules.quota_validity.params.months);
    let Some(expiry) = q.draw_date.checked_add_months(months) else {
        return;
    };
    let what = Countdown {
        kind: ReminderKind::QuotaExpiry,
        tag: "quota-expiry",
        subject: Some(&q.code),
        target: expiry,
        link,
    };
    c.countdown(what, &QUOTA_EXPIRY_DAYS, |n| {
        (
            Text::new(
                format!("指标还有 {n} 天到期"),
                format!("Quota expires in {n} days"),
            ),
            Text::new(
                format!(
                    "指标于{}到期，请在此之前完成车辆注册登记。",
                    zh_date(expiry)
                ),
                format!(
                    "The quota expires on {}: register the car before then.",
                    en_date(expiry)
                ),
            ),
        )
    });
}

/// December continuation for every active application not yet continued that month.
fn continuation(state: &ApplicantState, events: &[Event], c: &mut Collector) {
    let continued = |a: &TrackedApplication, d: NaiveDate| {
        a.last_continued_on
            .is_some_and(|l| (l.year(), l.month()) == (d.year(), d.month()))
    };
    for a in active(state) {
        let link = format!("yaohao://applications/{}", a.code);
        for e in of_kind(events, EventKind::ContinuationOpens).filter(|e| !continued(a, e.date)) {
            c.add(Reminder {
                id: id("continuation", Some(&a.code), e.date),
                kind: ReminderKind::Continuation,
                fire_at: beijing_instant(e.date, notify_time()),
                title: Text::new("请点击“继续参与”", "Press 继续参与 (continue)"),
                body: Text::new(
                    format!(
                        "申请编码 {}：本月内点击“继续参与”，1 月 1 日清理时才会保留。",
                        a.code
                    ),
                    format!(
                        "Code {}: press 继续参与 this month so the 1 January clean-up keeps it.",
                        a.code
                    ),
                ),
                deep_link: link.clone(),
            });
        }
        for e in of_kind(events, EventKind::ContinuationCloses).filter(|e| !continued(a, e.date)) {
            let what = Countdown {
                kind: ReminderKind::ContinuationLastDays,
                tag: "continuation",
                subject: Some(&a.code),
                target: e.date,
                link: link.clone(),
            };
            c.countdown(what, &CONTINUATION_LAST_DAYS, |n| {
                (
                    Text::new(
                        format!("“继续参与”还剩 {n} 天"),
                        format!("{n} days left to continue"),
                    ),
                    Text::new(
                        format!("申请编码 {}：{}前点击“继续参与”。", a.code, zh_date(e.date)),
                        format!("Code {}: press 继续参与 by {}.", a.code, en_date(e.date)),
                    ),
                )
            });
        }
    }
}

/// Warning before the clean-up that removes an application idle for the lapse period.
fn lapse(state: &ApplicantState, policy: &Policy, c: &mut Collector) {
    let r = &policy.rules;
    if !(r.lapse.enabled && r.cleanup.enabled) {
        return;
    }
    let cleanup_in =
        |year: i32| NaiveDate::from_ymd_opt(year, r.cleanup.params.month, r.cleanup.params.day);
    for a in active(state) {
        let Some(basis) = a.submitted_on.max(a.last_continued_on) else {
            continue;
        };
        let Some(due) = basis.checked_add_months(Months::new(r.lapse.params.months)) else {
            continue;
        };
        let Some(lapse_on) = cleanup_in(due.year())
            .filter(|d| *d >= due)
            .or_else(|| cleanup_in(due.year() + 1))
        else {
            continue;
        };
        let what = Countdown {
            kind: ReminderKind::LapseWarning,
            tag: "lapse",
            subject: Some(&a.code),
            target: lapse_on,
            link: format!("yaohao://applications/{}", a.code),
        };
        let months = r.lapse.params.months;
        c.countdown(what, &LAPSE_DAYS, |_| {
            (
                Text::new("申请即将失效", "Application about to lapse"),
                Text::new(
                    format!(
                        "申请编码 {} 已连续 {months} 个月未中签，若不点击“继续参与”，将在{}清理时移出摇号池（可重新激活）。",
                        a.code,
                        zh_date(lapse_on)
                    ),
                    format!(
                        "Code {} has gone {months} months without a win: press 继续参与 or the clean-up on {} removes it (it can be re-activated).",
                        a.code,
                        en_date(lapse_on)
                    ),
                ),
            )
        });
    }
}

/// Permit endorsement and expiry, licence expiry.
fn documents(state: &ApplicantState, c: &mut Collector) {
    for p in &state.permits {
        let (zh, en) = match p.kind {
            PermitKind::WorkResidence => ("工作居住证", "work residence permit"),
            PermitKind::Residence => ("居住证", "residence permit"),
        };
        let link = "yaohao://profile/permits".to_owned();
        if let Some(by) = p.endorse_by {
            let what = Countdown {
                kind: ReminderKind::PermitEndorsement,
                tag: "permit-endorse",
                subject: Some(p.kind.id()),
                target: by,
                link: link.clone(),
            };
            c.countdown(what, &DOCUMENT_DAYS, |n| {
                (
                    Text::new(
                        format!("{zh}还有 {n} 天须年审"),
                        format!("Endorse your {en} within {n} days"),
                    ),
                    Text::new(
                        format!(
                            "请在{}前办理{zh}年度签注，过期将无法通过资格审核。",
                            zh_date(by)
                        ),
                        format!(
                            "Have your {en} endorsed by {}: an expired permit fails review.",
                            en_date(by)
                        ),
                    ),
                )
            });
        }
        let what = Countdown {
            kind: ReminderKind::PermitExpiry,
            tag: "permit-expiry",
            subject: Some(p.kind.id()),
            target: p.expires_on,
            link,
        };
        c.countdown(what, &DOCUMENT_DAYS, |n| {
            (
                Text::new(
                    format!("{zh}还有 {n} 天到期"),
                    format!("Your {en} expires in {n} days"),
                ),
                Text::new(
                    format!(
                        "{zh}于{}到期，过期将无法通过资格审核，请及时续办。",
                        zh_date(p.expires_on)
                    ),
                    format!(
                        "Your {en} expires on {}: renew it, an expired permit fails review.",
                        en_date(p.expires_on)
                    ),
                ),
            )
        });
    }
    if let Some(expires) = state.licence_expires_on {
        let what = Countdown {
            kind: ReminderKind::LicenceExpiry,
            tag: "licence-expiry",
            subject: None,
            target: expires,
            link: "yaohao://profile/licence".to_owned(),
        };
        c.countdown(what, &DOCUMENT_DAYS, |n| {
            (
                Text::new(
                    format!("驾驶证还有 {n} 天到期"),
                    format!("Driving licence expires in {n} days"),
                ),
                Text::new(
                    format!(
                        "驾驶证于{}到期，申请须持有有效驾驶证，请及时换证。",
                        zh_date(expires)
                    ),
                    format!(
                        "Your licence expires on {}: applying needs a valid licence, renew it.",
                        en_date(expires)
                    ),
                ),
            )
        });
    }
}

/// When a marital-status review should be finished.
fn marital(state: &ApplicantState, policy: &Policy, c: &mut Collector) {
    let rule = &policy.rules.marital_review;
    let Some(m) = &state.marital_change else {
        return;
    };
    if !rule.enabled {
        return;
    }
    let done = holidays::add_working_days(m.submitted_on, rule.params.working_days);
    c.add(Reminder {
        id: id("marital-review", None, done),
        kind: ReminderKind::MaritalReview,
        fire_at: beijing_instant(done, notify_time()),
        title: Text::new("婚姻状况变更审核应已完成", "Marital-status review should be done"),
        body: Text::new(
            format!(
                "{}提交的婚姻状况变更约需 {} 个工作日审核，请查看结果。",
                zh_date(m.submitted_on),
                rule.params.working_days
            ),
            format!(
                "The marital-status change sent on {} takes about {} working days to review: check the result.",
                en_date(m.submitted_on),
                rule.params.working_days
            ),
        ),
        deep_link: "yaohao://profile/marital".to_owned(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::default_policy;

    const CODE: &str = "1234567890123";

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn app(status: TrackedStatus, submitted: &str) -> TrackedApplication {
        TrackedApplication {
            code: CODE.into(),
            kind: TrackedKind::Ordinary,
            status,
            submitted_on: Some(d(submitted)),
            last_continued_on: None,
            draws_without_win: 0,
        }
    }

    fn fires(rs: &[Reminder], id: &str) -> Option<String> {
        rs.iter()
            .find(|r| r.id == id)
            .map(|r| r.fire_at.to_rfc3339())
    }

    #[test]
    fn cutoff_reminders_only_while_an_application_is_pending() {
        let now = utc("2026-11-23T00:00:00Z");
        let mut state = ApplicantState {
            applications: vec![app(TrackedStatus::Draft, "2026-11-20")],
            ..Default::default()
        };
        let rs = compute(&state, default_policy(), now);
        assert_eq!(
            fires(&rs, "cutoff-3d:2026-12-08").as_deref(),
            Some("2026-12-05T01:00:00+00:00")
        );
        assert_eq!(
            fires(&rs, "cutoff-1d:2026-12-08").as_deref(),
            Some("2026-12-07T01:00:00+00:00")
        );
        let first = rs.iter().find(|r| r.id == "cutoff-3d:2026-12-08").unwrap();
        assert_eq!(first.kind, ReminderKind::CutoffSoon);
        assert_eq!(first.deep_link, "yaohao://calendar/2026-12-08");
        assert!(first.body.zh.contains("2026年12月8日 23:59"));
        state.applications[0].status = TrackedStatus::Active;
        let rs = compute(&state, default_policy(), now);
        assert!(rs.iter().all(|r| r.kind != ReminderKind::CutoffSoon));
    }

    #[test]
    fn draw_day_and_results_out_for_active_applications() {
        let state = ApplicantState {
            applications: vec![app(TrackedStatus::Active, "2026-06-01")],
            ..Default::default()
        };
        let rs = compute(&state, default_policy(), utc("2026-11-23T00:00:00Z"));
        assert_eq!(
            fires(&rs, "draw-day:2026-12-26").as_deref(),
            Some("2026-12-26T01:00:00+00:00")
        );
        assert_eq!(
            fires(&rs, "results-out:2026-12-26").as_deref(),
            Some("2026-12-26T06:00:00+00:00")
        );
        // Six draws in the 13-month horizon (Dec 2026 … Oct 2027).
        assert_eq!(
            rs.iter()
                .filter(|r| r.kind == ReminderKind::DrawDay)
                .count(),
            6
        );
    }

    #[test]
    fn confirmation_countdown_from_publication() {
        let state = ApplicantState {
            quota: Some(WonQuota {
                code: CODE.into(),
                draw_date: d("2026-10-26"),
                confirmed: false,
            }),
            ..Default::default()
        };
        // 13:00 Beijing on draw day; the deadline is 12:00 + 72 h = 29 Oct 12:00 Beijing.
        let rs = compute(&state, default_policy(), utc("2026-10-26T05:00:00Z"));
        let ids: Vec<_> = rs
            .iter()
            .map(|r| (r.id.as_str(), r.fire_at.to_rfc3339()))
            .collect();
        assert_eq!(
            ids,
            [
                (
                    "confirm-48h:1234567890123:2026-10-26",
                    "2026-10-27T04:00:00+00:00".to_owned()
                ),
                (
                    "confirm-24h:1234567890123:2026-10-26",
                    "2026-10-28T04:00:00+00:00".to_owned()
                ),
                (
                    "confirm-2h:1234567890123:2026-10-26",
                    "2026-10-29T02:00:00+00:00".to_owned()
                ),
            ]
        );
        assert!(rs[0].body.zh.contains("2026-10-29 12:00"));
        // Past reminders are never produced.
        let later = compute(&state, default_policy(), utc("2026-10-28T12:00:00Z"));
        assert_eq!(later.len(), 1);
        assert_eq!(later[0].id, "confirm-2h:1234567890123:2026-10-26");
    }

    #[test]
    fn quota_expiry_after_confirmation() {
        let state = ApplicantState {
            quota: Some(WonQuota {
                code: CODE.into(),
                draw_date: d("2026-02-26"),
                confirmed: true,
            }),
            ..Default::default()
        };
        let rs = compute(&state, default_policy(), utc("2026-11-23T00:00:00Z"));
        let ids: Vec<_> = rs.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "quota-expiry-60d:1234567890123:2027-02-26",
                "quota-expiry-30d:1234567890123:2027-02-26",
                "quota-expiry-7d:1234567890123:2027-02-26",
            ]
        );
        assert_eq!(rs[0].fire_at.to_rfc3339(), "2026-12-28T01:00:00+00:00");
        assert_eq!(rs[0].deep_link, "yaohao://quota/1234567890123");
    }

    #[test]
    fn continuation_and_lapse() {
        let mut state = ApplicantState {
            applications: vec![app(TrackedStatus::Active, "2025-03-01")],
            ..Default::default()
        };
        let rs = compute(&state, default_policy(), utc("2026-11-23T00:00:00Z"));
        assert!(fires(&rs, "continuation:1234567890123:2026-12-01").is_some());
        assert_eq!(
            fires(&rs, "continuation-3d:1234567890123:2026-12-31").as_deref(),
            Some("2026-12-28T01:00:00+00:00")
        );
        // Submitted 2025-03-01: 24 months end 2027-03-01, so the 2028-01-01 clean-up removes it.
        assert_eq!(
            fires(&rs, "lapse-30d:1234567890123:2028-01-01").as_deref(),
            Some("2027-12-02T01:00:00+00:00")
        );
        // Continued this December: no reminder for it, next December's still comes.
        state.applications[0].last_continued_on = Some(d("2026-12-02"));
        let rs = compute(&state, default_policy(), utc("2026-12-03T00:00:00Z"));
        assert!(fires(&rs, "continuation-3d:1234567890123:2026-12-31").is_none());
        assert!(fires(&rs, "continuation:1234567890123:2027-12-01").is_some());
        assert!(
            rs.iter().all(|r| r.kind != ReminderKind::LapseWarning),
            "continuing reset the clock"
        );
    }

    #[test]
    fn permits_licence_and_marital_review() {
        let state = ApplicantState {
            permits: vec![
                Permit {
                    kind: PermitKind::Residence,
                    expires_on: d("2027-01-15"),
                    endorse_by: None,
                },
                Permit {
                    kind: PermitKind::WorkResidence,
                    expires_on: d("2029-01-01"),
                    endorse_by: Some(d("2027-03-31")),
                },
            ],
            licence_expires_on: Some(d("2027-06-30")),
            marital_change: Some(PendingMaritalChange {
                submitted_on: d("2026-09-24"),
            }),
            ..Default::default()
        };
        let rs = compute(&state, default_policy(), utc("2026-09-25T00:00:00Z"));
        assert_eq!(
            fires(&rs, "permit-expiry-30d:residence:2027-01-15").as_deref(),
            Some("2026-12-16T01:00:00+00:00")
        );
        assert!(fires(&rs, "permit-endorse-7d:work_residence:2027-03-31").is_some());
        assert!(fires(&rs, "licence-expiry-30d:2027-06-30").is_some());
        // Five working days after Thursday 24 Sep 2026, across the Mid-Autumn and National Day holidays.
        assert_eq!(
            fires(&rs, "marital-review:2026-10-09").as_deref(),
            Some("2026-10-09T01:00:00+00:00")
        );
        // The work permit expires beyond the horizon.
        assert!(
            rs.iter()
                .all(|r| !r.id.starts_with("permit-expiry-30d:work_residence"))
        );
    }

    #[test]
    fn ids_are_stable_and_reminders_bounded() {
        let state = ApplicantState {
            applications: vec![
                app(TrackedStatus::Active, "2025-03-01"),
                app(TrackedStatus::Draft, "2026-11-01"),
            ],
            quota: Some(WonQuota {
                code: CODE.into(),
                draw_date: d("2026-02-26"),
                confirmed: true,
            }),
            ..Default::default()
        };
        let a_now = utc("2026-11-23T00:00:00Z");
        let b_now = utc("2026-12-06T00:00:00Z");
        let a = compute(&state, default_policy(), a_now);
        let b = compute(&state, default_policy(), b_now);
        for r in &a {
            if r.fire_at > b_now && r.fire_at <= utc("2027-12-06T00:00:00Z") {
                assert!(b.contains(r), "{} changed", r.id);
            }
        }
        assert!(
            a.iter()
                .all(|r| r.fire_at > a_now && r.fire_at <= utc("2027-12-23T00:00:00Z"))
        );
        assert!(
            a.windows(2)
                .all(|w| w[0].fire_at <= w[1].fire_at && w[0].id != w[1].id)
        );
        assert!(fires(&b, "cutoff-3d:2026-12-08").is_none(), "past reminder");
    }

    proptest::proptest! {
        #[test]
        fn never_past_never_beyond_the_horizon_ids_unique(secs in 1_400_000_000i64..1_900_000_000) {
            let now = DateTime::from_timestamp(secs, 0).unwrap();
            let state = ApplicantState {
                applications: vec![app(TrackedStatus::Active, "2015-03-01"), app(TrackedStatus::Draft, "2020-01-01")],
                quota: Some(WonQuota { code: CODE.into(), draw_date: d("2020-02-26"), confirmed: false }),
                licence_expires_on: Some(d("2024-05-01")),
                marital_change: Some(PendingMaritalChange { submitted_on: d("2022-01-20") }),
                ..Default::default()
            };
            let rs = compute(&state, default_policy(), now);
            let horizon = now.checked_add_months(Months::new(HORIZON_MONTHS)).unwrap();
            proptest::prop_assert!(rs.iter().all(|r| r.fire_at > now && r.fire_at <= horizon));
            let mut ids: Vec<_> = rs.iter().map(|r| &r.id).collect();
            ids.sort();
            ids.dedup();
            proptest::prop_assert_eq!(ids.len(), rs.len());
        }
    }

    #[test]
    fn state_check_names_the_field() {
        let state = ApplicantState {
            applications: vec![TrackedApplication {
                code: "12345".into(),
                ..app(TrackedStatus::Active, "2026-01-01")
            }],
            ..Default::default()
        };
        let err = state.check().unwrap_err();
        assert_eq!(err.field, "applications[0].code");
    }
}
