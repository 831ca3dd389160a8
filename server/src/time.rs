//! Conversions between stored Unix milliseconds and `chrono` instants.

use chrono::{DateTime, SecondsFormat, Utc};

/// Unix milliseconds of an instant.
pub fn ms(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

/// The instant of stored Unix milliseconds (out-of-range values clamp to the epoch).
pub fn from_ms(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// Stored Unix milliseconds as RFC 3339 UTC text, as every API field shows instants.
pub fn iso(ms: i64) -> String {
    from_ms(ms).to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The instant of stored Unix milliseconds in whole seconds, as every API field shows instants.
pub fn at(ms: i64) -> DateTime<Utc> {
    use chrono::SubsecRound;
    from_ms(ms).trunc_subsecs(0)
}
