//! The policy calendar: every cut-off, freeze, draw, publication, continuation, clean-up and annual
//! window of a policy in a date range, in Beijing time; portal announcements override projections.

mod event;
pub mod holidays;

pub use event::{AnnouncedDate, Event, EventKind};

use crate::i18n::Text;
use crate::policy::{DrawKind, DrawSchedule, Policy};
use crate::time::{beijing_instant, to_beijing};
use chrono::{DateTime, Datelike, Days, FixedOffset, Months, NaiveDate, NaiveTime};

/// Every event of `policy` whose Beijing date lies in `from..=to`, in time order.
///
/// An [`AnnouncedDate`] replaces the projected event of its kind and date (and is marked
/// `announced`); a draw's freeze and results follow the draw's announced day. Draws move to the
/// next working day only when the policy's `weekend_shift` rule is on.
pub fn events(
    policy: &Policy,
    from: NaiveDate,
    to: NaiveDate,
    announced: &[AnnouncedDate],
) -> Vec<Event> {
    let mut out: Vec<Event> = placed(policy, from, to, announced)
        .into_iter()
        .map(|p| p.event)
        .filter(|e| (from..=to).contains(&e.date))
        .collect();
    out.sort_by_key(|e| (e.at, e.kind));
    out.dedup_by(|a, b| a.kind == b.kind && a.at == b.at);
    out
}

/// Every event placed for the months around `from..=to` (unsorted, unfiltered), with the date
/// the policy projected it on.
fn placed(
    policy: &Policy,
    from: NaiveDate,
    to: NaiveDate,
    announced: &[AnnouncedDate],
) -> Vec<Placed> {
    let mut b = Builder {
        announced,
        out: Vec::new(),
    };
    // A month of margin: a freeze starts the day before, a shifted draw may cross a month end.
    let start = from
        .with_day(1)
        .and_then(|d| d.checked_sub_months(Months::new(1)));
    let end = to.checked_add_months(Months::new(1));
    let (Some(start), Some(end)) = (start, end) else {
        return Vec::new();
    };
    let firsts = std::iter::successors(Some(start), |m| m.checked_add_months(Months::new(1)));
    for first in firsts.take_while(|m| *m <= end) {
        for schedule in &policy.draws {
            draw_events(policy, schedule, first, &mut b);
        }
        yearly_events(policy, first, &mut b);
    }
    b.out
}

/// Why the portal cannot announce a date (see [`check_announcement`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnnouncementError {
    /// The policy projects no event of that kind on that date.
    NotProjected,
    /// The announced day is not strictly between the events of its kind before and after.
    OutsideCycle {
        /// The previous event of the kind.
        after: NaiveDate,
        /// The next event of the kind.
        before: NaiveDate,
    },
}

/// How far around the projected date [`check_announcement`] looks for the neighbouring events
/// (more than a year: annual regimes draw once a year).
const NEIGHBOURS_WITHIN_DAYS: u64 = 800;

/// Checks that `new` replaces an event the policy projects on `new.projected` (with the
/// `announced` dates already in force, which move a draw's freeze and results) and moves it to a
/// day strictly between the events of its kind before and after, so events keep their order and
/// draws their numbers.
pub fn check_announcement(
    policy: &Policy,
    new: &AnnouncedDate,
    announced: &[AnnouncedDate],
) -> Result<(), AnnouncementError> {
    let others: Vec<AnnouncedDate> = announced
        .iter()
        .filter(|a| (a.kind, a.projected) != (new.kind, new.projected))
        .cloned()
        .collect();
    let around = Days::new(NEIGHBOURS_WITHIN_DAYS);
    let (Some(from), Some(to)) = (
        new.projected.checked_sub_days(around),
        new.projected.checked_add_days(around),
    ) else {
        return Err(AnnouncementError::NotProjected);
    };
    let mut same_kind: Vec<Placed> = placed(policy, from, to, &others)
        .into_iter()
        .filter(|p| p.event.kind == new.kind)
        .collect();
    same_kind.sort_by_key(|p| p.projected);
    if !same_kind.iter().any(|p| p.projected == new.projected) {
        return Err(AnnouncementError::NotProjected);
    }
    let after = same_kind
        .iter()
        .rev()
        .find(|p| p.projected < new.projected)
        .map_or(from, |p| p.event.date);
    let before = same_kind
        .iter()
        .find(|p| p.projected > new.projected)
        .map_or(to, |p| p.event.date);
    // Checked: at the edge of chrono's range the Beijing day of an instant does not exist.
    let day = new
        .at
        .naive_utc()
        .checked_add_offset(crate::time::beijing())
        .map(|local| local.date());
    if day.is_some_and(|day| after < day && day < before) {
        Ok(())
    } else {
        Err(AnnouncementError::OutsideCycle { after, before })
    }
}

/// An event and the date the policy projected it on.
struct Placed {
    projected: NaiveDate,
    event: Event,
}

/// Collects events, applying announcements.
struct Builder<'a> {
    announced: &'a [AnnouncedDate],
    out: Vec<Placed>,
}

impl Builder<'_> {
    /// Adds the event of `kind` projected on `date` at `time`, or its announced replacement;
    /// returns when it happens.
    fn place(
        &mut self,
        kind: EventKind,
        date: NaiveDate,
        time: NaiveTime,
        note: Text,
    ) -> DateTime<FixedOffset> {
        let found = self
            .announced
            .iter()
            .find(|a| a.kind == kind && a.projected == date);
        let at = found.map_or_else(|| beijing(date, time), |a| to_beijing(a.at.to_utc()));
        self.out.push(Placed {
            projected: date,
            event: Event {
                kind,
                date: at.date_naive(),
                at,
                announced: found.is_some(),
                note,
            },
        });
        at
    }
}

fn beijing(date: NaiveDate, time: NaiveTime) -> DateTime<FixedOffset> {
    to_beijing(beijing_instant(date, time))
}

fn hm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// The last second of a day.
fn end_of_day() -> NaiveTime {
    NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN)
}

/// A draw of `schedule` in the month starting `first`, with its cut-off, freeze and results.
fn draw_events(policy: &Policy, schedule: &DrawSchedule, first: NaiveDate, b: &mut Builder) {
    let r = &policy.rules;
    if !schedule.months.contains(&first.month()) {
        return;
    }
    let Some(date) = first
        .with_day(schedule.day)
        .filter(|d| schedule.applies_on(*d))
    else {
        return;
    };
    let date = if r.weekend_shift.enabled && !holidays::is_working_day(date) {
        holidays::next_working_day(date)
    } else {
        date
    };
    let kind = match schedule.kind {
        DrawKind::Draw => EventKind::Draw,
        DrawKind::NevAllocation => EventKind::NevAllocation,
    };
    let draw_day = b
        .place(kind, date, schedule.time, schedule.note.clone())
        .date_naive();

    let cutoff = &r.application_cutoff;
    if cutoff.enabled
        && schedule.kind == DrawKind::Draw
        && schedule.day > cutoff.params.day
        && let Some(day) = first.with_day(cutoff.params.day)
    {
        let note = Text::new(
            format!(
                "本日 {} 前完成的申请参加 {draw_day} 的摇号",
                hm(cutoff.params.time)
            ),
            format!(
                "Applications complete by {} today join the draw of {draw_day}",
                hm(cutoff.params.time)
            ),
        );
        b.place(EventKind::ApplicationCutoff, day, cutoff.params.time, note);
    }

    let freeze = &r.data_freeze;
    if freeze.enabled {
        let f = &freeze.params;
        if let Some(start) = draw_day.checked_sub_days(Days::new(f.starts_days_before.into())) {
            let note = Text::new(
                format!("数据封存至摇号日 {}，期间无法查询，这不是故障", hm(f.ends)),
                format!(
                    "Data frozen until {} on draw day: queries are unavailable, this is not an error",
                    hm(f.ends)
                ),
            );
            b.place(EventKind::DataFreezeStarts, start, f.starts, note);
        }
        let note = Text::new(
            "数据封存结束，可以查询",
            "Data freeze over: queries work again",
        );
        b.place(EventKind::DataFreezeEnds, draw_day, f.ends, note);
    }

    let results = &r.results;
    if results.enabled {
        let t = &results.params;
        let note = Text::new(
            format!(
                "{} 后公布结果，建议 {} 后查询",
                hm(t.published),
                hm(t.check_after)
            ),
            format!(
                "Results out after {}; check after {}",
                hm(t.published),
                hm(t.check_after)
            ),
        );
        b.place(EventKind::ResultsPublished, draw_day, t.published, note);
    }
}

/// Continuation, clean-up and annual windows falling in the month starting `first`.
fn yearly_events(policy: &Policy, first: NaiveDate, b: &mut Builder) {
    let r = &policy.rules;
    let month = first.month();
    if r.continuation.enabled && r.continuation.params.month == month {
        let note = Text::new(
            "本月内点击“继续参与”，否则 1 月 1 日清理时可能移出摇号池",
            "Press 继续参与 (continue) this month, or the 1 January clean-up may remove the application",
        );
        b.place(EventKind::ContinuationOpens, first, NaiveTime::MIN, note);
        if let Some(last) = first
            .checked_add_months(Months::new(1))
            .and_then(|d| d.pred_opt())
        {
            let note = Text::new(
                "今天是点击“继续参与”的最后一天",
                "Last day to press 继续参与 (continue)",
            );
            b.place(EventKind::ContinuationCloses, last, end_of_day(), note);
        }
    }
    if r.cleanup.enabled
        && r.cleanup.params.month == month
        && let Some(day) = first.with_day(r.cleanup.params.day)
    {
        let note = Text::new(
            format!(
                "清理：连续 {} 个月未中签且未确认继续参与的申请移出摇号池",
                r.lapse.params.months
            ),
            format!(
                "Clean-up: applications without a win for {} months and not continued leave the pool",
                r.lapse.params.months
            ),
        );
        b.place(EventKind::Cleanup, day, NaiveTime::MIN, note);
    }
    for w in &policy.windows {
        if w.opens_month == month
            && let Some(day) = first.with_day(w.opens_day)
        {
            let note = Text::new("年度申报/确认开始", "Yearly application/confirmation opens");
            b.place(EventKind::ApplicationWindowOpens, day, NaiveTime::MIN, note);
        }
        if w.closes_month == month
            && let Some(day) = first.with_day(w.closes_day)
        {
            let note = Text::new(
                "年度申报/确认截止",
                "Yearly application/confirmation closes",
            );
            b.place(EventKind::ApplicationWindowCloses, day, end_of_day(), note);
        }
    }
}

/// The sequence (1-based) of the ordinary draw on `date` among the calendar's draws of its year:
/// the period number (分期编号) is the year and this sequence, `YYYYNN` (the April 2026 draw is
/// 202602, the December one 202606).
pub fn draw_sequence(policy: &Policy, date: NaiveDate, announced: &[AnnouncedDate]) -> u32 {
    let january = NaiveDate::from_ymd_opt(date.year(), 1, 1).unwrap_or(date);
    let draws = events(policy, january, date, announced)
        .into_iter()
        .filter(|e| e.kind == EventKind::Draw)
        .count();
    u32::try_from(draws).unwrap_or(u32::MAX).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::{all, by_name, default_policy};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn events_stay_in_range_sorted_and_shifted_draws_fall_on_working_days(
            start in 0i64..120_000,
            span in 0u64..400,
            which in 0usize..3,
            shift in any::<bool>(),
        ) {
            let from = d("1900-01-01") + chrono::Duration::days(start);
            let to = from + Days::new(span);
            let mut p = all()[which].clone();
            p.rules.weekend_shift.enabled = shift;
            let ev = events(&p, from, to, &[]);
            prop_assert!(ev.iter().all(|e| (from..=to).contains(&e.date)));
            prop_assert!(ev.iter().all(|e| e.at.date_naive() == e.date));
            prop_assert!(ev.windows(2).all(|w| (w[0].at, w[0].kind) < (w[1].at, w[1].kind)));
            if shift {
                let draws = ev.iter().filter(|e| matches!(e.kind, EventKind::Draw | EventKind::NevAllocation));
                for e in draws {
                    prop_assert!(holidays::is_working_day(e.date), "{}", e.date);
                }
            }
        }
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn of_kind(events: &[Event], kind: EventKind) -> Vec<String> {
        events
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| e.at.to_rfc3339())
            .collect()
    }

    #[test]
    fn real_draw_dates_of_2014_to_2016() {
        let p = default_policy();
        let ev = events(p, d("2014-01-01"), d("2016-12-31"), &[]);
        let draws = of_kind(&ev, EventKind::Draw);
        assert_eq!(draws.len(), 18);
        // The draw dates of the fixture files (periods 201402, 201506, 201601, 201602).
        for real in ["2014-04-26", "2015-12-26", "2016-02-26", "2016-04-26"] {
            assert!(draws.contains(&format!("{real}T10:15:00+08:00")), "{real}");
        }
        // Drawn on a Sunday and a Saturday in the real record: no shift.
        assert!(draws.contains(&"2015-04-26T10:15:00+08:00".to_owned()));
        assert!(draws.contains(&"2015-12-26T10:15:00+08:00".to_owned()));
        // 2016: the NEV queue allocation ran on the draw days (201601 on 2016-02-26).
        let nev = of_kind(&ev, EventKind::NevAllocation);
        assert_eq!(nev.len(), 6);
        assert!(nev.contains(&"2016-02-26T10:15:00+08:00".to_owned()));
        assert!(!draws.iter().chain(&nev).any(|s| s.starts_with("2016-01")));
        assert!(!nev.iter().any(|s| s.starts_with("2015")));
    }

    #[test]
    fn period_numbers_are_the_calendar_sequence_not_the_month() {
        let policy = default_policy();
        assert_eq!(draw_sequence(policy, d("2026-04-26"), &[]), 2);
        assert_eq!(draw_sequence(policy, d("2026-12-26"), &[]), 6);
        // The fixtures' real periods: 201506 was drawn in December 2015, 201601 in February 2016.
        assert_eq!(draw_sequence(policy, d("2015-12-26"), &[]), 6);
        assert_eq!(draw_sequence(policy, d("2016-02-26"), &[]), 1);
    }

    #[test]
    fn a_draw_brings_cutoff_freeze_and_results() {
        let ev = events(default_policy(), d("2026-12-01"), d("2026-12-31"), &[]);
        let at = |k| of_kind(&ev, k);
        assert_eq!(
            at(EventKind::ApplicationCutoff),
            ["2026-12-08T23:59:00+08:00"]
        );
        assert_eq!(
            at(EventKind::DataFreezeStarts),
            ["2026-12-25T20:00:00+08:00"]
        );
        assert_eq!(at(EventKind::DataFreezeEnds), ["2026-12-26T10:00:00+08:00"]);
        assert_eq!(at(EventKind::Draw), ["2026-12-26T10:15:00+08:00"]);
        assert_eq!(
            at(EventKind::ResultsPublished),
            ["2026-12-26T12:00:00+08:00"]
        );
        assert_eq!(
            at(EventKind::ContinuationOpens),
            ["2026-12-01T00:00:00+08:00"]
        );
        assert_eq!(
            at(EventKind::ContinuationCloses),
            ["2026-12-31T23:59:59+08:00"]
        );
        assert!(ev.windows(2).all(|w| w[0].at <= w[1].at));
        assert!(ev.iter().all(|e| !e.announced));
        let jan = events(default_policy(), d("2027-01-01"), d("2027-01-31"), &[]);
        assert_eq!(
            of_kind(&jan, EventKind::Cleanup),
            ["2027-01-01T00:00:00+08:00"]
        );
        assert!(of_kind(&jan, EventKind::Draw).is_empty());
    }

    #[test]
    fn range_ends_are_inclusive_by_beijing_date() {
        let ev = events(default_policy(), d("2026-12-26"), d("2026-12-26"), &[]);
        let kinds: Vec<_> = ev.iter().map(|e| e.kind).collect();
        assert_eq!(
            kinds,
            [
                EventKind::DataFreezeEnds,
                EventKind::Draw,
                EventKind::ResultsPublished
            ]
        );
        assert!(events(default_policy(), d("2026-12-27"), d("2026-12-26"), &[]).is_empty());
    }

    #[test]
    fn weekend_shift_when_switched_on() {
        let mut p = default_policy().clone();
        p.rules.weekend_shift.enabled = true;
        let ev = events(&p, d("2015-12-01"), d("2015-12-31"), &[]);
        assert_eq!(of_kind(&ev, EventKind::Draw), ["2015-12-28T10:15:00+08:00"]);
        assert_eq!(
            of_kind(&ev, EventKind::ResultsPublished),
            ["2015-12-28T12:00:00+08:00"]
        );
        // 2026-04-26 is a Sunday; 2026-06-26 a Friday stays.
        let ev = events(&p, d("2026-04-01"), d("2026-06-30"), &[]);
        assert_eq!(
            of_kind(&ev, EventKind::Draw),
            ["2026-04-27T10:15:00+08:00", "2026-06-26T10:15:00+08:00"]
        );
    }

    #[test]
    fn announced_date_overrides_the_projection() {
        let ann = AnnouncedDate {
            kind: EventKind::Draw,
            projected: d("2026-12-26"),
            at: "2026-12-28T09:30:00+08:00".parse().unwrap(),
        };
        let ev = events(default_policy(), d("2026-12-20"), d("2026-12-31"), &[ann]);
        let draw = ev.iter().find(|e| e.kind == EventKind::Draw).unwrap();
        assert!(draw.announced);
        assert_eq!(draw.date, d("2026-12-28"));
        assert_eq!(
            of_kind(&ev, EventKind::ResultsPublished),
            ["2026-12-28T12:00:00+08:00"]
        );
        assert_eq!(
            of_kind(&ev, EventKind::DataFreezeStarts),
            ["2026-12-27T20:00:00+08:00"]
        );
    }

    #[test]
    fn annual_regime_windows_and_allocations() {
        let p = by_name("annual-2021").unwrap();
        let ev = events(p, d("2026-01-01"), d("2026-12-31"), &[]);
        assert_eq!(
            of_kind(&ev, EventKind::ApplicationWindowOpens),
            ["2026-01-01T00:00:00+08:00"]
        );
        assert_eq!(
            of_kind(&ev, EventKind::ApplicationWindowCloses),
            ["2026-03-08T23:59:59+08:00"]
        );
        assert_eq!(
            of_kind(&ev, EventKind::NevAllocation),
            ["2026-05-26T10:00:00+08:00"]
        );
        assert_eq!(
            of_kind(&ev, EventKind::Draw),
            ["2026-06-26T10:00:00+08:00", "2026-12-26T10:00:00+08:00"]
        );
        assert!(of_kind(&ev, EventKind::ApplicationCutoff).is_empty());
    }

    #[test]
    fn monthly_regime_draws_every_month() {
        let p = by_name("monthly-2011").unwrap();
        let ev = events(p, d("2011-01-01"), d("2011-12-31"), &[]);
        assert_eq!(of_kind(&ev, EventKind::Draw).len(), 12);
        assert!(of_kind(&ev, EventKind::ResultsPublished).is_empty());
    }

    fn announce(kind: EventKind, projected: &str, at: &str) -> AnnouncedDate {
        AnnouncedDate {
            kind,
            projected: d(projected),
            // As serde reads it (more lenient than RFC 3339: signed years beyond 9999).
            at: at.parse().unwrap(),
        }
    }

    #[test]
    fn an_announcement_moves_a_projected_event_within_its_cycle() {
        let p = by_name("bimonthly-2014").unwrap();
        let moved = [announce(
            EventKind::Draw,
            "2026-04-26",
            "2026-04-27T09:30:00+08:00",
        )];
        assert_eq!(check_announcement(p, &moved[0], &[]), Ok(()));
        // Announcing it again (a correction) is judged without the first announcement.
        let again = announce(EventKind::Draw, "2026-04-26", "2026-04-28T09:30:00+08:00");
        assert_eq!(check_announcement(p, &again, &moved), Ok(()));
        // A moved draw moves its freeze: the freeze is now projected for the eve of 27 April.
        let freeze = announce(
            EventKind::DataFreezeStarts,
            "2026-04-26",
            "2026-04-26T21:00:00+08:00",
        );
        assert_eq!(check_announcement(p, &freeze, &moved), Ok(()));
        let stale = announce(
            EventKind::DataFreezeStarts,
            "2026-04-25",
            "2026-04-25T21:00:00+08:00",
        );
        assert_eq!(
            check_announcement(p, &stale, &moved),
            Err(AnnouncementError::NotProjected)
        );
    }

    #[test]
    fn an_announcement_needs_a_projected_event_and_stays_between_its_neighbours() {
        let p = by_name("bimonthly-2014").unwrap();
        let no_draw = announce(EventKind::Draw, "2026-04-25", "2026-04-27T09:30:00+08:00");
        assert_eq!(
            check_announcement(p, &no_draw, &[]),
            Err(AnnouncementError::NotProjected)
        );
        let cycle = AnnouncementError::OutsideCycle {
            after: d("2026-02-26"),
            before: d("2026-06-26"),
        };
        for at in [
            "2026-06-26T10:15:00+08:00",
            "2026-02-26T10:15:00+08:00",
            "+10000-04-27T09:30:00+08:00",
            "0384-04-27T09:30:00+08:00",
            // The last instant chrono holds: its Beijing day is beyond its range.
            "+262142-12-31T23:59:59Z",
        ] {
            let far = announce(EventKind::Draw, "2026-04-26", at);
            assert_eq!(check_announcement(p, &far, &[]), Err(cycle.clone()), "{at}");
        }
        // The neighbours are themselves announced dates where there are some.
        let june = announce(EventKind::Draw, "2026-06-26", "2026-06-29T10:15:00+08:00");
        let late = announce(EventKind::Draw, "2026-04-26", "2026-06-27T10:15:00+08:00");
        assert_eq!(check_announcement(p, &late, &[june]), Ok(()));
    }
}
