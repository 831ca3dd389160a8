//! The `sessions` table: token hashes, expiry, and why a session ended.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::cache::SessionRow;
use crate::error::ApiResult;

/// Ends every active session of `account_id` for `reason`.
pub fn end_active(tx: &Transaction<'_>, account_id: i64, reason: &str) -> ApiResult<()> {
    tx.execute(
        "UPDATE sessions SET ended_reason = ?1 WHERE account_id = ?2 AND ended_reason IS NULL",
        params![reason, account_id],
    )?;
    Ok(())
}

/// Stores a new session.
pub fn insert(
    tx: &Transaction<'_>,
    token_hash: &str,
    account_id: i64,
    created_ms: i64,
    expires_ms: i64,
) -> ApiResult<()> {
    tx.execute(
        "INSERT INTO sessions (token_hash, account_id, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4)",
        params![token_hash, account_id, created_ms, expires_ms],
    )?;
    Ok(())
}

/// Ends the session of `token_hash` for `reason`.
pub fn end(tx: &Transaction<'_>, token_hash: &str, reason: &str) -> ApiResult<()> {
    tx.execute(
        "UPDATE sessions SET ended_reason = ?1 WHERE token_hash = ?2",
        params![reason, token_hash],
    )?;
    Ok(())
}

/// The stored session of `token_hash`, if any.
pub fn row(conn: &Connection, token_hash: &str) -> ApiResult<Option<SessionRow>> {
    Ok(conn
        .prepare_cached(
            "SELECT account_id, expires_at, ended_reason FROM sessions WHERE token_hash = ?1",
        )?
        .query_row([token_hash], |r| {
            Ok(SessionRow {
                account_id: r.get(0)?,
                expires_at: r.get(1)?,
                ended: r.get(2)?,
            })
        })
        .optional()?)
}
