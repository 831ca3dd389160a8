//! Apple Push Notification service: an ES256 provider token (team id, key id; reused for 50
//! minutes) and one HTTP/2 `POST {endpoint}/3/device/{token}` per device, collapsed by the
//! notification's idempotency key.

use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};
use serde_json::json;

use super::{Notification, PushError, PushProvider, Target, jwt};
use crate::sms::BoxFuture;

/// APNs settings.
#[derive(Debug, Clone)]
pub struct ApnsConfig {
    /// The `.p8` key (PKCS#8 PEM, P-256).
    pub key_pem: String,
    /// Its key id.
    pub key_id: String,
    /// The developer team id.
    pub team_id: String,
    /// The app's bundle id (`apns-topic`).
    pub topic: String,
    /// Base URL (`https://api.push.apple.com`); an `http://` URL is spoken to as HTTP/2 without TLS.
    pub endpoint: String,
}

/// The APNs provider.
pub struct Apns {
    config: ApnsConfig,
    key: Vec<u8>,
    client: reqwest::Client,
    token: Mutex<Option<(String, DateTime<Utc>)>>,
}

fn failed(e: impl std::fmt::Display) -> PushError {
    PushError::retry(format!("apns: {e}"))
}

impl Apns {
    /// A provider for `config`; fails if the key is unusable.
    pub fn new(config: ApnsConfig) -> Result<Apns, PushError> {
        let key = jwt::pem_der(&config.key_pem)?;
        jwt::es256(&config.key_id, &json!({}), &key)?;
        let builder = reqwest::Client::builder()
            .connect_timeout(std::time::Duration::from_secs(5))
            .timeout(std::time::Duration::from_secs(15));
        let builder = if config.endpoint.starts_with("http://") {
            builder.http2_prior_knowledge()
        } else {
            builder
        };
        let client = builder.build().map_err(failed)?;
        Ok(Apns {
            config,
            key,
            client,
            token: Mutex::new(None),
        })
    }

    fn provider_token(&self) -> Result<String, PushError> {
        let now = Utc::now();
        let mut cached = self.token.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((token, until)) = cached.as_ref()
            && *until > now
        {
            return Ok(token.clone());
        }
        let claims = json!({ "iss": self.config.team_id, "iat": now.timestamp() });
        let token = jwt::es256(&self.config.key_id, &claims, &self.key)?;
        *cached = Some((token.clone(), now + Duration::minutes(50)));
        Ok(token)
    }
}

impl PushProvider for Apns {
    fn send<'a>(
        &'a self,
        device: &'a Target,
        n: &'a Notification,
    ) -> BoxFuture<'a, Result<(), PushError>> {
        Box::pin(async move {
            let bearer = self.provider_token()?;
            let url = format!(
                "{}/3/device/{}",
                self.config.endpoint.trim_end_matches('/'),
                device.token
            );
            let body = json!({
                "aps": { "alert": { "title": n.title_zh, "body": n.body_zh }, "sound": "default" },
                "idempotency_key": n.idempotency_key,
                "period": n.period,
                "application_id": n.application_id,
                "won": n.won,
            });
            let collapse: String = n.idempotency_key.chars().take(64).collect();
            let response = self
                .client
                .post(url)
                .header("authorization", format!("bearer {bearer}"))
                .header("apns-topic", &self.config.topic)
                .header("apns-push-type", "alert")
                .header("apns-priority", "10")
                .header("apns-collapse-id", collapse)
                .json(&body)
                .send()
                .await
                // The URL holds the device token: it stays out of the error (and the log).
                .map_err(|e| failed(e.without_url()))?;
            if response.status().is_success() {
                Ok(())
            } else {
                Err(failed(response.status()))
            }
        })
    }
}
