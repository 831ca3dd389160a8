//! Push devices of an account and who may hold a `dev` event stream (the delivery itself, the
//! outbox and the providers are [`crate::push`]).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use yaohao_core::api::{Device, NewDevice, Provider, PushOutboxEntry, VapidKey, WebPushKeys};

use crate::auth::session;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store;
use crate::time::ms;

/// The devices of `account`.
pub async fn list(state: &AppState, account: i64) -> ApiResult<Vec<Device>> {
    state
        .db
        .read(move |c| store::devices::of_account(c, account))
        .await
}

/// Whether `url` is a Web Push endpoint the portal may POST to: `https://`, or `http://` on a
/// loopback host (a push service on the same machine, as in tests).
fn endpoint_allowed(url: &str) -> bool {
    let Ok(url) = reqwest::Url::parse(url) else {
        return false;
    };
    // The parser lowercases host names and normalises addresses (`[0:0::1]` is `[::1]`).
    let loopback = matches!(url.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
    url.host_str().is_some_and(|h| !h.is_empty())
        && url.username().is_empty()
        && url.password().is_none()
        && (url.scheme() == "https" || (url.scheme() == "http" && loopback))
}

/// The bytes of a base64url key (padding tolerated).
fn key_bytes(text: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD
        .decode(text.trim().trim_end_matches('='))
        .ok()
}

/// A `web_push` subscription's keys, checked and normalised (unpadded base64url).
fn web_push_keys(keys: Option<WebPushKeys>) -> ApiResult<WebPushKeys> {
    let keys = keys.ok_or_else(|| {
        ApiError::invalid(
            "keys",
            "web_push 设备须提供订阅密钥 keys（p256dh 与 auth）",
            "a web_push device needs its subscription's keys: send `keys` with `p256dh` and \
             `auth` as the push subscription gives them",
        )
    })?;
    let p256dh = key_bytes(&keys.p256dh)
        .filter(|b| b.len() == 65 && b[0] == 4 && p256::PublicKey::from_sec1_bytes(b).is_ok())
        .ok_or_else(|| {
            ApiError::invalid(
                "keys.p256dh",
                "p256dh 须为 base64url 编码的 65 字节未压缩 P-256 公钥",
                "keys.p256dh must be the subscription's uncompressed P-256 public key: 65 bytes \
                 in base64url",
            )
        })?;
    let auth = key_bytes(&keys.auth)
        .filter(|b| b.len() == 16)
        .ok_or_else(|| {
            ApiError::invalid(
                "keys.auth",
                "auth 须为 base64url 编码的 16 字节认证密钥",
                "keys.auth must be the subscription's 16-byte authentication secret in base64url",
            )
        })?;
    Ok(WebPushKeys {
        p256dh: URL_SAFE_NO_PAD.encode(p256dh),
        auth: URL_SAFE_NO_PAD.encode(auth),
    })
}

/// Registers a device token (a `web_push` endpoint with its keys); a token moves to the account
/// registering it. The account's devices after.
pub async fn register(state: &AppState, account: i64, body: NewDevice) -> ApiResult<Vec<Device>> {
    let token = body.token.trim().to_owned();
    if token.is_empty() || token.len() > 4096 {
        return Err(ApiError::invalid(
            "token",
            "设备令牌无效",
            "invalid device token",
        ));
    }
    let keys = if body.provider == Provider::WebPush {
        if !endpoint_allowed(&token) {
            return Err(ApiError::invalid(
                "token",
                "web_push 设备的令牌须为推送服务的 https:// 端点地址",
                "a web_push token must be the push service's absolute https:// endpoint URL \
                 (http:// only on a loopback host)",
            ));
        }
        Some(web_push_keys(body.keys)?)
    } else if body.keys.is_some() {
        return Err(ApiError::invalid(
            "keys",
            "只有 web_push 设备提供 keys，请去掉该字段",
            format!(
                "keys belong to web_push devices only: leave them out for {}",
                body.provider.as_str()
            ),
        ));
    } else {
        None
    };
    let now = ms(state.clock.now());
    let list = state
        .db
        .write(move |tx| {
            store::devices::upsert(tx, account, body.provider, &token, keys.as_ref(), now)?;
            store::devices::of_account(tx, account)
        })
        .await?;
    tracing::info!(
        account_id = account,
        provider = body.provider.as_str(),
        "device registered"
    );
    Ok(list)
}

/// The VAPID public key Web Push subscriptions are made with (`not_found` with the reason when
/// the portal has no VAPID key).
pub fn vapid_key(state: &AppState) -> ApiResult<VapidKey> {
    match &state.vapid_public_key {
        Some(public_key) => Ok(VapidKey {
            public_key: public_key.clone(),
        }),
        None => Err(ApiError::new(
            axum::http::StatusCode::NOT_FOUND,
            yaohao_core::api::ErrorCode::NotFound,
            "本门户未配置 Web Push（VAPID 密钥），请使用其他推送方式",
            "this portal has no Web Push (VAPID) key configured: register another push provider",
        )),
    }
}

/// Removes device `id` of `account` (`not_found` if it has none).
pub async fn remove(state: &AppState, account: i64, id: i64) -> ApiResult<()> {
    let deleted = state
        .db
        .write(move |tx| store::devices::delete(tx, account, id))
        .await?;
    if deleted {
        Ok(())
    } else {
        Err(ApiError::not_found())
    }
}

/// Whether the session of `token_hash` still admits `account` and `device` is still its `dev`
/// device (a logout, a newer login, expiry or the token moving to another account end a stream).
pub async fn stream_allowed(
    state: &AppState,
    token_hash: &str,
    account: i64,
    device: &str,
) -> ApiResult<bool> {
    let now = state.clock.now();
    let (hash, token) = (token_hash.to_owned(), device.to_owned());
    let (session, owned) = state
        .db
        .read(move |c| {
            let owned = store::devices::holds(c, account, Provider::Dev, &token)?;
            Ok((session::row(c, &hash)?, owned))
        })
        .await?;
    let live = session::admit(session.as_ref(), now).is_ok_and(|s| s.account_id == account);
    Ok(live && owned)
}

/// Whether `application` is `account`'s: a notification is only ever shown to its owner.
pub async fn owns_application(state: &AppState, account: i64, application: i64) -> bool {
    state
        .db
        .read(move |c| store::applications::owned_by(c, application, account))
        .await
        .unwrap_or(false)
}

/// The push outbox, for the operator.
pub async fn outbox(state: &AppState) -> ApiResult<Vec<PushOutboxEntry>> {
    state.db.read(store::devices::outbox).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_are_https_or_loopback_http() {
        for ok in [
            "https://push.example.org/up/abc",
            "https://10.1.2.3:8443/wpush/v2/x",
            "http://127.0.0.1:8080/push/1",
            "http://localhost/push/1",
            "http://LOCALHOST:9/push",
            "http://[::1]:8080/push/1",
        ] {
            assert!(endpoint_allowed(ok), "{ok}");
        }
        for refused in [
            "http://push.example.org/up/abc",
            "http://127.0.0.2/push",
            "http://[::2]/push",
            "https://user:secret@push.example.org/up",
            "ftp://push.example.org/up",
            "push.example.org/up",
            "https://",
            "",
        ] {
            assert!(!endpoint_allowed(refused), "{refused}");
        }
    }

    #[test]
    fn keys_are_checked_and_stored_unpadded() {
        let point = p256::SecretKey::from_slice(&[3; 32]).unwrap().public_key();
        let point = p256::elliptic_curve::sec1::ToEncodedPoint::to_encoded_point(&point, false);
        let keys = |p256dh: String, auth: String| Some(WebPushKeys { p256dh, auth });
        let good = URL_SAFE_NO_PAD.encode(point.as_bytes());
        let auth = URL_SAFE_NO_PAD.encode([5u8; 16]);
        let stored = web_push_keys(keys(format!("{good}="), format!("{auth}=="))).unwrap();
        assert_eq!((stored.p256dh, stored.auth), (good.clone(), auth.clone()));
        let field = |k| web_push_keys(k).unwrap_err().body().field.clone();
        assert_eq!(field(None).as_deref(), Some("keys"));
        let compressed = point.compress();
        let short = URL_SAFE_NO_PAD.encode(compressed.as_bytes());
        assert_eq!(
            field(keys(short, auth.clone())).as_deref(),
            Some("keys.p256dh")
        );
        assert_eq!(
            field(keys("%%%".into(), auth.clone())).as_deref(),
            Some("keys.p256dh")
        );
        assert_eq!(
            field(keys(good, URL_SAFE_NO_PAD.encode([5u8; 17]))).as_deref(),
            Some("keys.auth")
        );
    }
}
