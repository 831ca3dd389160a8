//! The SMS tables: `sms_codes` (hashed codes, attempts, use) and `sms_outbox` (the development
//! gateway's messages).

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use yaohao_core::api::SmsOutboxEntry;

use crate::error::ApiResult;

/// The newest code of a number and purpose.
pub struct CodeRow {
    /// Its row.
    pub id: i64,
    /// The hash of number and code.
    pub hash: String,
    /// Its expiry (ms).
    pub expires_at: i64,
    /// Failed uses so far.
    pub attempts: i64,
    /// Whether it was spent.
    pub used: bool,
}

/// When the last code was sent to `mobile` (ms), if ever.
pub fn last_code_ms(conn: &Connection, mobile: &str) -> ApiResult<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT MAX(created_at) FROM sms_codes WHERE mobile = ?1",
            [mobile],
            |r| r.get(0),
        )
        .optional()?
        .flatten())
}

/// Codes sent to `mobile` since `since_ms`.
pub fn codes_since(conn: &Connection, mobile: &str, since_ms: i64) -> ApiResult<i64> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM sms_codes WHERE mobile = ?1 AND created_at >= ?2",
        params![mobile, since_ms],
        |r| r.get(0),
    )?)
}

/// Stores a code (as its hash).
pub fn insert_code(
    tx: &Transaction<'_>,
    mobile: &str,
    purpose: &str,
    hash: &str,
    created_ms: i64,
    expires_ms: i64,
) -> ApiResult<()> {
    tx.execute(
        "INSERT INTO sms_codes (mobile, purpose, code_hash, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![mobile, purpose, hash, created_ms, expires_ms],
    )?;
    Ok(())
}

/// The newest code sent to `mobile` for `purpose`.
pub fn newest_code(conn: &Connection, mobile: &str, purpose: &str) -> ApiResult<Option<CodeRow>> {
    Ok(conn
        .query_row(
            "SELECT id, code_hash, expires_at, attempts, used FROM sms_codes
             WHERE mobile = ?1 AND purpose = ?2 ORDER BY id DESC LIMIT 1",
            params![mobile, purpose],
            |r| {
                Ok(CodeRow {
                    id: r.get(0)?,
                    hash: r.get(1)?,
                    expires_at: r.get(2)?,
                    attempts: r.get(3)?,
                    used: r.get::<_, i64>(4)? != 0,
                })
            },
        )
        .optional()?)
}

/// Marks code `id` spent.
pub fn spend(tx: &Transaction<'_>, id: i64) -> ApiResult<()> {
    tx.execute("UPDATE sms_codes SET used = 1 WHERE id = ?1", [id])?;
    Ok(())
}

/// Counts a failed use of code `id`.
pub fn count_failure(tx: &Transaction<'_>, id: i64) -> ApiResult<()> {
    tx.execute(
        "UPDATE sms_codes SET attempts = attempts + 1 WHERE id = ?1",
        [id],
    )?;
    Ok(())
}

/// Counts a failed use of the newest unspent code of `mobile` and `purpose`, if any.
pub fn count_failure_of_newest(tx: &Transaction<'_>, mobile: &str, purpose: &str) -> ApiResult<()> {
    tx.execute(
        "UPDATE sms_codes SET attempts = attempts + 1 WHERE id = (
             SELECT id FROM sms_codes WHERE mobile = ?1 AND purpose = ?2 AND used = 0
             ORDER BY id DESC LIMIT 1)",
        params![mobile, purpose],
    )?;
    Ok(())
}

/// Stores an outbox message.
pub fn insert_outbox(tx: &Transaction<'_>, mobile: &str, body: &str, at_ms: i64) -> ApiResult<()> {
    tx.execute(
        "INSERT INTO sms_outbox (mobile, body, created_at) VALUES (?1, ?2, ?3)",
        params![mobile, body, at_ms],
    )?;
    Ok(())
}

/// Replaces by `notice` the text of outbox messages created at or before `before_ms`.
pub fn redact_outbox(tx: &Transaction<'_>, notice: &str, before_ms: i64) -> ApiResult<()> {
    tx.execute(
        "UPDATE sms_outbox SET body = ?1 WHERE created_at <= ?2 AND body <> ?1",
        params![notice, before_ms],
    )?;
    Ok(())
}

/// Outbox messages, oldest first, optionally only those to `mobile`.
pub fn outbox(conn: &Connection, mobile: Option<&str>) -> ApiResult<Vec<SmsOutboxEntry>> {
    let mut stmt = conn.prepare(
        "SELECT id, mobile, body, created_at FROM sms_outbox
         WHERE ?1 IS NULL OR mobile = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([mobile], |r| {
        Ok(SmsOutboxEntry {
            id: r.get(0)?,
            mobile: r.get(1)?,
            body: r.get(2)?,
            created_at: crate::time::at(r.get(3)?),
        })
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}
