//! Beijing time: all calculations run in UTC; Beijing time (UTC+8, no DST) is for rules and display.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};

/// Beijing's fixed offset, UTC+08:00 (China has no daylight saving time).
pub fn beijing() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("8 hours is a valid offset")
}

/// The instant of a Beijing wall-clock date and time.
pub fn beijing_instant(date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    beijing()
        .from_local_datetime(&date.and_time(time))
        .single()
        .expect("a fixed offset has exactly one mapping")
        .with_timezone(&Utc)
}

/// An instant shown in Beijing time.
pub fn to_beijing(at: DateTime<Utc>) -> DateTime<FixedOffset> {
    at.with_timezone(&beijing())
}

/// The Beijing calendar date of an instant.
pub fn beijing_date(at: DateTime<Utc>) -> NaiveDate {
    to_beijing(at).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beijing_is_eight_hours_ahead() {
        let d = NaiveDate::from_ymd_opt(2015, 12, 26).unwrap();
        let t = NaiveTime::from_hms_opt(10, 15, 0).unwrap();
        let at = beijing_instant(d, t);
        assert_eq!(at.to_rfc3339(), "2015-12-26T02:15:00+00:00");
        assert_eq!(to_beijing(at).to_rfc3339(), "2015-12-26T10:15:00+08:00");
        assert_eq!(
            beijing_date(beijing_instant(
                d,
                NaiveTime::from_hms_opt(7, 0, 0).unwrap()
            )),
            d
        );
    }
}
