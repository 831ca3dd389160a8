//! Web Push (RFC 8030), the provider of UnifiedPush distributors: the notification's JSON,
//! encrypted for the subscription's keys (RFC 8291, `aes128gcm` content coding of RFC 8188, by
//! `web-push-native`), POSTed to the subscription's endpoint with a VAPID token (RFC 8292: an
//! ES256 JWT signed by `ring` for the endpoint's origin).
//!
//! Answers: 201/202 delivered; 404/410 the subscription is gone (the device is removed); 413
//! undeliverable; 429, 5xx and anything else retried by the outbox (not before `Retry-After`).

use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Utc;
use p256::elliptic_curve::sec1::ToEncodedPoint;
use reqwest::StatusCode;
use ring::rand::SystemRandom;
use ring::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair};
use serde_json::json;
use web_push_native::{Auth, WebPushBuilder};

use super::{Notification, PushError, PushProvider, Target, jwt};
use crate::sms::BoxFuture;

/// The largest plaintext one push message carries: a push service must accept 4096 bytes of
/// encrypted body (RFC 8030 §7.2), which is the 86-byte `aes128gcm` header (salt, record size,
/// the 65-byte sender key), the plaintext, its 1-byte delimiter and the 16-byte tag.
pub const MAX_PAYLOAD: usize = 4096 - 86 - 1 - 16;

/// How long a push service keeps an undelivered message (`TTL`): the 72 hours a winner has to
/// confirm.
const TTL: Duration = Duration::from_secs(72 * 3600);

/// How long a VAPID token is valid (RFC 8292 allows at most 24 hours).
const VAPID_VALIDITY: chrono::Duration = chrono::Duration::hours(12);

/// Web Push settings.
#[derive(Debug, Clone)]
pub struct WebPushConfig {
    /// The VAPID private key: a PKCS#8 PEM file's text, or the raw 32-byte P-256 scalar in
    /// base64url (as `web-push generate-vapid-keys` prints it).
    pub key: String,
    /// Who runs the portal, for push services to reach (`mailto:` or `https:` URL; the `sub`
    /// claim).
    pub subject: String,
}

/// The Web Push provider.
pub struct WebPush {
    key: EcdsaKeyPair,
    public_key: String,
    subject: String,
    client: reqwest::Client,
}

impl std::fmt::Debug for WebPush {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebPush")
            .field("public_key", &self.public_key)
            .field("subject", &self.subject)
            .finish_non_exhaustive()
    }
}

fn failed(e: impl std::fmt::Display) -> PushError {
    PushError::retry(format!("web_push: {e}"))
}

/// The P-256 key of a VAPID key file's text (PKCS#8 PEM or raw base64url scalar).
fn vapid_key(text: &str) -> Result<EcdsaKeyPair, String> {
    let rng = SystemRandom::new();
    if text.contains("-----BEGIN") {
        if text.contains("BEGIN EC PRIVATE KEY") {
            return Err("the VAPID key is a SEC1 PEM; convert it to PKCS#8 with \
                        `openssl pkcs8 -topk8 -nocrypt`"
                .to_owned());
        }
        let der = jwt::pem_der(text).map_err(|e| format!("VAPID key: {e}"))?;
        return EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &der, &rng)
            .map_err(|e| format!("VAPID key: not a PKCS#8 P-256 key ({e})"));
    }
    let raw = URL_SAFE_NO_PAD
        .decode(text.trim().trim_end_matches('='))
        .map_err(|e| format!("VAPID key: neither PEM nor base64url ({e})"))?;
    let secret = p256::SecretKey::from_slice(&raw)
        .map_err(|_| "VAPID key: a raw key must be a 32-byte P-256 scalar".to_owned())?;
    let public = secret.public_key().to_encoded_point(false);
    EcdsaKeyPair::from_private_key_and_public_key(
        &ECDSA_P256_SHA256_FIXED_SIGNING,
        &raw,
        public.as_bytes(),
        &rng,
    )
    .map_err(|e| format!("VAPID key: {e}"))
}

/// The delay a `Retry-After` header asks for (delta seconds or an HTTP date).
fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let value = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?;
    if let Ok(seconds) = value.trim().parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = chrono::DateTime::parse_from_rfc2822(value.trim()).ok()?;
    (at.with_timezone(&Utc) - Utc::now()).to_std().ok()
}

/// What the push service's answer `status` means for the outbox.
fn outcome(status: StatusCode, headers: &reqwest::header::HeaderMap) -> Result<(), PushError> {
    match status.as_u16() {
        200..=299 => Ok(()),
        404 | 410 => Err(PushError::Gone(format!(
            "web_push: subscription gone ({status})"
        ))),
        413 => Err(PushError::Permanent(format!(
            "web_push: message refused as too large ({status})"
        ))),
        _ => Err(PushError::Retry {
            reason: format!("web_push: push service answered {status}"),
            after: retry_after(headers),
        }),
    }
}

impl WebPush {
    /// A provider for `config` sending with `client`; fails if the key or subject is unusable.
    pub fn new(config: &WebPushConfig, client: reqwest::Client) -> Result<WebPush, String> {
        let subject = config.subject.trim();
        if !(subject.starts_with("mailto:") || subject.starts_with("https://")) {
            return Err(format!(
                "VAPID subject {subject:?} must be a mailto: or https: URL"
            ));
        }
        let key = vapid_key(&config.key)?;
        let public_key = URL_SAFE_NO_PAD.encode(key.public_key().as_ref());
        Ok(WebPush {
            key,
            public_key,
            subject: subject.to_owned(),
            client,
        })
    }

    /// The VAPID public key, an uncompressed P-256 point in base64url (what subscriptions are
    /// made with).
    pub fn public_key(&self) -> &str {
        &self.public_key
    }

    /// The `Authorization` header for a request to `endpoint` (RFC 8292 §3).
    fn authorization(&self, endpoint: &reqwest::Url) -> Result<String, PushError> {
        let claims = json!({
            "aud": endpoint.origin().ascii_serialization(),
            "exp": (Utc::now() + VAPID_VALIDITY).timestamp(),
            "sub": self.subject,
        });
        let token = jwt::es256_with(&self.key, &json!({ "typ": "JWT", "alg": "ES256" }), &claims)?;
        Ok(format!("vapid t={token}, k={}", self.public_key))
    }

    /// The encrypted request delivering `n` to `device`.
    fn request(&self, device: &Target, n: &Notification) -> Result<reqwest::Request, PushError> {
        let keys = device
            .keys
            .as_ref()
            .ok_or_else(|| PushError::Permanent("web_push: the device has no keys".into()))?;
        let bad_keys = |what: &str| PushError::Permanent(format!("web_push: stored {what}"));
        let p256dh = URL_SAFE_NO_PAD
            .decode(&keys.p256dh)
            .ok()
            .and_then(|b| p256::PublicKey::from_sec1_bytes(&b).ok())
            .ok_or_else(|| bad_keys("p256dh is not a P-256 point"))?;
        let auth = URL_SAFE_NO_PAD
            .decode(&keys.auth)
            .ok()
            .filter(|b| b.len() == 16)
            .ok_or_else(|| bad_keys("auth is not 16 bytes"))?;
        let endpoint = reqwest::Url::parse(&device.token)
            .map_err(|_| PushError::Permanent("web_push: the endpoint is not a URL".into()))?;
        let uri = endpoint
            .as_str()
            .parse()
            .map_err(|_| PushError::Permanent("web_push: the endpoint is not a URI".into()))?;
        let body = serde_json::to_vec(n).map_err(failed)?;
        if body.len() > MAX_PAYLOAD {
            return Err(PushError::Permanent(format!(
                "web_push: notification of {} bytes exceeds {MAX_PAYLOAD}",
                body.len()
            )));
        }
        let request = WebPushBuilder::new(uri, p256dh, Auth::clone_from_slice(&auth))
            .with_valid_duration(TTL)
            .build(body)
            .map_err(failed)?;
        let mut request = reqwest::Request::try_from(request).map_err(failed)?;
        let headers = request.headers_mut();
        let authorization = self.authorization(&endpoint)?;
        headers.insert(
            reqwest::header::AUTHORIZATION,
            authorization.parse().map_err(failed)?,
        );
        headers.insert("urgency", reqwest::header::HeaderValue::from_static("high"));
        Ok(request)
    }
}

impl PushProvider for WebPush {
    fn send<'a>(
        &'a self,
        device: &'a Target,
        n: &'a Notification,
    ) -> BoxFuture<'a, Result<(), PushError>> {
        Box::pin(async move {
            let request = self.request(device, n)?;
            // The error's text names the endpoint (a capability URL): keep only what failed.
            let sending = reqwest::RequestBuilder::from_parts(self.client.clone(), request);
            let response = sending.send().await.map_err(|e| {
                failed(if e.is_timeout() {
                    "push service timed out"
                } else if e.is_connect() {
                    "push service unreachable"
                } else {
                    "request to the push service failed"
                })
            })?;
            outcome(response.status(), response.headers())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderMap, HeaderValue};

    #[test]
    fn statuses_map_to_outbox_outcomes() {
        let none = HeaderMap::new();
        assert_eq!(outcome(StatusCode::CREATED, &none), Ok(()));
        assert!(matches!(
            outcome(StatusCode::GONE, &none),
            Err(PushError::Gone(_))
        ));
        assert!(matches!(
            outcome(StatusCode::NOT_FOUND, &none),
            Err(PushError::Gone(_))
        ));
        assert!(matches!(
            outcome(StatusCode::PAYLOAD_TOO_LARGE, &none),
            Err(PushError::Permanent(_))
        ));
        let mut wait = HeaderMap::new();
        wait.insert("retry-after", HeaderValue::from_static("120"));
        assert_eq!(
            outcome(StatusCode::TOO_MANY_REQUESTS, &wait),
            Err(PushError::Retry {
                reason: "web_push: push service answered 429 Too Many Requests".into(),
                after: Some(Duration::from_secs(120)),
            })
        );
        assert!(matches!(
            outcome(StatusCode::INTERNAL_SERVER_ERROR, &none),
            Err(PushError::Retry { after: None, .. })
        ));
    }

    #[test]
    fn keys_load_from_pkcs8_pem_and_raw_base64url_alike() {
        let secret = p256::SecretKey::from_slice(&[7; 32]).unwrap();
        let raw = URL_SAFE_NO_PAD.encode(secret.to_bytes());
        let from_raw = vapid_key(&format!("{raw}\n")).unwrap();
        let expected = secret.public_key().to_encoded_point(false);
        assert_eq!(from_raw.public_key().as_ref(), expected.as_bytes());
        let pkcs8 =
            EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &SystemRandom::new())
                .unwrap();
        let pem = format!(
            "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n",
            base64::engine::general_purpose::STANDARD.encode(pkcs8.as_ref())
        );
        assert_eq!(vapid_key(&pem).unwrap().public_key().as_ref().len(), 65);
        assert!(vapid_key("-----BEGIN EC PRIVATE KEY-----\nAA==\n").is_err());
        assert!(vapid_key("c2hvcnQ").is_err());
        let client = reqwest::Client::new();
        let subject = |s: &str| WebPushConfig {
            key: raw.clone(),
            subject: s.into(),
        };
        assert!(WebPush::new(&subject("mailto:ops@example.cn"), client.clone()).is_ok());
        assert!(WebPush::new(&subject("ops@example.cn"), client).is_err());
    }

    #[test]
    fn the_largest_notification_fits_one_push_message() {
        for won in [true, false] {
            let key = format!("result:209912:{}", i64::MAX);
            let n = crate::push::notification(key, "209912".into(), i64::MAX, won);
            let plain = serde_json::to_vec(&n).unwrap();
            assert!(plain.len() < MAX_PAYLOAD / 4, "{}", plain.len());
        }
        let secret = p256::SecretKey::from_slice(&[9; 32]).unwrap();
        let sealed = web_push_native::encrypt(
            vec![b'x'; MAX_PAYLOAD],
            &secret.public_key(),
            &Auth::clone_from_slice(&[1; 16]),
        )
        .unwrap();
        assert_eq!(sealed.len(), 4096);
    }
}
