//! The `push_outbox` table (one notification per application and period) and the devices it is
//! delivered to.

use rusqlite::{Connection, Transaction, params};
use yaohao_core::api::{Provider, PushStatus, WebPushKeys};

use crate::error::ApiResult;

/// Queues period `?1`'s notifications at `?2` with status `?3` (pending; see
/// [`enqueue_publication`]).
pub(crate) const PUBLICATION_SQL: &str = "INSERT OR IGNORE INTO push_outbox
        (idempotency_key, account_id, application_id, period_id, won, status, attempts,
         next_attempt_at, created_at)
     SELECT 'result:' || e.period_id || ':' || e.application_id, a.account_id,
            e.application_id, e.period_id,
            EXISTS(SELECT 1 FROM winners w WHERE w.period_id = e.period_id
                   AND w.application_id = e.application_id),
            ?3, 0, ?2, ?2
     FROM (SELECT DISTINCT account_id FROM devices) d
     CROSS JOIN applications a ON a.account_id = d.account_id
     CROSS JOIN pool_entries e ON e.period_id = ?1 AND e.application_id = a.id";

/// Queues the notifications of published period `period` at `now_ms`; how many were new.
pub fn enqueue_publication(tx: &Transaction<'_>, period: &str, now_ms: i64) -> ApiResult<usize> {
    Ok(tx.execute(
        PUBLICATION_SQL,
        params![period, now_ms, PushStatus::Pending.as_str()],
    )?)
}

/// Settles as `no_device` the due notifications of accounts without a device; how many.
pub fn settle_without_device(tx: &Transaction<'_>, now_ms: i64) -> ApiResult<usize> {
    Ok(tx.execute(
        "UPDATE push_outbox SET status = ?2, attempts = attempts + 1
         WHERE status = ?3 AND next_attempt_at <= ?1
         AND NOT EXISTS (SELECT 1 FROM devices d WHERE d.account_id = push_outbox.account_id)",
        params![
            now_ms,
            PushStatus::NoDevice.as_str(),
            PushStatus::Pending.as_str()
        ],
    )?)
}

/// A pending notification due for delivery.
pub struct DueRow {
    /// Its row.
    pub id: i64,
    /// Its idempotency key.
    pub key: String,
    /// The period.
    pub period: String,
    /// The application.
    pub application_id: i64,
    /// Whether it won.
    pub won: bool,
    /// Attempts so far.
    pub attempts: i64,
    /// The account to notify.
    pub account_id: i64,
}

/// At most `limit` pending notifications due at `now_ms`, oldest first.
pub fn due(conn: &Connection, now_ms: i64, limit: i64) -> ApiResult<Vec<DueRow>> {
    let mut stmt = conn.prepare(
        "SELECT id, idempotency_key, period_id, application_id, won, attempts, account_id
         FROM push_outbox WHERE status = ?3 AND next_attempt_at <= ?1
         ORDER BY id LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![now_ms, limit, PushStatus::Pending.as_str()], |r| {
        Ok(DueRow {
            id: r.get(0)?,
            key: r.get(1)?,
            period: r.get(2)?,
            application_id: r.get(3)?,
            won: r.get(4)?,
            attempts: r.get(5)?,
            account_id: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// A device a notification is delivered to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Its row.
    pub id: i64,
    /// Its provider.
    pub provider: Provider,
    /// The provider's token (a `web_push` subscription's endpoint URL).
    pub token: String,
    /// A `web_push` subscription's keys.
    pub keys: Option<WebPushKeys>,
}

/// The devices of `account`.
pub fn devices_of(conn: &Connection, account: i64) -> ApiResult<Vec<Target>> {
    let mut devices = conn.prepare_cached(
        "SELECT id, provider, token, p256dh, auth FROM devices WHERE account_id = ?1",
    )?;
    let rows = devices
        .query_map([account], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let list = rows
        .into_iter()
        .filter_map(|(id, provider, token, p256dh, auth)| {
            Some(Target {
                id,
                provider: Provider::parse(&provider)?,
                token,
                keys: p256dh
                    .zip(auth)
                    .map(|(p256dh, auth)| WebPushKeys { p256dh, auth }),
            })
        })
        .collect();
    Ok(list)
}

/// Records a delivery attempt of notification `id`.
pub fn record_attempt(
    tx: &Transaction<'_>,
    id: i64,
    status: PushStatus,
    error: Option<&str>,
    next_attempt_ms: i64,
    now_ms: i64,
) -> ApiResult<()> {
    tx.execute(
        "UPDATE push_outbox SET status = ?1, last_error = ?2, next_attempt_at = ?3,
         attempts = attempts + 1, sent_at = CASE WHEN ?1 = ?6 THEN ?4 END
         WHERE id = ?5",
        params![
            status.as_str(),
            error,
            next_attempt_ms,
            now_ms,
            id,
            PushStatus::Sent.as_str()
        ],
    )?;
    Ok(())
}
