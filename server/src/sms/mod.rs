//! Sending SMS: a gateway trait with two implementations, the database outbox (default) and a
//! JSON webhook; and the verification codes sent through it.

pub mod codes;

use std::future::Future;
use std::pin::Pin;

use serde::Serialize;

use crate::db::Db;
use crate::error::{ApiError, ApiResult, ErrorCode};

/// A boxed future, so the gateway trait can be used as `Arc<dyn SmsGateway>`.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// One text message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SmsMessage {
    /// Destination mobile number.
    pub mobile: String,
    /// Message text.
    pub body: String,
}

/// Something that delivers text messages.
pub trait SmsGateway: Send + Sync {
    /// Delivers `message`; `at_ms` is the portal clock's instant in Unix milliseconds.
    fn send<'a>(&'a self, message: &'a SmsMessage, at_ms: i64) -> BoxFuture<'a, ApiResult<()>>;
}

/// What an outbox message reads once its code has expired.
pub const REDACTED: &str = "【北京市小客车指标调控管理】验证码已过期，内容已删除。\
                            The code has expired and was removed.";

/// Replaces the text of outbox messages older than a code's lifetime by [`REDACTED`]: the
/// outbox is the SMS gateway of development and test portals, where the operator reads the live
/// code to log in, but a code that can no longer be used has no reason to stay readable.
pub fn redact_expired(tx: &rusqlite::Transaction<'_>, now_ms: i64) -> ApiResult<()> {
    crate::store::sms::redact_outbox(tx, REDACTED, now_ms - codes::CODE_TTL_SECONDS * 1000)
}

/// Stores messages in the `sms_outbox` table, where the operator reads them (the code of each
/// while it is valid, see [`redact_expired`]).
pub struct OutboxGateway {
    db: Db,
}

impl OutboxGateway {
    /// An outbox in `db`.
    pub fn new(db: Db) -> OutboxGateway {
        OutboxGateway { db }
    }
}

impl SmsGateway for OutboxGateway {
    fn send<'a>(&'a self, message: &'a SmsMessage, at_ms: i64) -> BoxFuture<'a, ApiResult<()>> {
        let message = message.clone();
        Box::pin(async move {
            self.db
                .write(move |tx| {
                    crate::store::sms::insert_outbox(tx, &message.mobile, &message.body, at_ms)?;
                    redact_expired(tx, at_ms)
                })
                .await
        })
    }
}

/// POSTs each message as JSON `{mobile, body}` to a URL; any non-2xx answer is a failure.
pub struct WebhookGateway {
    url: String,
    client: reqwest::Client,
}

impl WebhookGateway {
    /// A gateway posting to `url`.
    pub fn new(url: String) -> ApiResult<WebhookGateway> {
        let client = reqwest::Client::builder()
            .connect_timeout(std::time::Duration::from_secs(5))
            .timeout(std::time::Duration::from_secs(10))
            .build()
            .map_err(ApiError::internal)?;
        Ok(WebhookGateway { url, client })
    }
}

fn unavailable() -> ApiError {
    ApiError::new(
        axum::http::StatusCode::BAD_GATEWAY,
        ErrorCode::SmsUnavailable,
        "短信发送失败，请稍后再试",
        "the SMS could not be sent, please try again later",
    )
}

impl SmsGateway for WebhookGateway {
    fn send<'a>(&'a self, message: &'a SmsMessage, _at_ms: i64) -> BoxFuture<'a, ApiResult<()>> {
        Box::pin(async move {
            let response = self
                .client
                .post(&self.url)
                .json(message)
                .send()
                .await
                .map_err(|e| {
                    tracing::warn!(error = %e, "sms webhook unreachable");
                    unavailable()
                })?;
            if response.status().is_success() {
                Ok(())
            } else {
                tracing::warn!(
                    status = response.status().as_u16(),
                    "sms webhook refused a message"
                );
                Err(unavailable())
            }
        })
    }
}

/// Messages in the outbox, oldest first, optionally only those to `mobile`.
pub fn read_outbox(db: &Db, mobile: Option<&str>) -> ApiResult<Vec<OutboxEntry>> {
    let mobile = mobile.map(str::to_owned);
    db.read_blocking(move |conn| crate::store::sms::outbox(conn, mobile.as_deref()))
}

pub use yaohao_core::api::SmsOutboxEntry as OutboxEntry;
