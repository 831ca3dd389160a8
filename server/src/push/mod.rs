//! Push notifications: device tokens per account (`fcm`, `apns`, `dev`, `web_push`), and an
//! outbox holding exactly one notification per application and period (its idempotency key),
//! delivered with retries and exponential backoff by the device's provider.

pub mod apns;
pub mod dev;
pub mod fcm;
pub mod jwt;
pub mod webpush;

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

/// A delivery failure, and what the outbox does about it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PushError {
    /// Worth another attempt (a network fault, an overloaded or failing service, a provider not
    /// configured): retried with backoff, not before `after` if the service asked for a delay.
    #[error("{reason}")]
    Retry {
        /// What went wrong.
        reason: String,
        /// The delay the service asked for (`Retry-After`).
        after: Option<std::time::Duration>,
    },
    /// The same message can never be delivered (e.g. too large): not retried.
    #[error("{0}")]
    Permanent(String),
    /// The device's subscription no longer exists: the device is removed, not retried.
    #[error("{0}")]
    Gone(String),
}

impl PushError {
    /// A failure worth retrying after the outbox's own backoff.
    pub fn retry(reason: impl Into<String>) -> PushError {
        PushError::Retry {
            reason: reason.into(),
            after: None,
        }
    }
}

pub use crate::store::push::Target;

/// Something that delivers a notification to one device.
pub trait PushProvider: Send + Sync {
    /// Delivers `notification` to `device`.
    fn send<'a>(
        &'a self,
        device: &'a Target,
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
    devices: Vec<Target>,
}

/// The longest `Retry-After` the outbox honours (a longer one waits this long).
const MAX_RETRY_AFTER: std::time::Duration = std::time::Duration::from_secs(24 * 3600);

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
    let mut gone = Vec::new();
    for item in due {
        let (mut delivered, mut retry, mut permanent, mut removed) = (0, None, None, None);
        let mut wait = std::time::Duration::ZERO;
        for device in &item.devices {
            let provider = device.provider.as_str();
            let result = match providers.get(device.provider) {
                Some(sender) => sender.send(device, &item.notification).await,
                None => Err(PushError::retry(format!(
                    "provider {provider} is not configured on this portal"
                ))),
            };
            match result {
                Ok(()) => delivered += 1,
                Err(PushError::Gone(reason)) => {
                    tracing::info!(device_id = device.id, provider, %reason, "push device gone, removed");
                    gone.push(device.id);
                    removed = Some(reason);
                }
                Err(PushError::Permanent(reason)) => {
                    tracing::warn!(device_id = device.id, provider, %reason, "push undeliverable");
                    permanent = Some(reason);
                }
                Err(PushError::Retry { reason, after }) => {
                    tracing::warn!(device_id = device.id, provider, %reason, "push failed, will retry");
                    wait = wait.max(after.unwrap_or_default().min(MAX_RETRY_AFTER));
                    retry = Some(reason);
                }
            }
        }
        // A device to retry keeps the notification pending (every device is tried again); one
        // that can never take it fails it; one that is gone no longer counts.
        let status = match (&retry, &permanent) {
            (Some(_), _) if item.attempts + 1 >= MAX_ATTEMPTS => {
                report.failed += 1;
                PushStatus::Failed
            }
            (Some(_), _) => {
                report.retrying += 1;
                PushStatus::Pending
            }
            (None, Some(_)) => {
                report.failed += 1;
                PushStatus::Failed
            }
            (None, None) if delivered > 0 => {
                report.sent += 1;
                PushStatus::Sent
            }
            (None, None) => {
                report.no_device += 1;
                PushStatus::NoDevice
            }
        };
        let error = retry.or(permanent).or(removed);
        let backoff = Duration::seconds(30 << item.attempts.clamp(0, 10));
        let asked = Duration::from_std(wait).unwrap_or(backoff);
        outcomes.push((item.id, status, error, ms(now + backoff.max(asked))));
    }
    let at = ms(now);
    db.write(move |tx| {
        for id in gone {
            crate::store::devices::delete_gone(tx, id)?;
        }
        for (id, status, error, next) in outcomes {
            crate::store::push::record_attempt(tx, id, status, error.as_deref(), next, at)?;
        }
        Ok(())
    })
    .await?;
    Ok(report)
}
