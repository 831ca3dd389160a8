//! The `quotas` table: quotas won, their confirmation and expiry.

use rusqlite::{Connection, Transaction, params};
use yaohao_core::api::{Quota, QuotaStatus};

use crate::error::ApiResult;
use crate::time::at;

/// The quotas of `account`, newest first.
pub fn of_account(conn: &Connection, account: i64) -> ApiResult<Vec<Quota>> {
    let mut stmt = conn.prepare(
        "SELECT id, application_id, period_id, certificate, status, issued_at, confirm_by,
                confirmed_at, expires_at FROM quotas WHERE account_id = ?1 ORDER BY id DESC",
    )?;
    let rows = stmt.query_map([account], |r| {
        Ok(Quota {
            id: r.get(0)?,
            application_id: r.get(1)?,
            period: r.get(2)?,
            certificate: r.get(3)?,
            status: QuotaStatus::from(r.get::<_, String>(4)?),
            issued_at: at(r.get(5)?),
            confirm_by: at(r.get(6)?),
            confirmed_at: r.get::<_, Option<i64>>(7)?.map(at),
            expires_at: at(r.get(8)?),
        })
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// Quota `id` of `account`, if it has it.
pub fn owned(conn: &Connection, id: i64, account: i64) -> ApiResult<Option<Quota>> {
    Ok(of_account(conn, account)?.into_iter().find(|q| q.id == id))
}

/// Marks quota `id` confirmed at `now_ms`.
pub fn confirm(tx: &Transaction<'_>, id: i64, now_ms: i64) -> ApiResult<()> {
    tx.execute(
        "UPDATE quotas SET status = ?1, confirmed_at = ?2 WHERE id = ?3",
        params![QuotaStatus::Confirmed.as_str(), now_ms, id],
    )?;
    Ok(())
}

/// Whether the person holds a quota that is still valid (pending or confirmed, not expired),
/// through a live account or one deleted while it held the quota (found by its keyed hash).
/// Quotas issued from `from_ms` on to the account whose login key is `key` (a unit's yearly
/// count).
pub fn issued_since(conn: &Connection, key: &str, from_ms: i64) -> ApiResult<u32> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM quotas q JOIN accounts u ON u.id = q.account_id
         WHERE u.resident_id = ?1 AND q.issued_at >= ?2",
        params![key, from_ms],
        |r| r.get(0),
    )?)
}

pub fn holds_valid_quota(conn: &Connection, resident_id: &str) -> ApiResult<bool> {
    let erased = super::privacy::erased_id_hash(conn, resident_id)?;
    // Two lookups, each on its own index, rather than one OR that may scan.
    for (column, key) in [
        ("resident_id", resident_id),
        ("erased_id_hash", erased.as_str()),
    ] {
        let held: bool = conn.query_row(
            &format!(
                "SELECT EXISTS(SELECT 1 FROM quotas q JOIN accounts u ON u.id = q.account_id
                 WHERE u.{column} = ?1 AND q.status IN (?2, ?3))"
            ),
            params![
                key,
                QuotaStatus::PendingConfirmation.as_str(),
                QuotaStatus::Confirmed.as_str()
            ],
            |r| r.get(0),
        )?;
        if held {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Issues a quota (pending confirmation until `confirm_by_ms`) to every winner of period `id`.
pub fn issue_to_winners(
    tx: &Transaction<'_>,
    id: &str,
    now_ms: i64,
    confirm_by_ms: i64,
    expires_ms: i64,
) -> ApiResult<()> {
    tx.execute(
        "INSERT INTO quotas (application_id, account_id, period_id, certificate, status,
                             issued_at, confirm_by, expires_at)
         SELECT w.application_id, a.account_id, w.period_id,
                'Q' || w.period_id || printf('%06d', w.seq), ?2, ?3, ?4, ?5
         FROM winners w JOIN applications a ON a.id = w.application_id WHERE w.period_id = ?1",
        params![
            id,
            QuotaStatus::PendingConfirmation.as_str(),
            now_ms,
            confirm_by_ms,
            expires_ms
        ],
    )?;
    Ok(())
}

/// Forfeits the quotas not confirmed by their deadline; how many.
pub fn forfeit_unconfirmed(tx: &Transaction<'_>, now_ms: i64) -> ApiResult<usize> {
    Ok(tx.execute(
        "UPDATE quotas SET status = ?1 WHERE status = ?2 AND confirm_by <= ?3",
        params![
            QuotaStatus::Forfeited.as_str(),
            QuotaStatus::PendingConfirmation.as_str(),
            now_ms
        ],
    )?)
}

/// Expires the quotas past their validity; how many. A deleted account whose last valid quota
/// expired forgets the keyed hash of its ID number: nothing needs it any more.
pub fn expire(tx: &Transaction<'_>, now_ms: i64) -> ApiResult<usize> {
    let expired = tx.execute(
        "UPDATE quotas SET status = ?1 WHERE status IN (?2, ?3) AND expires_at <= ?4",
        params![
            QuotaStatus::Expired.as_str(),
            QuotaStatus::PendingConfirmation.as_str(),
            QuotaStatus::Confirmed.as_str(),
            now_ms
        ],
    )?;
    tx.execute(
        "UPDATE accounts SET erased_id_hash = NULL WHERE erased_id_hash IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM quotas q WHERE q.account_id = accounts.id
                         AND q.status IN (?1, ?2))",
        params![
            QuotaStatus::PendingConfirmation.as_str(),
            QuotaStatus::Confirmed.as_str()
        ],
    )?;
    Ok(expired)
}
