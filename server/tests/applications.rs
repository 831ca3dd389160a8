//! Applications, documents, review and resubmission over HTTP against the real server.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

#[tokio::test]
async fn draft_preview_submit_and_list() {
    let t = start().await;
    let token = t.applicant(ID_A, "张三", MOBILE_A).await;
    let (status, draft) = t
        .call(
            Method::POST,
            "/v1/applications",
            Some(&token),
            Some(json!({ "kind": "individual_ordinary" })),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(draft["status"], "draft");
    let id = draft["id"].as_i64().unwrap();
    // The preview lists every problem: the licence number typed as file number, a short
    // address, and the missing materials.
    let form = json!({ "form": { "licence_file": ID_A, "address": "北京海淀区" } });
    let (status, _) = t
        .call(
            Method::PUT,
            &format!("/v1/applications/{id}"),
            Some(&token),
            Some(form),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    // A misspelt field, however deep, is refused by its path, and the saved draft is kept.
    let misspelt = json!({ "form": { "licence_file": ID_A, "family": { "members": [
        { "relation": "spouse", "resident_id": ID_B, "name": "李四", "nmae": "李四" }
    ] } } });
    let (status, e) = t
        .call(
            Method::PUT,
            &format!("/v1/applications/{id}"),
            Some(&token),
            Some(misspelt),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(e["code"], "invalid_input");
    assert_eq!(e["field"], "form.family.members[0].nmae");
    let (_, kept) = t
        .call(
            Method::GET,
            &format!("/v1/applications/{id}"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(kept["form"]["address"], "北京海淀区");
    assert!(kept["form"]["family"].is_null());
    // An array where the contract has an object is refused by its path (serde alone would read
    // a struct from an array, by position), however deep; the saved draft is kept.
    for (body, field) in [
        (json!({ "form": [null, null] }), "form"),
        (
            json!({ "form": { "family": { "members": [["spouse", ID_B, "李四"]] } } }),
            "form.family.members[0]",
        ),
    ] {
        let (status, e) = t
            .call(
                Method::PUT,
                &format!("/v1/applications/{id}"),
                Some(&token),
                Some(body),
            )
            .await;
        assert_eq!(
            (status, e["field"].as_str()),
            (StatusCode::BAD_REQUEST, Some(field)),
            "{e}"
        );
    }
    let (_, kept) = t
        .call(
            Method::GET,
            &format!("/v1/applications/{id}"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(kept["form"]["address"], "北京海淀区");
    let (status, e) = t
        .call(
            Method::POST,
            "/v1/applications",
            Some(&token),
            Some(json!({ "kind": "individual_ordinary", "knd": "family" })),
        )
        .await;
    assert_eq!(
        (status, e["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("knd"))
    );
    let (_, preview) = t
        .call(
            Method::GET,
            &format!("/v1/applications/{id}/preview"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(preview["ready"], false);
    let licence = preview["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["field"] == "licence_file")
        .unwrap();
    assert_eq!(
        licence["errors"][0]["code"],
        "licence_file_is_licence_number"
    );
    assert_eq!(preview["missing_documents"].as_array().unwrap().len(), 3);
    // Submitting now names the first bad field and changes nothing.
    let (status, e) = t
        .call(
            Method::POST,
            &format!("/v1/applications/{id}/submit"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(
        (status, e["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("licence_file"))
    );
    let form = json!({ "form": { "licence_file": LICENCE_FILE, "address": ADDRESS } });
    t.call(
        Method::PUT,
        &format!("/v1/applications/{id}"),
        Some(&token),
        Some(form),
    )
    .await;
    let (_, e) = t
        .call(
            Method::POST,
            &format!("/v1/applications/{id}/submit"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(e["code"], "missing_documents");
    for kind in ["id_front", "id_back", "driving_licence"] {
        assert_eq!(t.upload(&token, id, kind, jpeg()).await.0, StatusCode::OK);
    }
    let submitted = t.submit(&token, id).await;
    let code = submitted["code"].as_str().unwrap();
    assert_eq!(code.len(), 13);
    assert!(code.bytes().all(|b| b.is_ascii_digit()));
    assert!(code.ends_with("000000001"), "serial comes last: {code}");
    assert_eq!(submitted["status"], "under_review");
    // Submitted: no more edits, no deletion, no second active application.
    let form = json!({ "form": { "licence_file": LICENCE_FILE, "address": ADDRESS } });
    let (status, e) = t
        .call(
            Method::PUT,
            &format!("/v1/applications/{id}"),
            Some(&token),
            Some(form),
        )
        .await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::CONFLICT, Some("invalid_state"))
    );
    assert_eq!(
        t.call(
            Method::DELETE,
            &format!("/v1/applications/{id}"),
            Some(&token),
            None
        )
        .await
        .0,
        StatusCode::CONFLICT
    );
    assert_eq!(
        t.upload(&token, id, "id_photo", png()).await.0,
        StatusCode::CONFLICT
    );
    let second = t.complete_draft(&token).await;
    let (status, e) = t
        .call(
            Method::POST,
            &format!("/v1/applications/{second}/submit"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::CONFLICT, Some("already_applied"))
    );
    // The forgotten-code case: the list shows the code.
    let (_, list) = t
        .call(Method::GET, "/v1/applications", Some(&token), None)
        .await;
    let codes: Vec<&Value> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["code"])
        .collect();
    assert!(codes.contains(&&json!(code)));
    assert_eq!(
        t.call(
            Method::DELETE,
            &format!("/v1/applications/{second}"),
            Some(&token),
            None
        )
        .await
        .0,
        StatusCode::NO_CONTENT
    );
}

#[tokio::test]
async fn documents_are_checked_by_content_and_size() {
    let t = start().await;
    let token = t.applicant(ID_A, "张三", MOBILE_A).await;
    let (_, app) = t
        .call(
            Method::POST,
            "/v1/applications",
            Some(&token),
            Some(json!({ "kind": "individual_ordinary" })),
        )
        .await;
    let id = app["id"].as_i64().unwrap();
    let (status, e) = t
        .upload(&token, id, "id_front", b"GIF89a not a jpeg".to_vec())
        .await;
    assert_eq!(
        (status, e["code"].as_str()),
        (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Some("unsupported_file_type")
        )
    );
    let mut broken = png();
    broken.truncate(40);
    let (status, e) = t.upload(&token, id, "id_front", broken).await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("corrupt_image"))
    );
    let mut huge = png();
    huge.resize(2 * 1024 * 1024 + 1, 0);
    let (status, e) = t.upload(&token, id, "id_front", huge).await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, Some("file_too_large"))
    );
    let mut photo = png();
    photo.resize(200 * 1024 + 1, 0);
    let (status, e) = t.upload(&token, id, "id_photo", photo).await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, Some("file_too_large"))
    );
    assert_eq!(
        t.upload(&token, id, "passport", png()).await.0,
        StatusCode::NOT_FOUND
    );
    // None of that stored anything.
    let path = format!("/v1/applications/{id}/documents");
    assert_eq!(
        t.call(Method::GET, &path, Some(&token), None).await.1,
        json!([])
    );
    // Upload, replace, download, delete.
    let (_, first) = t.upload(&token, id, "id_front", png()).await;
    let (_, second) = t.upload(&token, id, "id_front", jpeg()).await;
    assert_ne!(first["sha256"], second["sha256"]);
    assert_eq!(second["media_type"], "image/jpeg");
    let r = t
        .req(Method::GET, &format!("{path}/id_front"), Some(&token))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["content-type"], "image/jpeg");
    assert_eq!(r.bytes().await.unwrap().to_vec(), jpeg());
    assert_eq!(
        t.call(
            Method::DELETE,
            &format!("{path}/id_front"),
            Some(&token),
            None
        )
        .await
        .0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        t.call(
            Method::DELETE,
            &format!("{path}/id_front"),
            Some(&token),
            None
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn review_against_the_registry_and_resubmission() {
    let t = start().await;
    let a = t.applicant(ID_A, "张三", MOBILE_A).await;
    let b = t.applicant(ID_B, "李四", MOBILE_B).await;
    t.import_registry(&TestPortal::eligible_rows(ID_A)).await;
    // B: residence permit holder with too few months, and a car in Beijing.
    t.import_registry(&format!(
        "{ID_B},residence_permit,,2030-01-01\n{ID_B},social_insurance_months,30,\n\
         {ID_B},tax_months,60,\n{ID_B},driving_licence,{LICENCE_FILE},2032-01-01\n{ID_B},car,京A12345,\n"
    ))
    .await;
    let app_a = t.complete_draft(&a).await;
    let app_b = t.complete_draft(&b).await;
    t.submit(&a, app_a).await;
    let code_b = t.submit(&b, app_b).await["code"].clone();
    assert_eq!(t.review().await, json!({ "approved": 1, "rejected": 1 }));
    let (_, got_a) = t
        .call(
            Method::GET,
            &format!("/v1/applications/{app_a}"),
            Some(&a),
            None,
        )
        .await;
    assert_eq!(got_a["status"], "approved");
    let (_, got_b) = t
        .call(
            Method::GET,
            &format!("/v1/applications/{app_b}"),
            Some(&b),
            None,
        )
        .await;
    assert_eq!(got_b["status"], "rejected");
    let reasons: Vec<&str> = got_b["rejection_reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert!(
        reasons.len() >= 2,
        "every failed condition is listed: {reasons:?}"
    );
    // B sells the car and gets a hukou; after fixing, the resubmission keeps its code.
    t.import_registry(&TestPortal::eligible_rows(ID_B)).await;
    let resubmitted = t.submit(&b, app_b).await;
    assert_eq!(resubmitted["code"], code_b);
    assert_eq!(resubmitted["status"], "under_review");
    assert_eq!(t.review().await, json!({ "approved": 1, "rejected": 0 }));
}

#[tokio::test]
async fn a_wrong_registry_file_changes_nothing() {
    let t = start().await;
    let csv = format!("resident_id,record,value,valid_until\n{ID_A},hukou,,\n{ID_A},spaceship,,\n");
    let r = t
        .operator(Method::POST, "/v1/operator/registry")
        .body(csv)
        .send()
        .await
        .unwrap();
    let (status, e) = read(r).await;
    assert_eq!(
        (status, e["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("line 3"))
    );
    let a = t.applicant(ID_A, "张三", MOBILE_A).await;
    let app = t.complete_draft(&a).await;
    t.submit(&a, app).await;
    assert_eq!(
        t.review().await,
        json!({ "approved": 0, "rejected": 1 }),
        "hukou row was not stored"
    );
}

#[tokio::test]
async fn applicant_a_can_neither_read_nor_change_b_data() {
    let t = start().await;
    let a = t.applicant(ID_A, "张三", MOBILE_A).await;
    let b = t.applicant(ID_B, "李四", MOBILE_B).await;
    let app_b = t.complete_draft(&b).await;
    let base = format!("/v1/applications/{app_b}");
    let form = json!({ "form": { "address": ADDRESS } });
    for (method, path, body) in [
        (Method::GET, base.clone(), None),
        (Method::PUT, base.clone(), Some(form)),
        (Method::GET, format!("{base}/preview"), None),
        (Method::POST, format!("{base}/submit"), None),
        (Method::GET, format!("{base}/documents"), None),
        (Method::GET, format!("{base}/documents/id_front"), None),
        (Method::DELETE, format!("{base}/documents/id_front"), None),
        (Method::DELETE, base.clone(), None),
    ] {
        let (status, e) = t.call(method.clone(), &path, Some(&a), body).await;
        assert_eq!(
            (status, e["code"].as_str()),
            (StatusCode::NOT_FOUND, Some("not_found")),
            "{method} {path}"
        );
    }
    assert_eq!(
        t.upload(&a, app_b, "id_photo", png()).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        t.call(Method::GET, "/v1/applications", Some(&a), None)
            .await
            .1,
        json!([])
    );
    // B's application is untouched.
    let (_, mine) = t.call(Method::GET, &base, Some(&b), None).await;
    assert_eq!(mine["status"], "draft");
    assert_eq!(mine["form"]["address"], ADDRESS);
    assert_eq!(
        t.call(Method::GET, &format!("{base}/documents"), Some(&b), None)
            .await
            .1
            .as_array()
            .unwrap()
            .len(),
        3
    );
}

#[tokio::test]
async fn family_preview_shows_points() {
    // Families apply from 2021 on.
    let t = start_with(|c| c.policy = "annual-2021".to_owned()).await;
    let a = t.applicant(ID_A, "张三", MOBILE_A).await;
    let form = json!({ "kind": "family", "form": {
        "licence_file": LICENCE_FILE, "address": ADDRESS,
        "family": { "main_ladder_steps": 5, "members": [
            { "relation": "spouse", "resident_id": ID_B, "name": "李四", "ladder_steps": 5 },
            { "relation": "child", "resident_id": ID_C, "name": "张小三" }
        ] }
    } });
    let (status, app) = t
        .call(Method::POST, "/v1/applications", Some(&a), Some(form))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{app}");
    let id = app["id"].as_i64().unwrap();
    let (_, preview) = t
        .call(
            Method::GET,
            &format!("/v1/applications/{id}/preview"),
            Some(&a),
            None,
        )
        .await;
    // Domain worked example 2: ((7+6)×2 + 1) × 2 = 54.
    assert_eq!(preview["points"]["total"], 54);
    let bad = json!({ "kind": "individual_ordinary", "form": { "family": { "members": [] } } });
    let (status, e) = t
        .call(Method::POST, "/v1/applications", Some(&a), Some(bad))
        .await;
    assert_eq!(
        (status, e["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("form.family"))
    );
}
