//! Longer-running rules over HTTP: December continuation and the 1 January clean-up,
//! reactivation, NEV queue and family points ranks, marital-status and address change review,
//! withdrawal.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::json;

async fn move_to(t: &TestPortal, rfc3339: &str) {
    let target = chrono::DateTime::parse_from_rfc3339(rfc3339)
        .unwrap()
        .to_utc();
    let now = t.portal.state.clock.now();
    t.advance((target - now).num_seconds()).await;
}

/// A and B, each with a submitted application that the review approved: their session tokens
/// and application ids.
async fn two_approved(t: &TestPortal) -> Vec<(String, i64)> {
    let mut apps = Vec::new();
    for (id, name, mobile) in [(ID_A, "张三", MOBILE_A), (ID_B, "李四", MOBILE_B)] {
        t.import_registry(&TestPortal::eligible_rows(id)).await;
        let token = t.applicant(id, name, mobile).await;
        let app = t.complete_draft(&token).await;
        t.submit(&token, app).await;
        apps.push((token, app));
    }
    t.review().await;
    apps
}

#[tokio::test]
async fn continuation_cleanup_and_reactivation() {
    let t = start().await;
    let apps: Vec<i64> = two_approved(&t)
        .await
        .into_iter()
        .map(|(_, app)| app)
        .collect();
    // Continuing is only possible in December.
    let a = t.login(ID_A, MOBILE_A).await;
    let path = format!("/v1/applications/{}/continue", apps[0]);
    let (status, _) = t.call(Method::POST, &path, Some(&a), None).await;
    assert_eq!(status, StatusCode::CONFLICT);
    move_to(&t, "2028-12-05T02:00:00Z").await;
    let a = t.login(ID_A, MOBILE_A).await;
    let (status, body) = t.call(Method::POST, &path, Some(&a), None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // 1 January 2029: B, 24+ months without a win and not continued, is removed; A stays.
    move_to(&t, "2028-12-31T17:00:00Z").await;
    let a = t.login(ID_A, MOBILE_A).await;
    let b = t.login(ID_B, MOBILE_B).await;
    let get = |id: i64| format!("/v1/applications/{id}");
    assert_eq!(
        t.call(Method::GET, &get(apps[0]), Some(&a), None).await.1["status"],
        "approved"
    );
    assert_eq!(
        t.call(Method::GET, &get(apps[1]), Some(&b), None).await.1["status"],
        "removed"
    );
    let (status, body) = t
        .call(
            Method::POST,
            &format!("{}/reactivate", get(apps[1])),
            Some(&b),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["status"], "under_review");
    assert_eq!(t.review().await["approved"], 1);
    let (status, _) = t
        .call(
            Method::POST,
            &format!("{}/reactivate", get(apps[0])),
            Some(&a),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn nev_queue_and_family_points_ranks() {
    let t = start().await;
    let mut tokens = Vec::new();
    for (id, name, mobile) in [(ID_A, "张三", MOBILE_A), (ID_B, "李四", MOBILE_B)] {
        t.import_registry(&TestPortal::eligible_rows(id)).await;
        let token = t.applicant(id, name, mobile).await;
        let (_, app) = t
            .call(
                Method::POST,
                "/v1/applications",
                Some(&token),
                Some(json!({ "kind": "individual_nev",
                             "form": { "licence_file": LICENCE_FILE, "address": ADDRESS } })),
            )
            .await;
        let id = app["id"].as_i64().unwrap();
        for kind in ["id_front", "id_back", "driving_licence"] {
            t.upload(&token, id, kind, png()).await;
        }
        t.submit(&token, id).await;
        tokens.push(token);
    }
    t.review().await;
    let (_, first) = t
        .call(Method::GET, "/v1/me/queue", Some(&tokens[0]), None)
        .await;
    let (_, second) = t
        .call(Method::GET, "/v1/me/queue", Some(&tokens[1]), None)
        .await;
    assert_eq!(
        (first[0]["rank"].as_i64(), first[0]["total"].as_i64()),
        (Some(1), Some(2))
    );
    assert_eq!(second[0]["rank"], 2);
}

#[tokio::test]
async fn marital_status_change_is_reviewed() {
    let t = start().await;
    let token = t.applicant(ID_A, "张三", MOBILE_A).await;
    let form = |status: &str, bytes: Vec<u8>| {
        reqwest::multipart::Form::new()
            .text("status", status.to_owned())
            .part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name("cert.jpg"),
            )
    };
    let send = |f| {
        t.req(Method::PUT, "/v1/me/marital-status", Some(&token))
            .multipart(f)
            .send()
    };
    let (status, e) = read(send(form("engaged", jpeg())).await.unwrap()).await;
    assert_eq!(
        (status, e["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("status"))
    );
    let (status, e) = read(send(form("married", b"%PDF-1.4".to_vec())).await.unwrap()).await;
    assert_eq!(
        (status, e["code"].as_str()),
        (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Some("unsupported_file_type")
        )
    );
    let (status, change) = read(send(form("married", jpeg())).await.unwrap()).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{change}");
    assert_eq!(change["status"], "pending");
    let (status, _) = read(send(form("married", jpeg())).await.unwrap()).await;
    assert_eq!(status, StatusCode::CONFLICT);
    // Nothing changes until the operator approves.
    assert_eq!(
        t.call(Method::GET, "/v1/me", Some(&token), None).await.1["marital_status"],
        "unmarried"
    );
    let r = t
        .operator(
            Method::POST,
            &format!("/v1/operator/marital-changes/{}", change["id"]),
        )
        .json(&json!({ "approve": true }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        t.call(Method::GET, "/v1/me", Some(&token), None).await.1["marital_status"],
        "married"
    );
    assert_eq!(
        t.call(Method::GET, "/v1/me/marital-status", Some(&token), None)
            .await
            .1["status"],
        "approved"
    );
}

#[tokio::test]
async fn an_empty_period_is_void_and_time_moves_on() {
    let t = start().await;
    let r = t
        .operator(Method::POST, "/v1/operator/periods")
        .json(&json!({ "quota": 5 }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    move_to(&t, "2026-04-27T00:00:00Z").await;
    assert_eq!(
        t.call(Method::GET, "/v1/periods/202602", None, None)
            .await
            .1["status"],
        "void"
    );
    // The clock stays within the range the policy data covers.
    let r = t
        .operator(Method::POST, "/v1/operator/clock")
        .json(&json!({ "to": "2150-01-01T00:00:00Z" }))
        .send()
        .await
        .unwrap();
    let (status, e) = read(r).await;
    assert_eq!(
        (status, e["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("to"))
    );
}

#[tokio::test]
async fn a_withdrawn_application_keeps_its_history_and_leaves_the_pool() {
    let t = start().await;
    let apps = two_approved(&t).await;
    let [(a, app_a), (b, app_b)] = [apps[0].clone(), apps[1].clone()];
    let withdraw = |id: i64| format!("/v1/applications/{id}/withdraw");
    // Another account's application is not found, whatever it is.
    let (status, _) = t.call(Method::POST, &withdraw(app_b), Some(&a), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = t.call(Method::POST, &withdraw(app_a), Some(&a), None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["status"], "withdrawn");
    assert_eq!(body["code"].as_str().unwrap().len(), 13, "the code stays");
    assert!(body["submitted_at"].is_string(), "the history stays");
    let (status, body) = t.call(Method::POST, &withdraw(app_a), Some(&a), None).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    // B's application is frozen into the next pool: it cannot leave it before the draw.
    for path in ["/v1/operator/periods", "/v1/operator/periods/202602/freeze"] {
        let mut r = t.operator(Method::POST, path);
        if path.ends_with("periods") {
            r = r.json(&json!({ "quota": 1 }));
        }
        assert!(r.send().await.unwrap().status().is_success(), "{path}");
    }
    let (status, body) = t.call(Method::POST, &withdraw(app_b), Some(&b), None).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    let (_, period) = t.call(Method::GET, "/v1/periods/202602", None, None).await;
    assert_eq!(period["pool_size"], 1, "only B is in the pool: {period}");
    // A, whose application is withdrawn, may apply again.
    let again = t.complete_draft(&a).await;
    assert_eq!(t.submit(&a, again).await["status"], "under_review");
}

#[tokio::test]
async fn an_address_change_is_reviewed_and_reaches_the_approved_forms() {
    let t = start().await;
    let form = |address: &str, proof: Option<Vec<u8>>| {
        let f = reqwest::multipart::Form::new().text("address", address.to_owned());
        match proof {
            Some(bytes) => f.part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name("proof.jpg"),
            ),
            None => f,
        }
    };
    let send = |token: &str, f| {
        t.req(Method::PUT, "/v1/me/address", Some(token))
            .multipart(f)
            .send()
    };
    const NEW: &str = "北京市海淀区中关村大街27号院3号楼201";
    // Before any application is approved, the form is edited instead: the core says so.
    let early = t.applicant(ID_C, "王五", MOBILE_C).await;
    let (status, e) = read(send(&early, form(NEW, Some(jpeg()))).await.unwrap()).await;
    assert_eq!(status, StatusCode::CONFLICT, "{e}");
    assert!(
        e["message_zh"].as_str().unwrap().contains("直接修改申请表"),
        "{e}"
    );

    let apps = two_approved(&t).await;
    let [(a, app_a), (b, _)] = [apps[0].clone(), apps[1].clone()];
    let before = t
        .call(
            Method::GET,
            &format!("/v1/applications/{app_a}"),
            Some(&a),
            None,
        )
        .await
        .1["form"]["address"]
        .clone();
    // The core's address check names the field; the proof is required.
    let (status, e) = read(
        send(&a, form("北京朝阳区建国路88号", Some(jpeg())))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, e["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("address")),
        "{e}"
    );
    assert!(e["message_zh"].as_str().unwrap().contains("北京市"), "{e}");
    let (status, e) = read(send(&a, form(NEW, None)).await.unwrap()).await;
    assert_eq!(
        (status, e["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("file")),
        "{e}"
    );
    assert!(
        e["message_zh"].as_str().unwrap().contains("住址证明"),
        "{e}"
    );

    let (status, change) = read(send(&a, form(NEW, Some(jpeg()))).await.unwrap()).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{change}");
    assert_eq!(
        (
            change["status"].as_str(),
            change["requested_address"].as_str()
        ),
        (Some("pending"), Some(NEW))
    );
    let (status, e) = read(send(&a, form(NEW, Some(jpeg()))).await.unwrap()).await;
    assert_eq!(status, StatusCode::CONFLICT, "one at a time: {e}");
    // Another account sees none of it; a marital decision cannot reach an address change.
    let (status, _) = t.call(Method::GET, "/v1/me/address", Some(&b), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let id = change["id"].as_i64().unwrap();
    let r = t
        .operator(Method::POST, &format!("/v1/operator/marital-changes/{id}"))
        .json(&json!({ "approve": true }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let application = format!("/v1/applications/{app_a}");
    assert_eq!(
        t.call(Method::GET, &application, Some(&a), None).await.1["form"]["address"],
        before,
        "nothing changes before the review"
    );
    let r = t
        .operator(Method::POST, &format!("/v1/operator/address-changes/{id}"))
        .json(&json!({ "approve": true }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let after = t.call(Method::GET, &application, Some(&a), None).await.1;
    assert_eq!(after["form"]["address"], NEW);
    let (_, latest) = t.call(Method::GET, "/v1/me/address", Some(&a), None).await;
    assert_eq!(latest["status"], "approved");
    let (_, export) = t.call(Method::GET, "/v1/me/export", Some(&a), None).await;
    assert_eq!(export["address_changes"][0]["requested_address"], NEW);
    // Decided once.
    let r = t
        .operator(Method::POST, &format!("/v1/operator/address-changes/{id}"))
        .json(&json!({ "approve": false, "reason": "late" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT);
}
