//! The `registry` table: the official records (hukou, permits, licences, cars…) per person.

use rusqlite::{Connection, Transaction, params};

use crate::error::ApiResult;
use crate::registry::Record;

/// Removes every record of `resident_id`.
pub fn forget(tx: &Transaction<'_>, resident_id: &str) -> ApiResult<()> {
    tx.execute("DELETE FROM registry WHERE resident_id = ?1", [resident_id])?;
    Ok(())
}

/// Stores `records`, imported at `at_ms`.
pub fn insert_all(tx: &Transaction<'_>, records: &[Record], at_ms: i64) -> ApiResult<()> {
    let mut insert = tx.prepare(
        "INSERT INTO registry (resident_id, record, value, valid_until, imported_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for r in records {
        insert.execute(params![
            r.resident_id,
            r.kind.as_str(),
            r.value,
            r.valid_until.map(|d| d.to_string()),
            at_ms
        ])?;
    }
    Ok(())
}

/// The records of `resident_id` in import order: kind, value, valid until (`YYYY-MM-DD`).
pub fn rows_of(
    conn: &Connection,
    resident_id: &str,
) -> ApiResult<Vec<(String, String, Option<String>)>> {
    let mut stmt = conn.prepare(
        "SELECT record, value, valid_until FROM registry WHERE resident_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([resident_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
        ))
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}
