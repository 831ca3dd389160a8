//! The applicant's data rights over HTTP: the export holds everything, unmasked and only the
//! applicant's own; deletion asks for the password, waits for a pending quota, ends every
//! session, erases the personal data and files, frees the ID number, and leaves the published
//! draw verifiable.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::json;
use yaohao_core::draw::{Verdict, read_pool, verify};

/// Whether period 202602's published result verifies against its published pool.
async fn published_draw_verifies(t: &TestPortal) -> bool {
    let get = |name: &str| {
        t.req(Method::GET, &format!("/v1/results/202602/{name}"), None)
            .send()
    };
    let text = get("result.txt").await.unwrap().text().await.unwrap();
    let file = yaohao_core::results::parse_text(&text).unwrap();
    let mut package = Vec::new();
    for name in [
        "bjPersonCommonNumberPeriod202602.csv",
        "bjPersonCommonApplyNumber202602_0001.csv",
    ] {
        let bytes = get(name).await.unwrap().bytes().await.unwrap().to_vec();
        package.push((name.to_owned(), bytes));
    }
    let pool = read_pool(&package).unwrap().pool;
    verify(&file, Some(&pool)).verdict == Verdict::Verified
}

/// How many material files the portal stores.
fn stored_files(t: &TestPortal) -> usize {
    walk(&t.dir.path().join("data/documents"))
}

fn walk(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| {
        entries
            .flatten()
            .map(|e| {
                if e.path().is_dir() {
                    walk(&e.path())
                } else {
                    1
                }
            })
            .sum()
    })
}

#[tokio::test]
async fn the_export_holds_everything_of_mine_unmasked() {
    let t = start().await;
    t.import_registry(&TestPortal::eligible_rows(ID_A)).await;
    let a = t.applicant(ID_A, "张三", MOBILE_A).await;
    let b = t.applicant(ID_B, "李四", MOBILE_B).await;
    let app = t.complete_draft(&a).await;
    t.submit(&a, app).await;
    t.device(&a, "fcm", "device-a").await;
    let (status, export) = t.call(Method::GET, "/v1/me/export", Some(&a), None).await;
    assert_eq!(status, StatusCode::OK, "{export}");
    assert_eq!(export["account"]["resident_id"], ID_A, "unmasked");
    assert_eq!(export["account"]["mobile"], MOBILE_A, "unmasked");
    let apps = export["applications"].as_array().unwrap();
    assert_eq!(apps.len(), 1);
    assert_eq!(apps[0]["application"]["form"]["address"], ADDRESS);
    assert_eq!(apps[0]["documents"].as_array().unwrap().len(), 3);
    assert_eq!(export["devices"][0]["token"], "device-a");
    let sessions = export["sessions"].as_array().unwrap();
    assert!(!sessions.is_empty());
    assert!(sessions.iter().all(|s| s.get("token").is_none()));
    // B's export is B's alone.
    let (_, theirs) = t.call(Method::GET, "/v1/me/export", Some(&b), None).await;
    assert_eq!(theirs["account"]["resident_id"], ID_B);
    assert!(theirs["applications"].as_array().unwrap().is_empty());
    assert!(theirs["devices"].as_array().unwrap().is_empty());
    let (status, _) = t.call(Method::GET, "/v1/me/export", None, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn deleting_an_account_erases_it_and_keeps_the_draw_verifiable() {
    let t = start().await;
    t.import_registry(&TestPortal::eligible_rows(ID_A)).await;
    let a = t.applicant(ID_A, "张三", MOBILE_A).await;
    t.one_participant_cycle(&a).await;
    t.publish().await;
    t.device(&a, "fcm", "device-a").await;
    assert!(published_draw_verifies(&t).await);
    assert!(stored_files(&t) > 0);
    let delete = |token: &str, password: &str| {
        let (token, password) = (token.to_owned(), password.to_owned());
        let t = &t;
        async move {
            t.call(
                Method::POST,
                "/v1/me/deletion",
                Some(&token),
                Some(json!({ "password": password })),
            )
            .await
        }
    };
    // An unknown field or an oversized body is refused, naming the problem; nothing is deleted.
    let (status, body) = t
        .call(
            Method::POST,
            "/v1/me/deletion",
            Some(&a),
            Some(json!({ "password": PASSWORD, "confirm": true })),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(body["field"], "confirm");
    let huge = "x".repeat(3 << 20);
    let (status, _) = delete(&a, &huge).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    // A wrong password deletes nothing.
    let (status, body) = delete(&a, "Wrong1234").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(body["field"], "password");
    // The quota won waits for its confirmation: the core refuses, saying why.
    let (status, body) = delete(&a, PASSWORD).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(
        body["message_zh"].as_str().unwrap().contains("202602"),
        "{body}"
    );
    let (_, quotas) = t.call(Method::GET, "/v1/me/quotas", Some(&a), None).await;
    let quota = quotas[0]["id"].as_i64().unwrap();
    let (status, _) = t
        .call(
            Method::POST,
            &format!("/v1/quotas/{quota}/confirm"),
            Some(&a),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, code) = t.call(Method::GET, "/v1/me/results", Some(&a), None).await;
    let code = code[0]["code"].as_str().unwrap().to_owned();
    let (status, body) = delete(&a, PASSWORD).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    // Every session has ended; the materials' files are gone.
    for path in ["/v1/me", "/v1/me/export", "/v1/applications"] {
        let (status, _) = t.call(Method::GET, path, Some(&a), None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
    }
    assert_eq!(stored_files(&t), 0, "only A's materials were stored");
    // The published draw still verifies, and the code still answers the anonymous query's store.
    assert!(published_draw_verifies(&t).await);
    let conn = rusqlite::Connection::open(t.db_path()).unwrap();
    let (name, mobile, form): (String, String, String) = conn
        .query_row(
            "SELECT u.name, u.mobile, a.form FROM accounts u JOIN applications a
             ON a.account_id = u.id WHERE a.code = ?1",
            [&code],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!((name.as_str(), mobile.as_str()), ("", ""));
    assert!(
        !form.contains(ADDRESS) && !form.contains(LICENCE_FILE),
        "{form}"
    );
    let devices: i64 = conn
        .query_row("SELECT COUNT(*) FROM devices", [], |r| r.get(0))
        .unwrap();
    assert_eq!(devices, 0);
    // The ID number may register again, as a new account.
    let again = t.register(ID_A, "张三", MOBILE_A).await;
    assert_ne!(again["id"], json!(null));
    let token = t.login(ID_A, MOBILE_A).await;
    let (_, mine) = t
        .call(Method::GET, "/v1/applications", Some(&token), None)
        .await;
    assert!(mine.as_array().unwrap().is_empty(), "{mine}");
    // The confirmed quota is still valid: the deleted row keeps only a keyed hash of the ID
    // number, by which the new account is found holding it, and its application is refused.
    let hash: String = conn
        .query_row(
            "SELECT erased_id_hash FROM accounts WHERE deleted_at IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(hash.len(), 64);
    assert!(!hash.contains(&ID_A[..6]), "{hash}");
    let app = t.complete_draft(&token).await;
    t.submit(&token, app).await;
    t.review().await;
    let (_, reviewed) = t
        .call(
            Method::GET,
            &format!("/v1/applications/{app}"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(reviewed["status"], "rejected", "{reviewed}");
    assert!(
        reviewed["rejection_reasons"]
            .to_string()
            .contains("holds_quota"),
        "{reviewed}"
    );
    // Once the quota has expired (12 months after the draw), the hash goes too.
    t.advance(500 * 86_400).await;
    let status: String = conn
        .query_row("SELECT status FROM quotas", [], |r| r.get(0))
        .unwrap();
    assert_eq!(status, "expired");
    let hash: Option<String> = conn
        .query_row(
            "SELECT erased_id_hash FROM accounts WHERE deleted_at IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(hash, None);
}
