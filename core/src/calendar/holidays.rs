//! Chinese public holidays and 调休 working days, from `core/data/holidays.toml` (the State
//! Council's yearly notices), with a working-day API.
//!
//! Days in years outside the table fall back to Monday–Friday working days.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

use crate::policy::Confidence;

/// The table in its JSON form (made from `core/data/holidays.toml` by the build script).
const DATA: &str = include_str!(concat!(env!("OUT_DIR"), "/holidays.json"));

/// One year's arrangement, as published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolidayYear {
    /// Calendar year; every date below lies in it.
    pub year: i32,
    /// The notices the dates come from.
    pub sources: Vec<String>,
    /// Confidence in the table.
    pub confidence: Confidence,
    /// Days off, as closed ranges.
    pub holidays: Vec<HolidayRange>,
    /// Weekend days that are working days (调休上班).
    pub working_days: Vec<NaiveDate>,
}

/// A run of days off for one holiday, both ends included.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolidayRange {
    /// The holiday's name, e.g. 春节.
    pub name: String,
    /// First day off.
    pub from: NaiveDate,
    /// Last day off.
    pub to: NaiveDate,
}

#[derive(Deserialize)]
struct File {
    year: Vec<HolidayYear>,
}

/// A holiday file that does not parse.
#[derive(Debug, thiserror::Error)]
#[error("holidays.toml: {0}")]
pub struct HolidayDataError(String);

/// Parses a holiday table in its JSON form.
pub fn parse(text: &str) -> Result<Vec<HolidayYear>, HolidayDataError> {
    serde_json::from_str::<File>(text)
        .map(|f| f.year)
        .map_err(|e| HolidayDataError(e.to_string()))
}

/// The embedded table, one entry per year, oldest first.
///
/// The file is embedded and checked by this module's tests, so a failure is a build defect.
pub fn table() -> &'static [HolidayYear] {
    static TABLE: OnceLock<Vec<HolidayYear>> = OnceLock::new();
    TABLE.get_or_init(|| {
        parse(DATA).unwrap_or_else(|e| panic!("embedded holiday data is invalid: {e}"))
    })
}

/// Whether `year` has a published arrangement in the table.
pub fn is_covered(year: i32) -> bool {
    table().iter().any(|y| y.year == year)
}

/// Day index: `true` for a 调休 working day, `false` for a day off.
fn index() -> &'static HashMap<NaiveDate, bool> {
    static INDEX: OnceLock<HashMap<NaiveDate, bool>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut map = HashMap::new();
        for y in table() {
            for r in &y.holidays {
                for d in r.from.iter_days().take_while(|d| *d <= r.to) {
                    map.insert(d, false);
                }
            }
            for d in &y.working_days {
                map.insert(*d, true);
            }
        }
        map
    })
}

/// Whether `date` is a working day in mainland China: the table decides, otherwise Monday–Friday.
pub fn is_working_day(date: NaiveDate) -> bool {
    index()
        .get(&date)
        .copied()
        .unwrap_or(!matches!(date.weekday(), Weekday::Sat | Weekday::Sun))
}

/// The first working day strictly after `date`.
pub fn next_working_day(date: NaiveDate) -> NaiveDate {
    add_working_days(date, 1)
}

/// The `n`th working day after `date` (`date` itself when `n` is 0).
pub fn add_working_days(date: NaiveDate, n: u32) -> NaiveDate {
    let mut d = date;
    let mut left = n;
    while left > 0 {
        match d.succ_opt() {
            Some(next) => d = next,
            None => return d, // the end of chrono's calendar
        }
        if is_working_day(d) {
            left -= 1;
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn every_year_2014_to_2026_is_present_once() {
        let years: Vec<i32> = table().iter().map(|y| y.year).collect();
        assert_eq!(years, (2014..=2026).collect::<Vec<_>>());
        assert!(table().iter().all(|y| !y.sources.is_empty()));
    }

    #[test]
    fn dates_are_in_their_year_and_ranges_are_ordered() {
        for y in table() {
            for r in &y.holidays {
                assert!(r.from <= r.to, "{} {}", y.year, r.name);
                assert_eq!((r.from.year(), r.to.year()), (y.year, y.year), "{}", r.name);
            }
            for w in &y.working_days {
                assert_eq!(w.year(), y.year, "{w}");
            }
        }
    }

    #[test]
    fn no_day_is_both_holiday_and_working_day_and_working_days_are_weekends() {
        for y in table() {
            for w in &y.working_days {
                assert!(
                    matches!(w.weekday(), Weekday::Sat | Weekday::Sun),
                    "{w} is a weekday"
                );
                assert!(
                    !y.holidays.iter().any(|r| (r.from..=r.to).contains(w)),
                    "{w} is both"
                );
            }
        }
    }

    #[test]
    fn holidays_and_adjusted_days() {
        // 2015-10-01..07 National Day; 2015-10-10 (Saturday) worked.
        assert!(!is_working_day(d("2015-10-05")));
        assert!(is_working_day(d("2015-10-10")));
        // 2026 Spring Festival 15–23 Feb; 14 Feb (Saturday) and 28 Feb (Saturday) worked.
        assert!(!is_working_day(d("2026-02-16")));
        assert!(is_working_day(d("2026-02-14")));
        assert!(is_working_day(d("2026-02-28")));
        assert_eq!(next_working_day(d("2026-02-14")), d("2026-02-24"));
        // 2020's extended Spring Festival: 1 Feb no longer worked.
        assert!(!is_working_day(d("2020-02-01")));
        // 2015-12-26, the Saturday the real record shows a draw on.
        assert!(!is_working_day(d("2015-12-26")));
        assert_eq!(next_working_day(d("2015-12-26")), d("2015-12-28"));
    }

    #[test]
    fn outside_the_table_weekdays_work() {
        assert!(!is_covered(2030));
        assert!(is_working_day(d("2030-01-01"))); // a Tuesday; no notice yet
        assert!(!is_working_day(d("2030-01-05"))); // a Saturday
        assert_eq!(next_working_day(d("2030-01-04")), d("2030-01-07"));
    }

    #[test]
    fn adds_working_days_across_a_holiday() {
        // Submitted Thursday 2026-09-24; 25–27 Sep is the Mid-Autumn holiday.
        assert_eq!(add_working_days(d("2026-09-24"), 5), d("2026-10-09"));
        assert_eq!(add_working_days(d("2026-09-24"), 0), d("2026-09-24"));
    }
}
