//! Push notifications: device tokens per account, and an outbox with one notification per
//! application and period (its idempotency key), delivered with retries by a provider.

use chrono::{DateTime, Utc};
use rusqlite::{Transaction, params};

use crate::error::ApiResult;
use crate::time::ms;

/// Queues one notification per participating application of a published period; a repeated
/// publication queues nothing new (the key `result:<period>:<application>` is unique).
pub fn enqueue_publication(
    tx: &Transaction<'_>,
    period: &str,
    now: DateTime<Utc>,
) -> ApiResult<usize> {
    Ok(tx.execute(
        "INSERT OR IGNORE INTO push_outbox
            (idempotency_key, account_id, application_id, period_id, won, status, attempts,
             next_attempt_at, created_at)
         SELECT 'result:' || p.period_id || ':' || p.application_id, a.account_id,
                p.application_id, p.period_id,
                EXISTS(SELECT 1 FROM winners w WHERE w.period_id = p.period_id
                       AND w.application_id = p.application_id),
                'pending', 0, ?2, ?2
         FROM pool_entries p JOIN applications a ON a.id = p.application_id
         WHERE p.period_id = ?1",
        params![period, ms(now)],
    )?)
}
