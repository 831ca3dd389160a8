//! Firebase Cloud Messaging HTTP v1: an OAuth2 access token from the service account (an RS256
//! JWT assertion exchanged at its `token_uri`, cached until shortly before expiry), then one
//! `POST {endpoint}/v1/projects/{project}/messages:send` per device.

use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;
use serde_json::json;

use super::{Notification, PushError, PushProvider, Target, jwt};
use crate::sms::BoxFuture;

/// The fields of a Google service-account JSON file the portal uses.
#[derive(Debug, Clone, Deserialize)]
pub struct ServiceAccount {
    /// Firebase project id.
    pub project_id: String,
    /// The account's e-mail (the assertion's issuer).
    pub client_email: String,
    /// PKCS#8 PEM RSA key.
    pub private_key: String,
    /// OAuth2 token endpoint.
    pub token_uri: String,
}

/// FCM settings.
#[derive(Debug, Clone)]
pub struct FcmConfig {
    /// The service account.
    pub account: ServiceAccount,
    /// Base URL of the FCM API (`https://fcm.googleapis.com`).
    pub endpoint: String,
}

/// The FCM provider.
pub struct Fcm {
    config: FcmConfig,
    key: Vec<u8>,
    client: reqwest::Client,
    token: Mutex<Option<(String, DateTime<Utc>)>>,
}

/// The OAuth2 scope for sending messages.
const SCOPE: &str = "https://www.googleapis.com/auth/firebase.messaging";

#[derive(Deserialize)]
struct TokenAnswer {
    access_token: String,
    expires_in: i64,
}

fn failed(what: &str, e: impl std::fmt::Display) -> PushError {
    PushError::retry(format!("fcm {what}: {e}"))
}

impl Fcm {
    /// A provider for `config`; fails if the key is unusable.
    pub fn new(config: FcmConfig, client: reqwest::Client) -> Result<Fcm, PushError> {
        let key = jwt::pem_der(&config.account.private_key)?;
        jwt::rs256(&json!({}), &key)?;
        Ok(Fcm {
            config,
            key,
            client,
            token: Mutex::new(None),
        })
    }

    async fn access_token(&self) -> Result<String, PushError> {
        let now = Utc::now();
        if let Some((token, until)) = self.token.lock().unwrap_or_else(|p| p.into_inner()).clone()
            && until > now
        {
            return Ok(token);
        }
        let account = &self.config.account;
        let claims = json!({
            "iss": account.client_email,
            "scope": SCOPE,
            "aud": account.token_uri,
            "iat": now.timestamp(),
            "exp": (now + Duration::hours(1)).timestamp(),
        });
        let assertion = jwt::rs256(&claims, &self.key)?;
        let response = self
            .client
            .post(&account.token_uri)
            .form(&[
                ("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
                ("assertion", assertion.as_str()),
            ])
            .send()
            .await
            .map_err(|e| failed("token", e))?;
        if !response.status().is_success() {
            return Err(failed("token", response.status()));
        }
        let answer: TokenAnswer = response.json().await.map_err(|e| failed("token", e))?;
        let until = now + Duration::seconds((answer.expires_in - 60).max(0));
        *self.token.lock().unwrap_or_else(|p| p.into_inner()) =
            Some((answer.access_token.clone(), until));
        Ok(answer.access_token)
    }
}

impl PushProvider for Fcm {
    fn send<'a>(
        &'a self,
        device: &'a Target,
        n: &'a Notification,
    ) -> BoxFuture<'a, Result<(), PushError>> {
        Box::pin(async move {
            let access = self.access_token().await?;
            let url = format!(
                "{}/v1/projects/{}/messages:send",
                self.config.endpoint.trim_end_matches('/'),
                self.config.account.project_id
            );
            let body = json!({
                "message": {
                    "token": device.token,
                    "notification": { "title": n.title_zh, "body": n.body_zh },
                    "data": {
                        "type": yaohao_core::api::push::RESULT_MESSAGE_TYPE,
                        "idempotency_key": n.idempotency_key,
                        "period": n.period,
                        "application_id": n.application_id.to_string(),
                        "won": n.won.to_string(),
                        "body_en": n.body_en,
                    },
                    "android": { "collapse_key": n.idempotency_key, "priority": "high" },
                }
            });
            let response = self
                .client
                .post(url)
                .bearer_auth(access)
                .json(&body)
                .send()
                .await
                .map_err(|e| failed("send", e))?;
            if response.status().is_success() {
                Ok(())
            } else {
                Err(failed("send", response.status()))
            }
        })
    }
}
