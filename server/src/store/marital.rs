//! The `marital_changes` table (and the account's marital status it sets once approved).

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use yaohao_core::api::{MaritalChange, MaritalChangeStatus, MaritalStatus};

use crate::error::ApiResult;
use crate::time::at;

fn load(conn: &Connection, clause: &str, key: i64) -> ApiResult<Option<MaritalChange>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT id, requested_status, status, reason, created_at, decided_at
                 FROM marital_changes WHERE {clause} ORDER BY id DESC LIMIT 1"
            ),
            [key],
            |r| {
                let requested: String = r.get(1)?;
                Ok(MaritalChange {
                    id: r.get(0)?,
                    // Only the four statuses are ever stored (the request is checked).
                    requested_status: MaritalStatus::parse(&requested)
                        .unwrap_or(MaritalStatus::Unmarried),
                    status: MaritalChangeStatus::from(r.get::<_, String>(2)?),
                    reason: r.get(3)?,
                    created_at: at(r.get(4)?),
                    decided_at: r.get::<_, Option<i64>>(5)?.map(at),
                })
            },
        )
        .optional()?)
}

/// The latest change request of `account`.
pub fn latest_of(conn: &Connection, account: i64) -> ApiResult<Option<MaritalChange>> {
    load(conn, "account_id = ?1", account)
}

/// The change request `id`.
pub fn by_id(conn: &Connection, id: i64) -> ApiResult<Option<MaritalChange>> {
    load(conn, "id = ?1", id)
}

/// Inserts a pending request; its id.
pub fn insert_pending(
    tx: &Transaction<'_>,
    account: i64,
    wanted: MaritalStatus,
    certificate_sha256: &str,
    now_ms: i64,
) -> ApiResult<i64> {
    tx.execute(
        "INSERT INTO marital_changes (account_id, requested_status, certificate_sha256,
         status, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            account,
            wanted.as_str(),
            certificate_sha256,
            MaritalChangeStatus::Pending.as_str(),
            now_ms
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Records the decision on request `id`.
pub fn decide(
    tx: &Transaction<'_>,
    id: i64,
    status: MaritalChangeStatus,
    reason: Option<&str>,
    now_ms: i64,
) -> ApiResult<()> {
    tx.execute(
        "UPDATE marital_changes SET status = ?1, reason = ?2, decided_at = ?3 WHERE id = ?4",
        params![status.as_str(), reason, now_ms, id],
    )?;
    Ok(())
}

/// Sets the marital status of the account that made request `id`.
pub fn apply_to_account(tx: &Transaction<'_>, id: i64, status: MaritalStatus) -> ApiResult<()> {
    tx.execute(
        "UPDATE accounts SET marital_status = ?1
         WHERE id = (SELECT account_id FROM marital_changes WHERE id = ?2)",
        params![status.as_str(), id],
    )?;
    Ok(())
}
