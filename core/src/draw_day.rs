//! The draw-day check plan: when a device looks for results without any push, and how often
//! until it finds them. Pushes usually arrive first; this is the floor that needs no push
//! service at all (most phones in mainland China have no Google services).
//!
//! Each publication of results in the calendar (announced dates included) gets a burst of checks:
//! at the publication time, every 15 minutes for the first hour, every 30 minutes for the next
//! two, then hourly until 22:00 Beijing time; and on the two following days at 09:00 and 14:00,
//! for the late publications the record shows. A check that finds the results ends the plan of
//! that draw.

use chrono::{DateTime, Days, Duration, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use crate::calendar::{self, AnnouncedDate, EventKind};
use crate::policy::Policy;
use crate::time::{beijing_date, beijing_instant, to_beijing};

/// Days ahead the plan looks for publications.
const AHEAD_DAYS: u64 = 120;
/// Minutes after publication of the checks in its first three hours.
const FIRST_HOURS: [i64; 8] = [0, 15, 30, 45, 60, 90, 120, 180];
/// The last hourly check of the draw day, Beijing time.
const LAST_HOUR: u32 = 22;
/// Beijing times of the checks on each of the following days.
const LATER_TIMES: [(u32, u32); 2] = [(9, 0), (14, 0)];
/// Days after the draw day with checks.
const LATER_DAYS: u64 = 2;

/// One background look for results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedCheck {
    /// Stable id (`results-check:<publication>:<n>`): scheduling it again replaces it.
    pub id: String,
    /// When to look (no earlier).
    pub at: DateTime<Utc>,
    /// The period whose results are looked for (`YYYYNN`).
    pub period: String,
}

/// Every check of the publications after `now` (and of one under way), soonest first,
/// skipping the periods in `found`.
pub fn plan(
    policy: &Policy,
    announced: &[AnnouncedDate],
    now: DateTime<Utc>,
    found: &[String],
) -> Vec<PlannedCheck> {
    let today = beijing_date(now);
    let (Some(from), Some(to)) = (
        today.checked_sub_days(Days::new(LATER_DAYS)),
        today.checked_add_days(Days::new(AHEAD_DAYS)),
    ) else {
        return Vec::new();
    };
    let mut checks: Vec<PlannedCheck> = calendar::events(policy, from, to, announced)
        .into_iter()
        .filter(|e| e.kind == EventKind::ResultsPublished)
        .filter_map(|e| {
            let period = period_of(policy, e.date, announced)?;
            (!found.contains(&period)).then(|| burst(e.at.to_utc(), &period))
        })
        .flatten()
        .filter(|c| c.at > now)
        .collect();
    checks.sort_by_key(|c| c.at);
    checks
}

/// The next check after `now`, if any (what a device schedules after each run).
pub fn next(
    policy: &Policy,
    announced: &[AnnouncedDate],
    now: DateTime<Utc>,
    found: &[String],
) -> Option<PlannedCheck> {
    plan(policy, announced, now, found).into_iter().next()
}

/// The period number (`YYYYNN`) of the draw whose results are published on `date`.
fn period_of(
    policy: &Policy,
    date: chrono::NaiveDate,
    announced: &[AnnouncedDate],
) -> Option<String> {
    use chrono::Datelike;
    let sequence = calendar::draw_sequence(policy, date, announced);
    (sequence > 0).then(|| format!("{}{sequence:02}", date.year()))
}

/// The checks of one publication at `published`.
fn burst(published: DateTime<Utc>, period: &str) -> Vec<PlannedCheck> {
    let day = to_beijing(published).date_naive();
    let last = NaiveTime::from_hms_opt(LAST_HOUR, 0, 0).map(|t| beijing_instant(day, t));
    let mut times: Vec<DateTime<Utc>> = FIRST_HOURS
        .iter()
        .map(|m| published + Duration::minutes(*m))
        .collect();
    let mut hourly = published + Duration::minutes(FIRST_HOURS[FIRST_HOURS.len() - 1] + 60);
    while last.is_some_and(|l| hourly <= l) {
        times.push(hourly);
        hourly += Duration::hours(1);
    }
    for later in 1..=LATER_DAYS {
        let Some(date) = day.checked_add_days(Days::new(later)) else {
            continue;
        };
        times.extend(
            LATER_TIMES
                .iter()
                .filter_map(|(h, m)| NaiveTime::from_hms_opt(*h, *m, 0))
                .map(|t| beijing_instant(date, t)),
        );
    }
    let key = published.timestamp();
    times
        .into_iter()
        .enumerate()
        .map(|(n, at)| PlannedCheck {
            id: format!("results-check:{key}:{n}"),
            at,
            period: period.to_owned(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy;
    use chrono::{Datelike, NaiveDate, Timelike};

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        beijing_instant(
            NaiveDate::from_ymd_opt(y, m, d).unwrap(),
            NaiveTime::from_hms_opt(h, min, 0).unwrap(),
        )
    }

    #[test]
    fn checks_start_at_publication_and_thin_out() {
        let p = policy::by_name("bimonthly-2014").unwrap();
        let now = at(2026, 4, 20, 9, 0);
        let checks = plan(p, &[], now, &[]);
        let first = &checks[0];
        let draw_day = NaiveDate::from_ymd_opt(2026, 4, 26).unwrap();
        assert_eq!(to_beijing(first.at).date_naive(), draw_day);
        assert_eq!(
            to_beijing(first.at).time(),
            p.rules.results.params.published
        );
        assert_eq!(first.period, "202602");
        let day: Vec<_> = checks.iter().filter(|c| c.period == "202602").collect();
        let on_draw_day: Vec<_> = day
            .iter()
            .filter(|c| to_beijing(c.at).date_naive() == draw_day)
            .collect();
        let gaps: Vec<i64> = on_draw_day
            .windows(2)
            .map(|w| (w[1].at - w[0].at).num_minutes())
            .collect();
        assert_eq!(&gaps[..4], [15, 15, 15, 15]);
        assert!(gaps.windows(2).all(|g| g[0] <= g[1]), "thins out: {gaps:?}");
        assert_eq!(*gaps.last().unwrap(), 60);
        let last_of_day = on_draw_day.last().unwrap();
        assert_eq!(to_beijing(last_of_day.at).hour(), LAST_HOUR);
        let after: Vec<_> = day
            .iter()
            .filter(|c| to_beijing(c.at).date_naive() > draw_day)
            .collect();
        assert_eq!(after.len(), 4);
        let ids: std::collections::HashSet<_> = checks.iter().map(|c| &c.id).collect();
        assert_eq!(ids.len(), checks.len(), "ids are unique");
    }

    #[test]
    fn a_found_period_needs_no_more_checks_and_the_next_draw_follows() {
        let p = policy::by_name("bimonthly-2014").unwrap();
        let now = at(2026, 4, 26, 12, 20);
        let next_check = next(p, &[], now, &[]).unwrap();
        assert_eq!(next_check.period, "202602");
        assert!(next_check.at > now);
        assert!((next_check.at - now).num_minutes() <= 15);
        let after_found = next(p, &[], now, &["202602".to_owned()]).unwrap();
        assert_eq!(after_found.period, "202603");
        assert_eq!(to_beijing(after_found.at).month(), 6);
    }

    #[test]
    fn an_announced_draw_day_moves_its_checks() {
        let p = policy::by_name("bimonthly-2014").unwrap();
        let projected = NaiveDate::from_ymd_opt(2026, 4, 26).unwrap();
        let moved = AnnouncedDate {
            kind: EventKind::Draw,
            projected,
            at: to_beijing(at(2026, 4, 28, 10, 0)),
        };
        let checks = plan(p, std::slice::from_ref(&moved), at(2026, 4, 20, 9, 0), &[]);
        assert_eq!(
            to_beijing(checks[0].at).date_naive(),
            NaiveDate::from_ymd_opt(2026, 4, 28).unwrap()
        );
        assert_eq!(checks[0].period, "202602");
    }
}
