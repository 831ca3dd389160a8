//! Push notifications: device tokens per account (`fcm`, `apns`, `dev`), and an outbox holding
//! exactly one notification per application and period (its idempotency key), delivered with
//! retries and exponential backoff by the device's provider.

pub mod apns;
pub mod dev;
pub mod fcm;
pub mod jwt;

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use rusqlite::{Transaction, params};

use crate::error::ApiResult;
use crate::sms::BoxFuture;
use crate::time::ms;

/// Attempts before a notification is given up.
pub const MAX_ATTEMPTS: i64 = 6;
/// Notifications delivered per run.
const BATCH: i64 = 500;

use yaohao_core::api::PushStatus;
pub use yaohao_core::api::{Provider, PushNotification as Notification};

/// The notification of one application's outcome in `period`.
fn notification(key: String, period: String, application_id: i64, won: bool) -> Notification {
    let (body_zh, body_en) = if won {
        (
            format!("恭喜！您在第 {period} 期摇号中签，请在 72 小时内确认。"),
            format!("Congratulations: you won in period {period}. Confirm within 72 hours."),
        )
    } else {
        (
            format!("第 {period} 期摇号结果已公布，您本期未中签，申请将自动参加下期摇号。"),
            format!(
                "Period {period} results are out: not drawn this time; your application \
                     carries over to the next draw."
            ),
        )
    };
    Notification {
        idempotency_key: key,
        period,
        application_id,
        won,
        title_zh: "摇号结果".into(),
        title_en: "Draw result".into(),
        body_zh,
        body_en,
    }
}

/// A delivery failure (retried later).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct PushError(pub String);

/// Something that delivers a notification to one device token.
pub trait PushProvider: Send + Sync {
    /// Delivers `notification` to `token`.
    fn send<'a>(
        &'a self,
        token: &'a str,
        notification: &'a Notification,
    ) -> BoxFuture<'a, Result<(), PushError>>;
}

/// The configured providers.
#[derive(Clone, Default)]
pub struct Providers {
    map: HashMap<Provider, Arc<dyn PushProvider>>,
}

impl Providers {
    /// Adds (or replaces) a provider.
    pub fn with(mut self, provider: Provider, sender: Arc<dyn PushProvider>) -> Providers {
        self.map.insert(provider, sender);
        self
    }

    fn get(&self, provider: Provider) -> Option<&Arc<dyn PushProvider>> {
        self.map.get(&provider)
    }
}

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

/// Queues one notification per participating application of a published period whose account
/// has a device (the others have nowhere to be told and read their results by query); a repeated
/// publication queues nothing new (the key `result:<period>:<application>` is unique).
pub fn enqueue_publication(
    tx: &Transaction<'_>,
    period: &str,
    now: DateTime<Utc>,
) -> ApiResult<usize> {
    Ok(tx.execute(
        PUBLICATION_SQL,
        params![period, ms(now), PushStatus::Pending.as_str()],
    )?)
}

pub use yaohao_core::api::DeliveryReport;

struct Due {
    id: i64,
    attempts: i64,
    notification: Notification,
    devices: Vec<(Provider, String)>,
}

/// Delivers every notification due at `now`.
pub async fn deliver_due(
    db: &crate::db::Db,
    providers: &Providers,
    now: DateTime<Utc>,
) -> ApiResult<DeliveryReport> {
    // Participants without a device are settled in one statement, so that a pool of millions
    // does not hold up the few notifications that have somewhere to go.
    let at = ms(now);
    let settled = db
        .write(move |tx| {
            Ok(tx.execute(
                "UPDATE push_outbox SET status = ?2, attempts = attempts + 1
                 WHERE status = ?3 AND next_attempt_at <= ?1
                 AND NOT EXISTS (SELECT 1 FROM devices d WHERE d.account_id = push_outbox.account_id)",
                params![
                    at,
                    PushStatus::NoDevice.as_str(),
                    PushStatus::Pending.as_str()
                ],
            )?)
        })
        .await?;
    let due: Vec<Due> = db
        .read(move |c| {
            let mut stmt = c.prepare(
                "SELECT id, idempotency_key, period_id, application_id, won, attempts, account_id
                 FROM push_outbox WHERE status = ?3 AND next_attempt_at <= ?1
                 ORDER BY id LIMIT ?2",
            )?;
            let rows =
                stmt.query_map(params![ms(now), BATCH, PushStatus::Pending.as_str()], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        notification(r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?),
                        r.get::<_, i64>(5)?,
                        r.get::<_, i64>(6)?,
                    ))
                })?;
            let mut devices =
                c.prepare_cached("SELECT provider, token FROM devices WHERE account_id = ?1")?;
            let mut out = Vec::new();
            for row in rows {
                let (id, notification, attempts, account) = row?;
                let list = devices
                    .query_map([account], |r| {
                        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
                    })?
                    .collect::<Result<Vec<_>, _>>()?
                    .into_iter()
                    .filter_map(|(p, t)| Provider::parse(&p).map(|p| (p, t)))
                    .collect();
                out.push(Due {
                    id,
                    attempts,
                    notification,
                    devices: list,
                });
            }
            Ok(out)
        })
        .await?;
    let mut report = DeliveryReport {
        no_device: settled,
        ..DeliveryReport::default()
    };
    let mut outcomes = Vec::new();
    for item in due {
        let mut error = None;
        for (provider, token) in &item.devices {
            let result = match providers.get(*provider) {
                Some(sender) => sender.send(token, &item.notification).await,
                None => Err(PushError(format!(
                    "provider {} is not configured",
                    provider.as_str()
                ))),
            };
            if let Err(e) = result {
                error = Some(e.0);
            }
        }
        let status = match (&error, item.devices.is_empty()) {
            (None, true) => {
                report.no_device += 1;
                PushStatus::NoDevice
            }
            (None, false) => {
                report.sent += 1;
                PushStatus::Sent
            }
            (Some(_), _) if item.attempts + 1 >= MAX_ATTEMPTS => {
                report.failed += 1;
                PushStatus::Failed
            }
            (Some(_), _) => {
                report.retrying += 1;
                PushStatus::Pending
            }
        };
        let backoff = Duration::seconds(30 << item.attempts.clamp(0, 10));
        outcomes.push((item.id, status, error, ms(now + backoff)));
    }
    let at = ms(now);
    db.write(move |tx| {
        for (id, status, error, next) in outcomes {
            tx.execute(
                "UPDATE push_outbox SET status = ?1, last_error = ?2, next_attempt_at = ?3,
                 attempts = attempts + 1, sent_at = CASE WHEN ?1 = ?6 THEN ?4 END
                 WHERE id = ?5",
                params![
                    status.as_str(),
                    error,
                    next,
                    at,
                    id,
                    PushStatus::Sent.as_str()
                ],
            )?;
        }
        Ok(())
    })
    .await?;
    Ok(report)
}
