//! FCM HTTP v1 and APNs request shapes, checked against a loopback receiver: the OAuth2
//! service-account assertion (RS256), the FCM message, and the APNs HTTP/2 request with its
//! ES256 provider token.

mod common;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Request, State};
use axum::routing::post;
use axum::{Json, Router};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use common::*;
use reqwest::{Method, StatusCode};
use ring::signature::{self, KeyPair};
use serde_json::{Value, json};
use yaohao_portal::push::apns::ApnsConfig;
use yaohao_portal::push::fcm::{FcmConfig, ServiceAccount};

#[derive(Debug, Clone)]
struct Seen {
    version: String,
    path: String,
    headers: HashMap<String, String>,
    body: String,
}

type Log = Arc<Mutex<Vec<Seen>>>;

async fn record(State(log): State<Log>, request: Request) -> Json<Value> {
    let version = format!("{:?}", request.version());
    let path = request.uri().path().to_owned();
    let headers = request
        .headers()
        .iter()
        .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
        .collect();
    let bytes = axum::body::to_bytes(request.into_body(), 1 << 20)
        .await
        .unwrap();
    let body = String::from_utf8_lossy(&bytes).into_owned();
    log.lock().unwrap().push(Seen {
        version,
        path: path.clone(),
        headers,
        body,
    });
    if path == "/token" {
        Json(json!({ "access_token": "ya29.loopback", "expires_in": 3600, "token_type": "Bearer" }))
    } else {
        Json(json!({ "name": "projects/demo-project/messages/1" }))
    }
}

async fn receiver() -> (String, Log) {
    let log: Log = Arc::default();
    let app = Router::new()
        .route("/token", post(record))
        .route("/v1/projects/{project}/messages:send", post(record))
        .route("/3/device/{token}", post(record))
        .with_state(log.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, log)
}

fn claims_of(jwt: &str, verify: impl Fn(&[u8], &[u8])) -> (Value, Value) {
    let (input, sig) = jwt.rsplit_once('.').unwrap();
    verify(input.as_bytes(), &URL_SAFE_NO_PAD.decode(sig).unwrap());
    let (header, claims) = input.split_once('.').unwrap();
    let decode =
        |part: &str| serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).unwrap()).unwrap();
    (decode(header), decode(claims))
}

fn form_field(body: &str, name: &str) -> String {
    body.split('&')
        .find_map(|kv| kv.strip_prefix(&format!("{name}=")))
        .unwrap()
        .replace("%3A", ":")
}

#[tokio::test]
async fn fcm_and_apns_requests_have_the_documented_shape() {
    let (url, log) = receiver().await;
    let rsa_pem = include_str!("fixtures/test-service-account-key.pem");
    let rng = ring::rand::SystemRandom::new();
    let ec =
        signature::EcdsaKeyPair::generate_pkcs8(&signature::ECDSA_P256_SHA256_FIXED_SIGNING, &rng)
            .unwrap();
    let ec_pem = format!(
        "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n",
        STANDARD.encode(ec.as_ref())
    );
    let t = start_with(|config| {
        config.fcm = Some(FcmConfig {
            account: ServiceAccount {
                project_id: "demo-project".into(),
                client_email: "portal@demo-project.iam.gserviceaccount.com".into(),
                private_key: rsa_pem.into(),
                token_uri: format!("{url}/token"),
            },
            endpoint: url.clone(),
        });
        config.apns = Some(ApnsConfig {
            key_pem: ec_pem,
            key_id: "KEY1234567".into(),
            team_id: "TEAM123456".into(),
            topic: "cn.yaohao.app".into(),
            endpoint: url.clone(),
        });
    })
    .await;
    t.import_registry(&TestPortal::eligible_rows(ID_A)).await;
    let token = t.applicant(ID_A, "张三", MOBILE_A).await;
    for (provider, device) in [("fcm", "fcm-device-token"), ("apns", "a1b2c3d4")] {
        let (status, _) = t
            .call(
                Method::POST,
                "/v1/me/devices",
                Some(&token),
                Some(json!({ "provider": provider, "token": device })),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED);
    }
    let app = t.complete_draft(&token).await;
    t.submit(&token, app).await;
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
    let seen = log.lock().unwrap().clone();
    let by_path = |p: &str| {
        seen.iter()
            .find(|s| s.path.starts_with(p))
            .cloned()
            .unwrap_or_else(|| panic!("{p}: {seen:?}"))
    };

    // OAuth2: a JWT-bearer assertion signed with the service account's RSA key.
    let token_request = by_path("/token");
    assert_eq!(
        form_field(&token_request.body, "grant_type"),
        "urn:ietf:params:oauth:grant-type:jwt-bearer"
    );
    let rsa =
        signature::RsaKeyPair::from_pkcs8(&yaohao_portal::push::jwt::pem_der(rsa_pem).unwrap())
            .unwrap();
    let (header, claims) = claims_of(
        &form_field(&token_request.body, "assertion"),
        |input, sig| {
            signature::UnparsedPublicKey::new(
                &signature::RSA_PKCS1_2048_8192_SHA256,
                rsa.public().as_ref(),
            )
            .verify(input, sig)
            .unwrap()
        },
    );
    assert_eq!(header["alg"], "RS256");
    assert_eq!(claims["iss"], "portal@demo-project.iam.gserviceaccount.com");
    assert_eq!(
        claims["scope"],
        "https://www.googleapis.com/auth/firebase.messaging"
    );
    assert_eq!(claims["aud"], format!("{url}/token"));

    // FCM v1 send with the access token.
    let send = by_path("/v1/projects/demo-project/messages:send");
    assert_eq!(send.headers["authorization"], "Bearer ya29.loopback");
    let message: Value = serde_json::from_str(&send.body).unwrap();
    assert_eq!(message["message"]["token"], "fcm-device-token");
    assert_eq!(message["message"]["data"]["won"], "true");
    assert_eq!(
        message["message"]["data"]["type"], "results",
        "the app checks results only for this type"
    );
    assert_eq!(
        message["message"]["android"]["collapse_key"],
        format!("result:202602:{app}")
    );

    // APNs over HTTP/2 with an ES256 provider token.
    let push = by_path("/3/device/a1b2c3d4");
    assert_eq!(push.version, "HTTP/2.0");
    assert_eq!(push.headers["apns-topic"], "cn.yaohao.app");
    assert_eq!(push.headers["apns-push-type"], "alert");
    assert_eq!(
        push.headers["apns-collapse-id"],
        format!("result:202602:{app}")
    );
    let ec = signature::EcdsaKeyPair::from_pkcs8(
        &signature::ECDSA_P256_SHA256_FIXED_SIGNING,
        ec.as_ref(),
        &rng,
    )
    .unwrap();
    let bearer = push.headers["authorization"]
        .strip_prefix("bearer ")
        .unwrap();
    let (header, claims) = claims_of(bearer, |input, sig| {
        signature::UnparsedPublicKey::new(
            &signature::ECDSA_P256_SHA256_FIXED,
            ec.public_key().as_ref(),
        )
        .verify(input, sig)
        .unwrap()
    });
    assert_eq!(
        (header["alg"].as_str(), header["kid"].as_str()),
        (Some("ES256"), Some("KEY1234567"))
    );
    assert_eq!(claims["iss"], "TEAM123456");
    let body: Value = serde_json::from_str(&push.body).unwrap();
    assert!(
        body["aps"]["alert"]["body"]
            .as_str()
            .unwrap()
            .contains("202602")
    );
    // One notification, delivered to both devices, exactly once.
    let (_, outbox) = read(
        t.operator(Method::GET, "/v1/operator/push-outbox")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(outbox.as_array().unwrap().len(), 1);
    assert_eq!(outbox[0]["status"], "sent");
}
