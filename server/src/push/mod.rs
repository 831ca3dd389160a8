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
use rusqlite::Transaction;

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

/// Queues one notification per participating application of a published period whose account
/// has a device (the others have nowhere to be told and read their results by query); a repeated
/// publication queues nothing new (the key `result:<period>:<application>` is unique).
pub fn enqueue_publication(
    tx: &Transaction<'_>,
    period: &str,
    now: DateTime<Utc>,
) -> ApiResult<usize> {
    crate::store::push::enqueue_publication(tx, period, ms(now))
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
        .write(move |tx| crate::store::push::settle_without_device(tx, at))
        .await?;
    let due: Vec<Due> = db
        .read(move |c| {
            let rows = crate::store::push::due(c, ms(now), BATCH)?;
            let mut out = Vec::new();
            for row in rows {
                let devices = crate::store::push::devices_of(c, row.account_id)?;
                out.push(Due {
                    id: row.id,
                    attempts: row.attempts,
                    notification: notification(row.key, row.period, row.application_id, row.won),
                    devices,
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
            crate::store::push::record_attempt(tx, id, status, error.as_deref(), next, at)?;
        }
        Ok(())
    })
    .await?;
    Ok(report)
}
