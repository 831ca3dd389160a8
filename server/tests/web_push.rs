//! Web Push (UnifiedPush) delivery against a push service on a loopback port: the VAPID token is
//! verified with the key `GET /v1/push/vapid` advertises, and the body is decrypted here as a
//! receiver does (RFC 8291), independently of the portal's encryption code. Also: 410 removes
//! the device, 500 is retried, registrations are checked field by field.

mod common;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Path, Request, State};
use axum::http::StatusCode as HttpStatus;
use axum::routing::post;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use common::*;
use p256::elliptic_curve::sec1::ToEncodedPoint;
use reqwest::{Method, StatusCode};
use ring::rand::SecureRandom;
use ring::{aead, hkdf, signature};
use serde_json::{Value, json};
use yaohao_core::api::PushNotification;
use yaohao_portal::push::webpush::WebPushConfig;

const SUBJECT: &str = "mailto:push-ops@yaohao.example";

#[derive(Debug, Clone)]
struct Seen {
    path: String,
    headers: HashMap<String, String>,
    body: Vec<u8>,
}

type Log = Arc<Mutex<Vec<Seen>>>;

/// The push service: records every request; `/push/gone` answers 410, `/push/fail` 500,
/// `/push/busy` 429 with `Retry-After: 7200`, `/push/huge` 413, the others 201.
async fn record(
    State(log): State<Log>,
    Path(id): Path<String>,
    request: Request,
) -> (HttpStatus, axum::http::HeaderMap) {
    let path = request.uri().path().to_owned();
    let headers = request
        .headers()
        .iter()
        .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
        .collect();
    let body = axum::body::to_bytes(request.into_body(), 1 << 20)
        .await
        .unwrap()
        .to_vec();
    log.lock().unwrap().push(Seen {
        path,
        headers,
        body,
    });
    let status = match id.as_str() {
        "gone" => HttpStatus::GONE,
        "fail" => HttpStatus::INTERNAL_SERVER_ERROR,
        "busy" => HttpStatus::TOO_MANY_REQUESTS,
        "huge" => HttpStatus::PAYLOAD_TOO_LARGE,
        _ => HttpStatus::CREATED,
    };
    let mut headers = axum::http::HeaderMap::new();
    if status == HttpStatus::TOO_MANY_REQUESTS {
        headers.insert("retry-after", axum::http::HeaderValue::from_static("7200"));
    }
    (status, headers)
}

async fn push_service() -> (String, Log) {
    let log: Log = Arc::default();
    let app = axum::Router::new()
        .route("/push/{id}", post(record))
        .with_state(log.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, log)
}

fn random<const N: usize>() -> [u8; N] {
    let mut bytes = [0; N];
    ring::rand::SystemRandom::new().fill(&mut bytes).unwrap();
    bytes
}

/// A subscription's receiver side: the P-256 key pair and the authentication secret.
struct Receiver {
    secret: p256::SecretKey,
    auth: [u8; 16],
}

impl Receiver {
    fn new() -> Receiver {
        Receiver {
            secret: p256::SecretKey::from_slice(&random::<32>()).unwrap(),
            auth: random(),
        }
    }

    fn public(&self) -> Vec<u8> {
        self.secret
            .public_key()
            .to_encoded_point(false)
            .as_bytes()
            .to_vec()
    }

    fn keys(&self) -> Value {
        json!({
            "p256dh": URL_SAFE_NO_PAD.encode(self.public()),
            "auth": URL_SAFE_NO_PAD.encode(self.auth),
        })
    }

    /// Decrypts an `aes128gcm` push message (RFC 8291 §3.4, RFC 8188 §2) of one record.
    fn decrypt(&self, body: &[u8]) -> Vec<u8> {
        struct Len(usize);
        impl hkdf::KeyType for Len {
            fn len(&self) -> usize {
                self.0
            }
        }
        let expand = |prk: &hkdf::Prk, info: &[&[u8]], len: usize| {
            let mut out = vec![0; len];
            prk.expand(info, Len(len)).unwrap().fill(&mut out).unwrap();
            out
        };
        let (salt, rest) = body.split_at(16);
        let record_size = u32::from_be_bytes(rest[..4].try_into().unwrap()) as usize;
        let id_len = rest[4] as usize;
        assert_eq!(id_len, 65, "the key id is the sender's public key");
        let (sender, ciphertext) = rest[5..].split_at(id_len);
        assert!(ciphertext.len() <= record_size, "one record");
        let sender = p256::PublicKey::from_sec1_bytes(sender).unwrap();
        let shared =
            p256::ecdh::diffie_hellman(self.secret.to_nonzero_scalar(), sender.as_affine());
        let prk_key = hkdf::Salt::new(hkdf::HKDF_SHA256, &self.auth)
            .extract(shared.raw_secret_bytes().as_slice());
        let sender_bytes = sender.to_encoded_point(false);
        let ikm = expand(
            &prk_key,
            &[b"WebPush: info\0", &self.public(), sender_bytes.as_bytes()],
            32,
        );
        let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, salt).extract(&ikm);
        let cek = expand(&prk, &[b"Content-Encoding: aes128gcm\0"], 16);
        let nonce = expand(&prk, &[b"Content-Encoding: nonce\0"], 12);
        let key = aead::LessSafeKey::new(aead::UnboundKey::new(&aead::AES_128_GCM, &cek).unwrap());
        let mut record = ciphertext.to_vec();
        let plain = key
            .open_in_place(
                aead::Nonce::try_assume_unique_for_key(&nonce).unwrap(),
                aead::Aad::empty(),
                &mut record,
            )
            .unwrap();
        // The last record's padding: a 2 delimiter, then zeros.
        let end = plain.iter().rposition(|b| *b != 0).unwrap();
        assert_eq!(plain[end], 2, "last-record delimiter");
        plain[..end].to_vec()
    }
}

/// A portal with Web Push configured by a raw base64url VAPID key.
async fn portal() -> TestPortal {
    let key = URL_SAFE_NO_PAD.encode(random::<32>());
    start_with(|config| {
        config.web_push = Some(WebPushConfig {
            key,
            subject: SUBJECT.into(),
        })
    })
    .await
}

/// Registers a `web_push` device of `endpoint` for the session `token`.
async fn subscribe(
    t: &TestPortal,
    token: &str,
    endpoint: &str,
    keys: Value,
) -> (StatusCode, Value) {
    t.call(
        Method::POST,
        "/v1/me/devices",
        Some(token),
        Some(json!({ "provider": "web_push", "token": endpoint, "keys": keys })),
    )
    .await
}

/// Takes applicant `token` through period 202602 (quota 1: the one applicant wins) up to its
/// publication; the id of the application.
async fn draw_and_publish(t: &TestPortal, token: &str) -> i64 {
    let app = t.complete_draft(token).await;
    t.submit(token, app).await;
    t.review().await;
    for (path, body) in [
        ("/v1/operator/periods", Some(json!({ "quota": 1 }))),
        ("/v1/operator/periods/202602/freeze", None),
        (
            "/v1/operator/periods/202602/draw",
            Some(json!({ "seed": "7" })),
        ),
        ("/v1/operator/periods/202602/publish", None),
    ] {
        let mut r = t.operator(Method::POST, path);
        if let Some(body) = body {
            r = r.json(&body);
        }
        assert!(r.send().await.unwrap().status().is_success(), "{path}");
    }
    app
}

/// A push service on loopback whose endpoint `{service}/push/{path}` answers as `path` says, a
/// portal, and applicant A subscribed to it and taken through a published draw: the portal, A's
/// session and the push service's log.
async fn published_to(path: &str) -> (TestPortal, String, Log) {
    let (url, log) = push_service().await;
    let t = portal().await;
    t.import_registry(&TestPortal::eligible_rows(ID_A)).await;
    let token = t.applicant(ID_A, "张三", MOBILE_A).await;
    let endpoint = format!("{url}/push/{path}");
    let (status, _) = subscribe(&t, &token, &endpoint, Receiver::new().keys()).await;
    assert_eq!(status, StatusCode::CREATED);
    draw_and_publish(&t, &token).await;
    (t, token, log)
}

async fn outbox(t: &TestPortal) -> Value {
    let (status, body) = read(
        t.operator(Method::GET, "/v1/operator/push-outbox")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    body
}

async fn devices(t: &TestPortal, token: &str) -> Vec<Value> {
    let (status, body) = t
        .call(Method::GET, "/v1/me/devices", Some(token), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    body.as_array().unwrap().clone()
}

fn claims_of(jwt: &str, public_key: &[u8]) -> (Value, Value) {
    let (input, sig) = jwt.rsplit_once('.').unwrap();
    signature::UnparsedPublicKey::new(&signature::ECDSA_P256_SHA256_FIXED, public_key)
        .verify(input.as_bytes(), &URL_SAFE_NO_PAD.decode(sig).unwrap())
        .expect("the VAPID token verifies with the advertised key");
    let (header, claims) = input.split_once('.').unwrap();
    let decode =
        |part: &str| serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).unwrap()).unwrap();
    (decode(header), decode(claims))
}

#[tokio::test]
async fn a_web_push_device_gets_the_notification_encrypted_and_vapid_signed() {
    let (url, log) = push_service().await;
    let t = portal().await;
    let (status, vapid) = t.call(Method::GET, "/v1/push/vapid", None, None).await;
    assert_eq!(status, StatusCode::OK);
    let public_key = URL_SAFE_NO_PAD
        .decode(vapid["public_key"].as_str().unwrap())
        .unwrap();
    assert_eq!((public_key.len(), public_key[0]), (65, 4));

    t.import_registry(&TestPortal::eligible_rows(ID_A)).await;
    let token = t.applicant(ID_A, "张三", MOBILE_A).await;
    let receiver = Receiver::new();
    let endpoint = format!("{url}/push/ok");
    let (status, body) = subscribe(&t, &token, &endpoint, receiver.keys()).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body[0]["provider"], "web_push");
    assert_eq!(body[0]["token"], endpoint);
    let app = draw_and_publish(&t, &token).await;
    // A later tick finds nothing more to send.
    t.advance(3600).await;

    let seen = log.lock().unwrap().clone();
    assert_eq!(seen.len(), 1, "exactly one POST: {seen:?}");
    let push = &seen[0];
    assert_eq!(push.path, "/push/ok");
    assert_eq!(push.headers["content-encoding"], "aes128gcm");
    assert_eq!(push.headers["content-type"], "application/octet-stream");
    assert_eq!(push.headers["urgency"], "high");
    assert_eq!(push.headers["ttl"], (72 * 3600).to_string());
    assert!(push.body.len() <= 4096, "{}", push.body.len());

    let authorization = &push.headers["authorization"];
    let (t_part, k_part) = authorization
        .strip_prefix("vapid t=")
        .and_then(|rest| rest.split_once(", k="))
        .unwrap_or_else(|| panic!("{authorization}"));
    assert_eq!(k_part, vapid["public_key"]);
    let (header, claims) = claims_of(t_part, &public_key);
    assert_eq!(header["alg"], "ES256");
    assert_eq!(claims["aud"], url);
    assert_eq!(claims["sub"], SUBJECT);
    let left = claims["exp"].as_i64().unwrap() - chrono::Utc::now().timestamp();
    assert!(left > 0 && left <= 24 * 3600, "exp in {left} s");

    let sent: PushNotification = serde_json::from_slice(&receiver.decrypt(&push.body)).unwrap();
    assert_eq!(sent.idempotency_key, format!("result:202602:{app}"));
    assert_eq!(
        (sent.period.as_str(), sent.application_id, sent.won),
        ("202602", app, true)
    );
    assert_eq!(sent.title_en, "Draw result");
    assert!(sent.body_zh.contains("中签"), "{}", sent.body_zh);

    let rows = outbox(&t).await;
    assert_eq!(rows.as_array().unwrap().len(), 1);
    assert_eq!(
        (rows[0]["status"].as_str(), rows[0]["attempts"].as_i64()),
        (Some("sent"), Some(1))
    );
}

#[tokio::test]
async fn a_gone_subscription_is_removed_and_not_retried() {
    let (t, token, log) = published_to("gone").await;
    assert!(
        devices(&t, &token).await.is_empty(),
        "the gone device is removed"
    );
    for _ in 0..3 {
        t.advance(3600).await;
    }
    assert_eq!(log.lock().unwrap().len(), 1, "one POST, no retry");
    let rows = outbox(&t).await;
    assert_eq!(rows[0]["status"], "no_device");
    assert_eq!(rows[0]["attempts"], 1);
    assert!(rows[0]["last_error"].as_str().unwrap().contains("gone"));
}

#[tokio::test]
async fn a_failing_push_service_is_retried_with_backoff() {
    let (t, token, log) = published_to("fail").await;
    let rows = outbox(&t).await;
    assert_eq!(
        (rows[0]["status"].as_str(), rows[0]["attempts"].as_i64()),
        (Some("pending"), Some(1))
    );
    assert!(rows[0]["last_error"].as_str().unwrap().contains("500"));
    t.advance(3600).await;
    let rows = outbox(&t).await;
    assert_eq!(
        (rows[0]["status"].as_str(), rows[0]["attempts"].as_i64()),
        (Some("pending"), Some(2))
    );
    assert_eq!(log.lock().unwrap().len(), 2);
    assert_eq!(
        devices(&t, &token).await.len(),
        1,
        "a failing service keeps the device"
    );
}

#[tokio::test]
async fn a_busy_push_service_is_retried_after_the_delay_it_asks_for() {
    let (t, _, log) = published_to("busy").await;
    assert_eq!(outbox(&t).await[0]["status"], "pending");
    // The outbox's own backoff would retry after 30 s; the service asked for 7200.
    t.advance(3600).await;
    assert_eq!(log.lock().unwrap().len(), 1, "not before Retry-After");
    t.advance(3601).await;
    assert_eq!(log.lock().unwrap().len(), 2);
    assert_eq!(outbox(&t).await[0]["attempts"], 2);
}

#[tokio::test]
async fn a_message_refused_as_too_large_fails_at_once() {
    let (t, token, log) = published_to("huge").await;
    t.advance(3600).await;
    let rows = outbox(&t).await;
    assert_eq!(
        (rows[0]["status"].as_str(), rows[0]["attempts"].as_i64()),
        (Some("failed"), Some(1))
    );
    assert!(rows[0]["last_error"].as_str().unwrap().contains("413"));
    assert_eq!(log.lock().unwrap().len(), 1);
    assert_eq!(devices(&t, &token).await.len(), 1, "the device stays");
}

#[tokio::test]
async fn registrations_are_checked_field_by_field() {
    // No VAPID key: the key endpoint says so, devices are still accepted.
    let t = start().await;
    let (status, body) = t.call(Method::GET, "/v1/push/vapid", None, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["code"], "not_found");
    assert!(
        body["message_en"].as_str().unwrap().contains("VAPID"),
        "{body}"
    );

    t.import_registry(&TestPortal::eligible_rows(ID_A)).await;
    let token = t.applicant(ID_A, "张三", MOBILE_A).await;
    let good = Receiver::new().keys();
    let endpoint = "https://push.example.org/up/abc123";
    let mut short_key = good.clone();
    short_key["p256dh"] = json!(URL_SAFE_NO_PAD.encode([4u8; 33]));
    let mut off_curve = good.clone();
    off_curve["p256dh"] = json!(URL_SAFE_NO_PAD.encode([4u8; 65]));
    let mut short_auth = good.clone();
    short_auth["auth"] = json!(URL_SAFE_NO_PAD.encode([1u8; 8]));
    let cases = [
        (json!({ "provider": "web_push", "token": endpoint }), "keys"),
        (
            json!({ "provider": "web_push", "token": endpoint, "keys": short_key }),
            "keys.p256dh",
        ),
        (
            json!({ "provider": "web_push", "token": endpoint, "keys": off_curve }),
            "keys.p256dh",
        ),
        (
            json!({ "provider": "web_push", "token": endpoint, "keys": short_auth }),
            "keys.auth",
        ),
        (
            json!({ "provider": "web_push", "token": "http://push.example.org/up/1", "keys": good }),
            "token",
        ),
        (
            json!({ "provider": "web_push", "token": "push.example.org/up/1", "keys": good }),
            "token",
        ),
        (
            json!({ "provider": "fcm", "token": "fcm-token", "keys": good }),
            "keys",
        ),
    ];
    for (body, field) in cases {
        let (status, answer) = t
            .call(
                Method::POST,
                "/v1/me/devices",
                Some(&token),
                Some(body.clone()),
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(answer["field"], field, "{body}: {answer}");
        assert_eq!(answer["code"], "invalid_input");
    }
    assert!(devices(&t, &token).await.is_empty());

    // Padded keys are accepted and stored unpadded; delivery then fails with the reason.
    let mut padded = good.clone();
    padded["auth"] = json!(format!("{}==", good["auth"].as_str().unwrap()));
    let (status, body) = subscribe(&t, &token, endpoint, padded).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    draw_and_publish(&t, &token).await;
    let rows = outbox(&t).await;
    assert_eq!(rows[0]["status"], "pending");
    assert!(
        rows[0]["last_error"]
            .as_str()
            .unwrap()
            .contains("web_push is not configured"),
        "{rows}"
    );
}

#[tokio::test]
async fn another_account_cannot_reach_a_web_push_device() {
    let (url, _log) = push_service().await;
    let t = portal().await;
    t.import_registry(&TestPortal::eligible_rows(ID_A)).await;
    t.import_registry(&TestPortal::eligible_rows(ID_B)).await;
    let a = t.applicant(ID_A, "张三", MOBILE_A).await;
    let b = t.applicant(ID_B, "李四", MOBILE_B).await;
    let (status, body) = subscribe(&t, &a, &format!("{url}/push/a"), Receiver::new().keys()).await;
    assert_eq!(status, StatusCode::CREATED);
    let id = body[0]["id"].as_i64().unwrap();
    assert!(
        devices(&t, &b).await.is_empty(),
        "B does not see A's device"
    );
    let (status, _) = t
        .call(
            Method::DELETE,
            &format!("/v1/me/devices/{id}"),
            Some(&b),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = subscribe(&t, &b, &format!("{url}/push/b"), Receiver::new().keys()).await;
    assert_eq!(status, StatusCode::CREATED);
    let mine = devices(&t, &a).await;
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["token"], format!("{url}/push/a"));
    let (status, _) = t
        .call(
            Method::DELETE,
            &format!("/v1/me/devices/{id}"),
            Some(&a),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(
        devices(&t, &b).await.len(),
        1,
        "A's deletion leaves B's device"
    );
}
