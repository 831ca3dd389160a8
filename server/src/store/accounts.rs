//! The `accounts` table.

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use yaohao_core::api::{Account, MaritalStatus, UnitProfile};

use crate::error::{ApiError, ApiResult};
use crate::time::at;

/// What a login reads of an account: id, mobile, password hash, lockout end (ms).
pub type LoginRow = (i64, String, String, Option<i64>);

/// Reads the account `id` (`not_found` if there is none); a unit's with its unit, and its
/// contact's resident ID as `resident_id`.
pub fn load(conn: &Connection, id: i64) -> ApiResult<Account> {
    conn.query_row(
        "SELECT a.id, COALESCE(u.contact_resident_id, a.resident_id), a.name, a.mobile,
                a.marital_status, a.created_at, u.credit_code, u.unit_name
         FROM accounts a LEFT JOIN units u ON u.account_id = a.id
         WHERE a.id = ?1",
        [id],
        |r| {
            let credit_code: Option<String> = r.get(6)?;
            Ok(Account {
                id: r.get(0)?,
                resident_id: r.get(1)?,
                name: r.get(2)?,
                mobile: r.get(3)?,
                // Only the four statuses are ever stored (changes are checked).
                marital_status: MaritalStatus::parse(&r.get::<_, String>(4)?)
                    .unwrap_or(MaritalStatus::Unmarried),
                created_at: at(r.get(5)?),
                unit: match credit_code {
                    Some(credit_code) => Some(UnitProfile {
                        credit_code,
                        unit_name: r.get(7)?,
                    }),
                    None => None,
                },
            })
        },
    )
    .optional()?
    .ok_or_else(ApiError::not_found)
}

/// Records the unit of the new account `account`.
pub fn insert_unit(
    tx: &Transaction<'_>,
    account: i64,
    unit: &UnitProfile,
    contact_resident_id: &str,
) -> ApiResult<()> {
    tx.execute(
        "INSERT INTO units (account_id, credit_code, unit_name, contact_resident_id)
         VALUES (?1, ?2, ?3, ?4)",
        params![
            account,
            unit.credit_code,
            unit.unit_name,
            contact_resident_id
        ],
    )?;
    Ok(())
}

/// Whether account `id` is a unit's.
pub fn is_unit(conn: &Connection, id: i64) -> ApiResult<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM units WHERE account_id = ?1)",
        [id],
        |r| r.get(0),
    )?)
}

/// The id and mobile of the account of `resident_id` (a login key: see
/// [`crate::rules::login_key`]), if any.
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
