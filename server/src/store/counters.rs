//! The `counters` table: named integers (the application serial, the year of the last clean-up).

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::error::ApiResult;

/// The serial of the last application code issued.
pub const APPLICATION_SERIAL: &str = "application_serial";
/// The year of the last yearly clean-up.
pub const CLEANUP_YEAR: &str = "cleanup_year";

/// The counter `name`, if set.
pub fn get(conn: &Connection, name: &str) -> ApiResult<Option<i64>> {
    Ok(conn
        .query_row("SELECT value FROM counters WHERE name = ?1", [name], |r| {
            r.get(0)
        })
        .optional()?)
}

/// Sets the counter `name` to `value`.
pub fn set(tx: &Transaction<'_>, name: &str, value: i64) -> ApiResult<()> {
    tx.execute(
        "INSERT INTO counters (name, value) VALUES (?1, ?2)
         ON CONFLICT(name) DO UPDATE SET value = excluded.value",
        params![name, value],
    )?;
    Ok(())
}

/// Adds `by` to the counter `name` (starting from 0); its new value.
pub fn add(tx: &Transaction<'_>, name: &str, by: i64) -> ApiResult<i64> {
    Ok(tx.query_row(
        "INSERT INTO counters (name, value) VALUES (?1, ?2)
         ON CONFLICT(name) DO UPDATE SET value = value + ?2 RETURNING value",
        params![name, by],
        |r| r.get(0),
    )?)
}
