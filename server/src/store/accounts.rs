//! The `accounts` table.

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use yaohao_core::api::{Account, MaritalStatus};

use crate::error::{ApiError, ApiResult};
use crate::time::at;

/// What a login reads of an account: id, mobile, password hash, lockout end (ms).
pub type LoginRow = (i64, String, String, Option<i64>);

/// Reads the account `id` (`not_found` if there is none).
pub fn load(conn: &Connection, id: i64) -> ApiResult<Account> {
    conn.query_row(
        "SELECT id, resident_id, name, mobile, marital_status, created_at FROM accounts
         WHERE id = ?1",
        [id],
        |r| {
            Ok(Account {
                id: r.get(0)?,
                resident_id: r.get(1)?,
                name: r.get(2)?,
                mobile: r.get(3)?,
                // Only the four statuses are ever stored (changes are checked).
                marital_status: MaritalStatus::parse(&r.get::<_, String>(4)?)
                    .unwrap_or(MaritalStatus::Unmarried),
                created_at: at(r.get(5)?),
            })
        },
    )
    .optional()?
    .ok_or_else(ApiError::not_found)
}

/// The id and mobile of the account of `resident_id`, if any.
pub fn mobile_of(conn: &Connection, resident_id: &str) -> ApiResult<Option<(i64, String)>> {
    Ok(conn
        .query_row(
            "SELECT id, mobile FROM accounts WHERE resident_id = ?1",
            [resident_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Whether an account of `resident_id` exists.
pub fn exists(conn: &Connection, resident_id: &str) -> ApiResult<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM accounts WHERE resident_id = ?1)",
        [resident_id],
        |r| r.get(0),
    )?)
}

/// Inserts an account; its id.
pub fn insert(
    tx: &Transaction<'_>,
    resident_id: &str,
    name: &str,
    mobile: &str,
    password_hash: &str,
    created_ms: i64,
) -> ApiResult<i64> {
    tx.execute(
        "INSERT INTO accounts (resident_id, name, mobile, password_hash, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![resident_id, name, mobile, password_hash, created_ms],
    )?;
    Ok(tx.last_insert_rowid())
}

/// What a login needs of the account of `resident_id`.
pub fn login_row(conn: &Connection, resident_id: &str) -> ApiResult<Option<LoginRow>> {
    Ok(conn
        .query_row(
            "SELECT id, mobile, password_hash, locked_until FROM accounts
             WHERE resident_id = ?1",
            [resident_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?)
}

/// Counts a wrong password; the count so far.
pub fn count_failed_login(tx: &Transaction<'_>, id: i64) -> ApiResult<i64> {
    Ok(tx.query_row(
        "UPDATE accounts SET failed_logins = failed_logins + 1 WHERE id = ?1
         RETURNING failed_logins",
        [id],
        |r| r.get(0),
    )?)
}

/// Locks the account until `until_ms` and restarts the count.
pub fn lock(tx: &Transaction<'_>, id: i64, until_ms: i64) -> ApiResult<()> {
    tx.execute(
        "UPDATE accounts SET failed_logins = 0, locked_until = ?1 WHERE id = ?2",
        params![until_ms, id],
    )?;
    Ok(())
}

/// Clears the failed-login count and any lockout.
pub fn clear_failures(tx: &Transaction<'_>, id: i64) -> ApiResult<()> {
    tx.execute(
        "UPDATE accounts SET failed_logins = 0, locked_until = NULL WHERE id = ?1",
        [id],
    )?;
    Ok(())
}

/// Sets a new password hash and lifts any lockout.
pub fn set_password(tx: &Transaction<'_>, id: i64, hash: &str) -> ApiResult<()> {
    tx.execute(
        "UPDATE accounts SET password_hash = ?1, failed_logins = 0, locked_until = NULL
         WHERE id = ?2",
        params![hash, id],
    )?;
    Ok(())
}

/// Sets the mobile number.
pub fn set_mobile(tx: &Transaction<'_>, id: i64, mobile: &str) -> ApiResult<()> {
    tx.execute(
        "UPDATE accounts SET mobile = ?1 WHERE id = ?2",
        params![mobile, id],
    )?;
    Ok(())
}
