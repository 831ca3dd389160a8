//! Accounts over HTTP: SMS codes and their limits, registration, login, lockout, sessions,
//! password reset and mobile change, against the real server and a real SQLite file.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::json;
use yaohao_portal::config::ClockConfig;

#[tokio::test]
async fn register_login_and_read_me() {
    let t = start().await;
    let account = t.register(ID_A, "张三", MOBILE_A).await;
    assert_eq!(account["resident_id"], ID_A);
    let token = t.login(ID_A, MOBILE_A).await;
    assert_eq!(token.len(), 64);
    let (status, me) = t.call(Method::GET, "/v1/me", Some(&token), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["name"], "张三");
    assert_eq!(me["mobile"], MOBILE_A);
    let (status, body) = t.call(Method::GET, "/v1/me", None, None).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("unauthenticated"))
    );
}

/// The account is the core's `facade::Account` on the wire too; its creation instant is shown in
/// whole seconds like every other, even when the clock is between seconds.
#[tokio::test]
async fn the_account_reads_as_the_core_type_in_whole_seconds() {
    let between_seconds = start_instant() + chrono::Duration::milliseconds(250);
    let t = start_with(|c| c.clock = ClockConfig::Simulated(between_seconds)).await;
    t.register(ID_A, "张三", MOBILE_A).await;
    let token = t.login(ID_A, MOBILE_A).await;
    let (_, me) = t.call(Method::GET, "/v1/me", Some(&token), None).await;
    let created = me["created_at"].as_str().unwrap();
    // `code()` moved the clock 61 s before registering.
    assert_eq!(created, "2026-03-01T00:01:01Z");
    let account: yaohao_core::api::Account = serde_json::from_value(me).unwrap();
    assert_eq!(account.resident_id, ID_A);
    assert_eq!(account.created_at.to_rfc3339(), "2026-03-01T00:01:01+00:00");
}

#[tokio::test]
async fn registration_needs_the_right_code_and_a_new_id() {
    let t = start().await;
    let code = t
        .code(
            json!({ "purpose": "register", "mobile": MOBILE_A }),
            MOBILE_A,
        )
        .await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let body = |code: &str, password: &str| {
        json!({ "resident_id": ID_A, "name": "张三", "mobile": MOBILE_A,
                "password": password, "sms_code": code })
    };
    let (status, e) = t
        .call(
            Method::POST,
            "/v1/accounts",
            None,
            Some(body(wrong, PASSWORD)),
        )
        .await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("sms_code_invalid"))
    );
    assert_eq!(e["field"], "sms_code");
    let (status, e) = t
        .call(
            Method::POST,
            "/v1/accounts",
            None,
            Some(body(&code, "weak")),
        )
        .await;
    assert_eq!(
        (status, e["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("password"))
    );
    let (status, _) = t
        .call(
            Method::POST,
            "/v1/accounts",
            None,
            Some(body(&code, PASSWORD)),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    // The code is spent, and the ID is taken.
    let (status, e) = t
        .call(
            Method::POST,
            "/v1/accounts",
            None,
            Some(body(&code, PASSWORD)),
        )
        .await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("sms_code_invalid"))
    );
    let again = t
        .code(
            json!({ "purpose": "register", "mobile": MOBILE_A }),
            MOBILE_A,
        )
        .await;
    let (status, e) = t
        .call(
            Method::POST,
            "/v1/accounts",
            None,
            Some(body(&again, PASSWORD)),
        )
        .await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::CONFLICT, Some("account_exists"))
    );
}

#[tokio::test]
async fn sms_codes_expire_allow_five_attempts_and_are_rate_limited() {
    let t = start().await;
    let request = json!({ "purpose": "register", "mobile": MOBILE_A });
    let code = t.code(request.clone(), MOBILE_A).await;
    // A second code within 60 s is refused with retry_after.
    let (status, e) = t
        .call(Method::POST, "/v1/sms-codes", None, Some(request.clone()))
        .await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::TOO_MANY_REQUESTS, Some("sms_rate_limited"))
    );
    assert!(e["retry_after"].as_u64().unwrap() <= 60);
    // Five wrong entries exhaust the code, even the right one is then refused.
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let attempt = |c: &str| {
        json!({ "resident_id": ID_A, "name": "张三", "mobile": MOBILE_A,
                "password": PASSWORD, "sms_code": c })
    };
    for _ in 0..5 {
        let (status, _) = t
            .call(Method::POST, "/v1/accounts", None, Some(attempt(wrong)))
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
    }
    let (_, e) = t
        .call(Method::POST, "/v1/accounts", None, Some(attempt(&code)))
        .await;
    assert_eq!(e["code"], "sms_code_exhausted");
    // A code older than 5 minutes has expired.
    let code = t.code(request.clone(), MOBILE_A).await;
    t.advance(301).await;
    let (_, e) = t
        .call(Method::POST, "/v1/accounts", None, Some(attempt(&code)))
        .await;
    assert_eq!(e["code"], "sms_code_expired");
    // Ten codes a day per number: two were sent, eight more are allowed, then refused.
    for _ in 0..8 {
        t.code(request.clone(), MOBILE_A).await;
    }
    t.advance(61).await;
    let (status, e) = t
        .call(Method::POST, "/v1/sms-codes", None, Some(request))
        .await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::TOO_MANY_REQUESTS, Some("sms_daily_limit"))
    );
    assert!(e["until"].as_str().unwrap().ends_with('Z'));
}

#[tokio::test]
async fn a_new_login_ends_the_old_session_and_logout_works() {
    let t = start().await;
    t.register(ID_A, "张三", MOBILE_A).await;
    let first = t.login(ID_A, MOBILE_A).await;
    let second = t.login(ID_A, MOBILE_A).await;
    let (status, e) = t.call(Method::GET, "/v1/me", Some(&first), None).await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("logged_in_elsewhere"))
    );
    assert_eq!(
        t.call(Method::GET, "/v1/me", Some(&second), None).await.0,
        StatusCode::OK
    );
    let (status, _) = t
        .call(Method::DELETE, "/v1/sessions/current", Some(&second), None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, e) = t.call(Method::GET, "/v1/me", Some(&second), None).await;
    assert_eq!(e["code"], "unauthenticated");
}

/// Sessions are cached in memory: a cached session still ends at once on a new login, a logout or
/// a password reset, on every authenticated route including the draw-day "my results".
#[tokio::test]
async fn cached_sessions_end_at_once() {
    let t = start().await;
    t.register(ID_A, "张三", MOBILE_A).await;
    let first = t.login(ID_A, MOBILE_A).await;
    let code = |r: (StatusCode, serde_json::Value)| (r.0, r.1["code"].as_str().map(str::to_owned));
    for path in ["/v1/me", "/v1/me/results"] {
        // Read twice: the second answer comes from the cache.
        for _ in 0..2 {
            assert_eq!(
                t.call(Method::GET, path, Some(&first), None).await.0,
                StatusCode::OK
            );
        }
    }
    let second = t.login(ID_A, MOBILE_A).await;
    for path in ["/v1/me", "/v1/me/results"] {
        assert_eq!(
            code(t.call(Method::GET, path, Some(&first), None).await),
            (
                StatusCode::UNAUTHORIZED,
                Some("logged_in_elsewhere".to_owned())
            ),
            "{path}"
        );
        assert_eq!(
            t.call(Method::GET, path, Some(&second), None).await.0,
            StatusCode::OK
        );
    }
    let (status, _) = t
        .call(Method::DELETE, "/v1/sessions/current", Some(&second), None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    for path in ["/v1/me", "/v1/me/results"] {
        assert_eq!(
            code(t.call(Method::GET, path, Some(&second), None).await),
            (StatusCode::UNAUTHORIZED, Some("unauthenticated".to_owned())),
            "{path}"
        );
    }
    // A password reset ends the cached session too.
    let third = t.login(ID_A, MOBILE_A).await;
    assert_eq!(
        t.call(Method::GET, "/v1/me/results", Some(&third), None)
            .await
            .0,
        StatusCode::OK
    );
    let sms = t
        .code(
            json!({"purpose": "reset_password", "resident_id": ID_A, "mobile": MOBILE_A}),
            MOBILE_A,
        )
        .await;
    let (status, e) = t
        .call(
            Method::POST,
            "/v1/password-resets",
            None,
            Some(
                json!({"resident_id": ID_A, "mobile": MOBILE_A, "sms_code": sms,
                        "new_password": "Another123"}),
            ),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{e}");
    assert_eq!(
        code(
            t.call(Method::GET, "/v1/me/results", Some(&third), None)
                .await
        )
        .0,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn sessions_expire() {
    let t = start().await;
    let token = t.applicant(ID_A, "张三", MOBILE_A).await;
    t.advance(13 * 3600).await;
    let (_, e) = t.call(Method::GET, "/v1/me", Some(&token), None).await;
    assert_eq!(e["code"], "session_expired");
}

#[tokio::test]
async fn password_reset_needs_id_mobile_and_code() {
    let t = start().await;
    let old = t.applicant(ID_A, "张三", MOBILE_A).await;
    let code = t
        .code(
            json!({ "purpose": "reset_password", "resident_id": ID_A, "mobile": MOBILE_A }),
            MOBILE_A,
        )
        .await;
    let reset = |mobile: &str, code: &str| json!({ "resident_id": ID_A, "mobile": mobile, "sms_code": code, "new_password": "Another456" });
    let (status, _) = t
        .call(
            Method::POST,
            "/v1/password-resets",
            None,
            Some(reset(MOBILE_B, &code)),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = t
        .call(
            Method::POST,
            "/v1/password-resets",
            None,
            Some(reset(MOBILE_A, &code)),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    // Old sessions end; the old password fails, the new one works.
    assert_eq!(
        t.call(Method::GET, "/v1/me", Some(&old), None).await.0,
        StatusCode::UNAUTHORIZED
    );
    let code = t
        .code(json!({ "purpose": "login", "resident_id": ID_A }), MOBILE_A)
        .await;
    let bad = json!({ "resident_id": ID_A, "password": PASSWORD, "sms_code": code });
    let (_, e) = t.call(Method::POST, "/v1/sessions", None, Some(bad)).await;
    assert_eq!(e["code"], "invalid_credentials");
    let good = json!({ "resident_id": ID_A, "password": "Another456", "sms_code": code });
    assert_eq!(
        t.call(Method::POST, "/v1/sessions", None, Some(good))
            .await
            .0,
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn mobile_change_needs_codes_to_both_numbers() {
    let t = start().await;
    let token = t.applicant(ID_A, "张三", MOBILE_A).await;
    t.advance(61).await;
    let (status, _) = t
        .call(
            Method::POST,
            "/v1/me/mobile/codes",
            Some(&token),
            Some(json!({ "new_mobile": MOBILE_B })),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let old_code = t.last_code(MOBILE_A).await;
    let (status, e) = t
        .call(
            Method::PUT,
            "/v1/me/mobile",
            Some(&token),
            Some(json!({ "new_mobile": MOBILE_B, "old_code": old_code, "new_code": "99999x" })),
        )
        .await;
    assert_eq!(
        (status, e["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("new_code"))
    );
    assert_eq!(
        t.call(Method::GET, "/v1/me", Some(&token), None).await.1["mobile"],
        MOBILE_A
    );
    t.advance(61).await;
    t.call(
        Method::POST,
        "/v1/me/mobile/codes",
        Some(&token),
        Some(json!({ "new_mobile": MOBILE_B })),
    )
    .await;
    let old_code = t.last_code(MOBILE_A).await;
    let new_code = t.last_code(MOBILE_B).await;
    let (status, me) = t
        .call(
            Method::PUT,
            "/v1/me/mobile",
            Some(&token),
            Some(json!({ "new_mobile": MOBILE_B, "old_code": old_code, "new_code": new_code })),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(me["mobile"], MOBILE_B);
}

#[tokio::test]
async fn bad_requests_get_json_errors() {
    let t = start().await;
    let r = t
        .req(Method::POST, "/v1/accounts", None)
        .body("{")
        .header("content-type", "application/json");
    let (status, e) = read(r.send().await.unwrap()).await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_input"))
    );
    let r = t.req(Method::POST, "/v1/accounts", None).body("{}");
    let (status, e) = read(r.send().await.unwrap()).await;
    assert_eq!(
        (status, e["code"].as_str()),
        (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Some("unsupported_media_type")
        )
    );
    let (status, e) = t.call(Method::GET, "/v1/nothing-here", None, None).await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("unknown_route"))
    );
    let (status, e) = t.call(Method::PATCH, "/v1/accounts", None, None).await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::METHOD_NOT_ALLOWED, Some("method_not_allowed"))
    );
    let (status, _) = t
        .call(
            Method::POST,
            "/v1/operator/clock",
            None,
            Some(json!({"advance_seconds": 1})),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_restart_loses_nothing() {
    let t = start().await;
    t.register(ID_A, "张三", MOBILE_A).await;
    let token = t.login(ID_A, MOBILE_A).await;
    let t = t.restart().await;
    let (status, me) = t.call(Method::GET, "/v1/me", Some(&token), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["resident_id"], ID_A);
}
