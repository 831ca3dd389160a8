//! The portal's threat model, one test per abuse: each was reproduced against the portal as an
//! attacker on the network would do it, and each test fails on the portal before its fix.
//! See `docs/portal.md`, "Threat model" and "Limits".

mod common;

use std::time::Duration;

use common::*;
use reqwest::{Method, StatusCode};

// ---------------------------------------------------------------------------------------------
// Push streams outlive neither their session nor their device.

/// A portal whose push streams re-check their session and device every 100 ms.
async fn rechecking_portal() -> TestPortal {
    start_with(|c| c.limits.push_recheck = Duration::from_millis(100)).await
}

#[tokio::test]
async fn a_logout_ends_the_push_stream() {
    let t = rechecking_portal().await;
    let token = t.applicant(ID_A, "张三", MOBILE_A).await;
    t.device(&token, "dev", "dev-a").await;
    let mut stream = t.push_stream(&token, "dev-a").await;
    let (status, _) = t
        .call(Method::DELETE, "/v1/sessions/current", Some(&token), None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (text, ended) = stream_text(&mut stream, Duration::from_secs(10)).await;
    assert!(ended, "the stream stayed open after the logout: {text:?}");
}

#[tokio::test]
async fn removing_the_device_ends_its_push_stream() {
    let t = rechecking_portal().await;
    let token = t.applicant(ID_A, "张三", MOBILE_A).await;
    t.device(&token, "dev", "dev-a").await;
    let mut stream = t.push_stream(&token, "dev-a").await;
    let (_, devices) = t
        .call(Method::GET, "/v1/me/devices", Some(&token), None)
        .await;
    let id = devices[0]["id"].as_i64().unwrap();
    let (status, _) = t
        .call(
            Method::DELETE,
            &format!("/v1/me/devices/{id}"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (text, ended) = stream_text(&mut stream, Duration::from_secs(10)).await;
    assert!(ended, "the stream outlived its device: {text:?}");
}

#[tokio::test]
async fn a_device_token_that_moved_away_and_back_does_not_leak_to_the_other_account() {
    let t = rechecking_portal().await;
    t.import_registry(&TestPortal::eligible_rows(ID_C)).await;
    let c = t.applicant(ID_C, "王五", MOBILE_C).await;
    let b = t.applicant(ID_B, "李四", MOBILE_B).await;
    t.device(&c, "dev", "dev-shared").await;
    // The token moves to B, B listens, and the token moves back to C.
    t.device(&b, "dev", "dev-shared").await;
    let mut b_stream = t.push_stream(&b, "dev-shared").await;
    t.device(&c, "dev", "dev-shared").await;
    let mut c_stream = t.push_stream(&c, "dev-shared").await;
    t.one_participant_cycle(&c).await;
    t.publish().await;
    let (c_text, _) = stream_text(&mut c_stream, Duration::from_secs(3)).await;
    assert!(
        c_text.contains("event: result"),
        "C was not told: {c_text:?}"
    );
    let (b_text, _) = stream_text(&mut b_stream, Duration::from_secs(1)).await;
    assert!(
        !b_text.contains("event: result"),
        "B's stream received C's result: {b_text:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Request bodies are bounded per route and answered 413 beyond the bound.

/// Sends `body` as JSON text, as it is.
async fn raw_json(
    t: &TestPortal,
    method: Method,
    path: &str,
    token: &str,
    body: String,
) -> reqwest::Response {
    t.req(method, path, Some(token))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn oversized_application_bodies_answer_413_before_parsing() {
    let t = start_with(|c| c.limits.json_body_bytes = 4096).await;
    let token = t.applicant(ID_A, "张三", MOBILE_A).await;
    let id = t.complete_draft(&token).await;
    // A big array: parsed into JSON before, it cost the server hundreds of megabytes.
    let big = format!("[{}0]", "0,".repeat(4096));
    for (method, path) in [
        (Method::POST, "/v1/applications".to_owned()),
        (Method::PUT, format!("/v1/applications/{id}")),
    ] {
        let (status, body) =
            read(raw_json(&t, method.clone(), &path, &token, big.clone()).await).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (StatusCode::PAYLOAD_TOO_LARGE, Some("body_too_large")),
            "{method} {path}"
        );
    }
    // Within the limit the same routes still work.
    let (status, body) = t
        .call(
            Method::PUT,
            &format!("/v1/applications/{id}"),
            Some(&token),
            Some(
                serde_json::json!({ "form": { "licence_file": LICENCE_FILE, "address": ADDRESS } }),
            ),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test]
async fn the_default_application_body_limit_is_sane() {
    let t = start().await;
    let token = t.applicant(ID_A, "张三", MOBILE_A).await;
    let huge = format!("\"{}\"", "x".repeat(2 * 1024 * 1024));
    let r = raw_json(&t, Method::POST, "/v1/applications", &token, huge.clone()).await;
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    // Routes under axum's default 2 MB limit answer 413 too (they answered 400).
    let huge = format!("{{\"token\": {huge}}}");
    let r = raw_json(&t, Method::POST, "/v1/me/devices", &token, huge).await;
    let (status, body) = read(r).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, Some("body_too_large"))
    );
}

// ---------------------------------------------------------------------------------------------
// Images are sized from their header before anything is decoded (decompression bombs).

#[tokio::test]
async fn an_image_declaring_too_many_pixels_is_refused_before_decoding() {
    let t = start().await;
    let token = t.applicant(ID_A, "张三", MOBILE_A).await;
    let id = t.complete_draft(&token).await;
    // 13000 × 13000 = 169 MP in a few dozen bytes.
    let (status, body) = t
        .upload(&token, id, "id_front", png_declaring(13_000, 13_000))
        .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    assert_eq!(body["code"], "image_too_large");
    assert_eq!(body["field"], "file");
    let message = body["message_en"].as_str().unwrap();
    assert!(message.contains("50 megapixels"), "{message}");
    assert!(message.contains("lower resolution"), "{message}");
    // A normal photo still passes.
    let (status, body) = t.upload(&token, id, "id_front", png()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test]
async fn decoding_memory_is_bounded_by_configuration() {
    let t = start_with(|c| c.limits.image_decode_bytes = 64).await;
    let token = t.applicant(ID_A, "张三", MOBILE_A).await;
    let (status, app) = t
        .call(
            Method::POST,
            "/v1/applications",
            Some(&token),
            Some(serde_json::json!({ "kind": "individual_ordinary" })),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{app}");
    let id = app["id"].as_i64().unwrap();
    // 8 × 8 RGB needs 192 bytes to decode: more than the 64 allowed.
    let (status, body) = t.upload(&token, id, "id_front", png()).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, Some("image_too_large")),
        "{body}"
    );
}

// ---------------------------------------------------------------------------------------------
// Connections are timed out and capped (slowloris, idle keep-alive, slow bodies).

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Whether the server closes `stream` within `wait` (what it sent before is returned too).
async fn closed_within(stream: &mut TcpStream, wait: Duration) -> (bool, String) {
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buf)).await {
            Err(_) => return (false, String::from_utf8_lossy(&seen).into_owned()),
            Ok(Ok(0)) | Ok(Err(_)) => return (true, String::from_utf8_lossy(&seen).into_owned()),
            Ok(Ok(n)) => seen.extend_from_slice(&buf[..n]),
        }
    }
}

#[tokio::test]
async fn half_sent_headers_are_closed_after_the_header_timeout() {
    let t = start_with(|c| c.limits.header_read_timeout = Duration::from_millis(300)).await;
    let mut slow = TcpStream::connect(t.portal.addr).await.unwrap();
    slow.write_all(b"GET /v1/health HTTP/1.1\r\nHost: portal\r\nX-Slow: ")
        .await
        .unwrap();
    let (closed, _) = closed_within(&mut slow, Duration::from_secs(10)).await;
    assert!(closed, "a connection with half-sent headers stayed open");
    // The portal still serves everyone else.
    let (status, _) = t.call(Method::GET, "/v1/health", None, None).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn idle_keep_alive_connections_are_closed() {
    let t = start_with(|c| c.limits.header_read_timeout = Duration::from_millis(300)).await;
    let mut idle = TcpStream::connect(t.portal.addr).await.unwrap();
    idle.write_all(b"GET /v1/health HTTP/1.1\r\nHost: portal\r\n\r\n")
        .await
        .unwrap();
    let (closed, answer) = closed_within(&mut idle, Duration::from_secs(10)).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(closed, "an idle keep-alive connection stayed open");
}

#[tokio::test]
async fn an_event_stream_is_not_an_idle_connection() {
    let t = start_with(|c| {
        c.limits.header_read_timeout = Duration::from_millis(300);
        c.limits.request_timeout = Duration::from_millis(300);
    })
    .await;
    let token = t.applicant(ID_A, "张三", MOBILE_A).await;
    t.device(&token, "dev", "dev-a").await;
    let mut stream = t.push_stream(&token, "dev-a").await;
    let (_, ended) = stream_text(&mut stream, Duration::from_secs(2)).await;
    assert!(
        !ended,
        "the open event stream was closed by a connection timeout"
    );
}

#[tokio::test]
async fn a_slow_body_is_answered_408_after_the_request_timeout() {
    let t = start_with(|c| c.limits.request_timeout = Duration::from_millis(500)).await;
    let token = t.applicant(ID_A, "张三", MOBILE_A).await;
    let mut slow = TcpStream::connect(t.portal.addr).await.unwrap();
    let head = format!(
        "POST /v1/applications HTTP/1.1\r\nHost: portal\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{{\"kind\":"
    );
    slow.write_all(head.as_bytes()).await.unwrap();
    let (_, answer) = closed_within(&mut slow, Duration::from_secs(10)).await;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer:?}");
    assert!(answer.contains("request_timeout"), "{answer}");
}

#[tokio::test]
async fn connections_beyond_the_cap_wait_for_a_free_slot() {
    let t = start_with(|c| c.limits.max_connections = 2).await;
    let mut first = TcpStream::connect(t.portal.addr).await.unwrap();
    let _second = TcpStream::connect(t.portal.addr).await.unwrap();
    // Both slots are taken (the first by a request in progress).
    first
        .write_all(b"GET /v1/health HTTP/1.1\r\nHost: portal\r\n\r\n")
        .await
        .unwrap();
    let mut buf = [0u8; 1024];
    let n = first.read(&mut buf).await.unwrap();
    assert!(buf[..n].starts_with(b"HTTP/1.1 200"));
    let mut third = TcpStream::connect(t.portal.addr).await.unwrap();
    third
        .write_all(b"GET /v1/health HTTP/1.1\r\nHost: portal\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let waiting = tokio::time::timeout(Duration::from_millis(500), third.read(&mut buf)).await;
    assert!(
        waiting.is_err(),
        "a third connection was served beyond the cap of 2"
    );
    drop(first);
    let (_, answer) = closed_within(&mut third, Duration::from_secs(10)).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer:?}");
}

// ---------------------------------------------------------------------------------------------
// Login: the SMS code first, no lockout by strangers, no password oracle, no enumeration.

use serde_json::{Value, json};

/// A login body.
fn login_body(id: &str, password: &str, code: &str) -> Value {
    json!({ "resident_id": id, "password": password, "sms_code": code })
}

/// Tries to log in; the status and the body.
async fn try_login(t: &TestPortal, id: &str, password: &str, code: &str) -> (StatusCode, Value) {
    t.call(
        Method::POST,
        "/v1/sessions",
        None,
        Some(login_body(id, password, code)),
    )
    .await
}

/// A 6-digit code that is not `code`.
fn other_than(code: &str) -> &'static str {
    if code == "000000" { "111111" } else { "000000" }
}

#[tokio::test]
async fn a_stranger_without_the_code_cannot_lock_the_owner_out() {
    let t = start().await;
    t.register(ID_A, "张三", MOBILE_A).await;
    for _ in 0..10 {
        let (status, e) = try_login(&t, ID_A, "Wrong1234", "000000").await;
        assert_eq!(
            (status, e["code"].as_str()),
            (StatusCode::BAD_REQUEST, Some("sms_code_invalid"))
        );
    }
    t.login(ID_A, MOBILE_A).await;
}

#[tokio::test]
async fn without_the_code_a_right_password_answers_like_a_wrong_one() {
    let t = start().await;
    t.register(ID_A, "张三", MOBILE_A).await;
    let code = t
        .code(json!({ "purpose": "login", "resident_id": ID_A }), MOBILE_A)
        .await;
    let wrong_code = other_than(&code);
    let right = try_login(&t, ID_A, PASSWORD, wrong_code).await;
    let wrong = try_login(&t, ID_A, "Wrong1234", wrong_code).await;
    assert_eq!(right, wrong);
    assert_eq!(right.0, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn unknown_and_registered_ids_answer_alike() {
    let t = start().await;
    t.register(ID_A, "张三", MOBILE_A).await;
    t.advance(61).await;
    // A second immediate login-code request: 429 for both.
    let mut answers = Vec::new();
    for id in [ID_A, ID_B] {
        let request = json!({ "purpose": "login", "resident_id": id });
        let first = t
            .call(Method::POST, "/v1/sms-codes", None, Some(request.clone()))
            .await;
        let second = t
            .call(Method::POST, "/v1/sms-codes", None, Some(request))
            .await;
        answers.push((first, second));
    }
    assert_eq!(answers[0], answers[1]);
    assert_eq!(answers[0].0.0, StatusCode::ACCEPTED);
    assert_eq!(answers[0].1.0, StatusCode::TOO_MANY_REQUESTS);
    // Logins: the same answer for the registered ID (a code was sent) and the unknown one,
    // wrong code or exhausted code alike.
    for _ in 0..7 {
        let registered = try_login(&t, ID_A, PASSWORD, "000000").await;
        let unknown = try_login(&t, ID_B, PASSWORD, "000000").await;
        assert_eq!(registered, unknown);
    }
}

#[tokio::test]
async fn wrong_passwords_with_the_code_lock_the_account_with_retry_after() {
    let t = start().await;
    t.register(ID_A, "张三", MOBILE_A).await;
    let code = t
        .code(json!({ "purpose": "login", "resident_id": ID_A }), MOBILE_A)
        .await;
    for attempt in 1..=5 {
        let r = t
            .req(Method::POST, "/v1/sessions", None)
            .json(&login_body(ID_A, "Wrong1234", &code))
            .send()
            .await
            .unwrap();
        let retry_after = r.headers().get("retry-after").cloned();
        let (status, e) = read(r).await;
        if attempt < 5 {
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{e}");
        } else {
            assert_eq!(status, StatusCode::LOCKED, "{e}");
            let seconds: u64 = retry_after.unwrap().to_str().unwrap().parse().unwrap();
            assert_eq!(seconds, 15 * 60);
            assert!(e["until"].is_string());
        }
    }
    // The code is burnt by those failures; with a new one the owner is still locked out …
    let (status, _) = try_login(&t, ID_A, PASSWORD, &code).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let code = t
        .code(json!({ "purpose": "login", "resident_id": ID_A }), MOBILE_A)
        .await;
    let (status, _) = try_login(&t, ID_A, PASSWORD, &code).await;
    assert_eq!(status, StatusCode::LOCKED);
    // … until the 15 minutes are over.
    t.advance(15 * 60).await;
    t.login(ID_A, MOBILE_A).await;
}

#[tokio::test]
async fn a_login_code_is_burnt_after_failed_uses_whatever_the_failure() {
    let t = start().await;
    t.register(ID_A, "张三", MOBILE_A).await;
    let code = t
        .code(json!({ "purpose": "login", "resident_id": ID_A }), MOBILE_A)
        .await;
    for _ in 0..4 {
        let (status, _) = try_login(&t, ID_A, "Wrong1234", &code).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let (status, _) = try_login(&t, ID_A, PASSWORD, other_than(&code)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, e) = try_login(&t, ID_A, PASSWORD, &code).await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("sms_code_invalid"))
    );
}

#[tokio::test]
async fn a_register_code_is_burnt_after_failed_uses() {
    let t = start().await;
    t.register(ID_A, "张三", MOBILE_A).await;
    let code = t
        .code(
            json!({ "purpose": "register", "mobile": MOBILE_B }),
            MOBILE_B,
        )
        .await;
    let attempt = |id: &str| {
        json!({ "resident_id": id, "name": "李四", "mobile": MOBILE_B,
                "password": PASSWORD, "sms_code": code })
    };
    for _ in 0..5 {
        let (status, e) = t
            .call(Method::POST, "/v1/accounts", None, Some(attempt(ID_A)))
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "{e}");
    }
    let (status, e) = t
        .call(Method::POST, "/v1/accounts", None, Some(attempt(ID_B)))
        .await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("sms_code_exhausted"))
    );
}

// ---------------------------------------------------------------------------------------------
// Per-client-address rate limits; captchas bounded by count, evicting the oldest.

/// Whether `r` is a 429 `rate_limited` with a `Retry-After`.
async fn rate_limited(r: reqwest::Response) -> bool {
    let retry_after = r.headers().contains_key("retry-after");
    let (status, body) = read(r).await;
    status == StatusCode::TOO_MANY_REQUESTS && body["code"] == "rate_limited" && retry_after
}

/// Sends `n + 1` requests built by `request` (given their index): the first `n` answer
/// `allowed`, the last one is rate-limited.
async fn limited_after(
    n: usize,
    allowed: StatusCode,
    request: impl Fn(usize) -> reqwest::RequestBuilder,
) {
    for i in 0..n {
        let r = request(i).send().await.unwrap();
        assert_eq!(r.status(), allowed, "request {i}");
    }
    let r = request(n).send().await.unwrap();
    assert!(rate_limited(r).await, "request {} was let through", n + 1);
}

#[tokio::test]
async fn one_client_cannot_send_codes_to_many_numbers() {
    let t = start_with(|c| c.limits.sms_per_minute = 3).await;
    limited_after(3, StatusCode::ACCEPTED, |i| {
        let mobile = format!("1380013800{i}");
        t.req(Method::POST, "/v1/sms-codes", None)
            .json(&json!({ "purpose": "register", "mobile": mobile }))
    })
    .await;
}

#[tokio::test]
async fn one_client_cannot_create_captchas_without_bound() {
    let t = start_with(|c| c.limits.captchas_per_minute = 5).await;
    limited_after(5, StatusCode::CREATED, |_| {
        t.req(Method::POST, "/v1/captcha", None)
    })
    .await;
}

#[tokio::test]
async fn one_client_cannot_try_logins_without_bound() {
    let t = start_with(|c| c.limits.logins_per_minute = 3).await;
    limited_after(3, StatusCode::BAD_REQUEST, |_| {
        t.req(Method::POST, "/v1/sessions", None)
            .json(&login_body(ID_A, PASSWORD, "000000"))
    })
    .await;
}

#[tokio::test]
async fn a_captcha_flood_evicts_the_oldest_and_keeps_the_rest() {
    let t = start_with(|c| c.limits.captchas = 3).await;
    let mut ids = Vec::new();
    for _ in 0..4 {
        let (status, c) = t.call(Method::POST, "/v1/captcha", None, None).await;
        assert_eq!(status, StatusCode::CREATED, "{c}");
        ids.push(c["captcha_id"].as_str().unwrap().to_owned());
    }
    let mut served = Vec::new();
    for id in &ids {
        let r = t
            .req(Method::GET, &format!("/v1/captcha/{id}"), None)
            .send()
            .await
            .unwrap();
        served.push(r.status() == StatusCode::OK);
    }
    assert_eq!(served, [false, true, true, true]);
}

// ---------------------------------------------------------------------------------------------
// Operator input at the edges of the time range answers 400 with the field, never panics.

#[tokio::test]
async fn operator_times_beyond_the_range_are_field_errors() {
    let t = start().await;
    for (path, body, field) in [
        (
            "/v1/operator/clock",
            json!({ "advance_seconds": 9_223_372_036_854_776_i64 }),
            "advance_seconds",
        ),
        (
            "/v1/operator/clock",
            json!({ "advance_seconds": i64::MAX }),
            "advance_seconds",
        ),
        (
            "/v1/operator/calendar",
            json!({ "kind": "draw", "projected": "2026-04-26", "at": "+262142-12-31T23:59:59Z" }),
            "at",
        ),
    ] {
        let r = t
            .operator(Method::POST, path)
            .json(&body)
            .send()
            .await
            .unwrap();
        let (status, e) = read(r).await;
        assert_eq!(
            (status, e["field"].as_str()),
            (StatusCode::BAD_REQUEST, Some(field)),
            "{path} {body}: {e}"
        );
    }
    // The portal is still there.
    let (status, _) = t.call(Method::GET, "/v1/health", None, None).await;
    assert_eq!(status, StatusCode::OK);
}

// ---------------------------------------------------------------------------------------------
// Smaller findings: the bearer scheme, nosniff, draft text, weak passwords, file modes, the SMS
// outbox, durability.

#[tokio::test]
async fn the_bearer_scheme_is_case_insensitive() {
    let t = start().await;
    let token = t.applicant(ID_A, "张三", MOBILE_A).await;
    let me = |scheme: &str| {
        t.req(Method::GET, "/v1/me", None)
            .header("authorization", format!("{scheme} {token}"))
            .send()
    };
    for scheme in ["bearer", "BEARER", "Bearer"] {
        assert_eq!(
            me(scheme).await.unwrap().status(),
            StatusCode::OK,
            "{scheme}"
        );
    }
    assert_eq!(
        me("Basic").await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn served_uploads_are_not_sniffed() {
    let t = start().await;
    let token = t.applicant(ID_A, "张三", MOBILE_A).await;
    let id = t.complete_draft(&token).await;
    let mut polyglot = png();
    polyglot.extend_from_slice(b"<html><script>alert(1)</script></html>");
    let (status, body) = t.upload(&token, id, "id_back", polyglot).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let r = t
        .req(
            Method::GET,
            &format!("/v1/applications/{id}/documents/id_back"),
            Some(&token),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "image/png");
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    let (_, captcha) = t.call(Method::POST, "/v1/captcha", None, None).await;
    let r = t
        .req(Method::GET, captcha["image_url"].as_str().unwrap(), None)
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
}

#[tokio::test]
async fn drafts_refuse_control_characters_and_absurd_lengths_when_saved() {
    let t = start().await;
    let token = t.applicant(ID_A, "张三", MOBILE_A).await;
    let draft = |address: String| {
        json!({ "kind": "individual_ordinary",
                "form": { "licence_file": LICENCE_FILE, "address": address } })
    };
    for address in [
        format!("{ADDRESS}\u{0}"),
        format!("\u{202E}{ADDRESS}"),
        format!("{ADDRESS}\u{1b}[31m"),
        "北".repeat(300),
    ] {
        let (status, e) = t
            .call(
                Method::POST,
                "/v1/applications",
                Some(&token),
                Some(draft(address.clone())),
            )
            .await;
        assert_eq!(
            (status, e["field"].as_str()),
            (StatusCode::BAD_REQUEST, Some("form.address")),
            "{address:?}: {e}"
        );
    }
    // 300,000 characters do not even reach the parser.
    let (status, _) = t
        .call(
            Method::POST,
            "/v1/applications",
            Some(&token),
            Some(draft("北".repeat(300_000))),
        )
        .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    // Saving an existing draft is checked the same way.
    let id = t.complete_draft(&token).await;
    let (status, e) = t
        .call(
            Method::PUT,
            &format!("/v1/applications/{id}"),
            Some(&token),
            Some(json!({ "form": { "licence_file": "1100\u{0}00123456" } })),
        )
        .await;
    assert_eq!(
        (status, e["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("form.licence_file")),
        "{e}"
    );
}

#[tokio::test]
async fn weak_passwords_are_refused() {
    let t = start().await;
    let code = t
        .code(
            json!({ "purpose": "register", "mobile": MOBILE_A }),
            MOBILE_A,
        )
        .await;
    for weak in ["aaaaaaa1", "Password1", "P@ssw0rd!"] {
        let (status, e) = t
            .call(
                Method::POST,
                "/v1/accounts",
                None,
                Some(
                    json!({ "resident_id": ID_A, "name": "张三", "mobile": MOBILE_A,
                             "password": weak, "sms_code": code }),
                ),
            )
            .await;
        assert_eq!(
            (status, e["field"].as_str(), e["code"].as_str()),
            (
                StatusCode::BAD_REQUEST,
                Some("password"),
                Some("password_too_weak")
            ),
            "{weak}"
        );
    }
}

#[cfg(unix)]
#[tokio::test]
async fn the_database_and_the_documents_are_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let t = start().await;
    let token = t.applicant(ID_A, "张三", MOBILE_A).await;
    t.complete_draft(&token).await;
    let mode =
        |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&t.db_path()), 0o600);
    let wal = t.db_path().with_extension("db-wal");
    assert_eq!(mode(&wal), 0o600);
    let documents = t.dir.path().join("data/documents");
    let mut files = 0;
    for dir in std::fs::read_dir(&documents).unwrap() {
        for file in std::fs::read_dir(dir.unwrap().path()).unwrap() {
            assert_eq!(mode(&file.unwrap().path()), 0o600);
            files += 1;
        }
    }
    assert!(files > 0);
    // A file created before, world-readable, is narrowed when the portal opens it.
    let t = t.restart().await;
    let path = t.db_path();
    t.portal.shutdown().await.unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    yaohao_portal::db::Db::open(&path).unwrap();
    assert_eq!(mode(&path), 0o600);
}

#[tokio::test]
async fn the_sms_outbox_forgets_codes_once_they_expire() {
    let t = start().await;
    let code = t
        .code(
            json!({ "purpose": "register", "mobile": MOBILE_A }),
            MOBILE_A,
        )
        .await;
    // The live code is readable: that is how an operator logs in on a development portal.
    assert_eq!(t.last_code(MOBILE_A).await, code);
    t.advance(301).await;
    let r = t
        .operator(
            Method::GET,
            &format!("/v1/operator/sms-outbox?mobile={MOBILE_A}"),
        )
        .send()
        .await
        .unwrap();
    let (_, entries) = read(r).await;
    let body = entries[0]["body"].as_str().unwrap();
    assert!(!body.contains(&code), "{body}");
    assert_eq!(body, yaohao_portal::sms::REDACTED);
}

#[tokio::test]
async fn commits_are_synced_in_full() {
    let t = start().await;
    let synchronous: i64 = t
        .portal
        .state
        .db
        .write(|tx| Ok(tx.pragma_query_value(None, "synchronous", |r| r.get(0))?))
        .await
        .unwrap();
    assert_eq!(synchronous, 2, "synchronous=FULL");
}
