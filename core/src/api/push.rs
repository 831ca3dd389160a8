//! Push: devices, the notification each participant receives at publication, and the
//! operator's view of the push outbox.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::status::PushStatus;

/// Push providers a device can use (closed: the client sends them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Provider {
    /// Firebase Cloud Messaging HTTP v1 (Android).
    Fcm,
    /// Apple Push Notification service (iOS).
    Apns,
    /// A server-sent event stream (development and the CLI).
    Dev,
    /// Web Push (RFC 8030, encrypted per RFC 8291, VAPID per RFC 8292): a UnifiedPush
    /// distributor on Android phones without Google services, or any Web Push endpoint.
    WebPush,
}

impl Provider {
    /// The wire (and stored) name.
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::Fcm => "fcm",
            Provider::Apns => "apns",
            Provider::Dev => "dev",
            Provider::WebPush => "web_push",
        }
    }

    /// The provider with this name.
    pub fn parse(name: &str) -> Option<Provider> {
        [
            Provider::Fcm,
            Provider::Apns,
            Provider::Dev,
            Provider::WebPush,
        ]
        .into_iter()
        .find(|p| p.as_str() == name)
    }
}

/// `POST /v1/me/devices`: register a device token (upserted on provider and token).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewDevice {
    /// Provider.
    pub provider: Provider,
    /// The provider's token (1–4096 characters); for `web_push`, the subscription's endpoint
    /// URL (`https://`, or `http://` on a loopback host).
    pub token: String,
    /// The subscription's keys: required for `web_push`, refused for the other providers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keys: Option<WebPushKeys>,
}

/// The keys of a Web Push subscription, base64url without padding (as browsers and UnifiedPush
/// connectors give them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebPushKeys {
    /// The receiver's ECDH public key: an uncompressed P-256 point (65 bytes).
    pub p256dh: String,
    /// The authentication secret (16 bytes).
    pub auth: String,
}

/// `GET /v1/push/vapid`: the portal's VAPID public key, which a Web Push subscription is made
/// with (the `applicationServerKey` / UnifiedPush `vapid`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VapidKey {
    /// An uncompressed P-256 point (65 bytes), base64url without padding.
    pub public_key: String,
}

/// A registered device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Device {
    /// Portal id.
    pub id: i64,
    /// Provider.
    pub provider: Provider,
    /// The provider's token.
    pub token: String,
    /// When it was registered.
    pub created_at: DateTime<Utc>,
}

/// The `type` a result message carries in a push's data, so the app knows to check the period
/// (`app.yaohao.presentation.push.ResultPush` on Android).
pub const RESULT_MESSAGE_TYPE: &str = "results";

/// What a participant is told when a period is published (the push payload, and the `result`
/// event of `GET /v1/me/push/stream`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushNotification {
    /// `result:<period>:<application>`: the same for every retry and device, so clients dedupe.
    pub idempotency_key: String,
    /// Period number.
    pub period: String,
    /// The application.
    pub application_id: i64,
    /// Whether it won.
    pub won: bool,
    /// Title, Chinese.
    pub title_zh: String,
    /// Title, English.
    pub title_en: String,
    /// Body, Chinese.
    pub body_zh: String,
    /// Body, English.
    pub body_en: String,
}

/// `GET /v1/operator/push-outbox`: one notification and its delivery.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushOutboxEntry {
    /// The notification's key.
    pub idempotency_key: String,
    /// The account told.
    pub account_id: i64,
    /// Whether it won.
    pub won: bool,
    /// Delivery.
    pub status: PushStatus,
    /// Attempts so far.
    pub attempts: i64,
    /// The last provider error.
    #[serde(default)]
    pub last_error: Option<String>,
}

/// What one delivery run did (in a [`super::TickReport`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryReport {
    /// Notifications delivered to every device of their account.
    pub sent: usize,
    /// Notifications whose account has no device.
    pub no_device: usize,
    /// Notifications to retry later.
    pub retrying: usize,
    /// Notifications given up after the last attempt.
    pub failed: usize,
}
