//! Units (单位) end to end: a unit's account (credit code, contact person, SMS code), its
//! application with the unit's materials, the review against the registry's unit records and the
//! policy's thresholds, a unit lottery of its own (one position per unit), and a published list
//! that verifies like the official unit lists (`bjUnitCommon…` package); a unit's account is
//! exported, deleted and registered again.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use yaohao_core::draw::{Verdict, read_pool, verify};
use yaohao_core::results::{Applicant, QuotaKind, parse_bytes};

/// A unit's ordinary application with its address and both materials, submitted; its id.
async fn unit_application(t: &TestPortal, token: &str, kind: &str) -> i64 {
    let (status, app) = t
        .call(
            Method::POST,
            "/v1/applications",
            Some(token),
            Some(json!({ "kind": kind, "form": { "address": ADDRESS } })),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{app}");
    let id = app["id"].as_i64().unwrap();
    let (status, preview) = t
        .call(
            Method::GET,
            &format!("/v1/applications/{id}/preview"),
            Some(token),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        preview["required_documents"],
        json!(["business_licence", "tax_proof"])
    );
    // A unit is not asked for a driving licence, and cannot upload a person's materials.
    let (status, e) = t.upload(token, id, "id_front", png()).await;
    assert_eq!(
        (status, e["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("kind"))
    );
    for kind in ["business_licence", "tax_proof"] {
        let (status, body) = t.upload(token, id, kind, png()).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    t.submit(token, id).await;
    id
}

/// Registry rows of a unit registered in Beijing that paid `tax` CNY last year.
fn unit_rows(credit_code: &str, tax: u64) -> String {
    format!("{credit_code},unit_registered,,\n{credit_code},unit_tax_cny,{tax},\n")
}

#[tokio::test]
async fn units_apply_are_reviewed_draw_in_their_own_pool_and_the_list_verifies() {
    let t = start().await;
    // Four eligible units and one below the tax threshold.
    let mut units = Vec::new();
    for serial in 0..5u32 {
        let code = credit_code(serial);
        let tax = if serial == 4 { 49_999 } else { 80_000 };
        t.import_registry(&unit_rows(&code, tax)).await;
        let token = t
            .unit(
                &code,
                &resident_id(100 + serial),
                &format!("1370000{serial:04}"),
            )
            .await;
        let (_, me) = t.call(Method::GET, "/v1/me", Some(&token), None).await;
        assert_eq!(me["unit"]["credit_code"], code.as_str());
        assert_eq!(me["resident_id"], resident_id(100 + serial).as_str());
        let app = unit_application(&t, &token, "unit_ordinary").await;
        units.push((token, app));
    }
    let summary = t.review().await;
    assert_eq!(
        (summary["approved"].as_i64(), summary["rejected"].as_i64()),
        (Some(4), Some(1))
    );
    let (_, poor) = t
        .call(
            Method::GET,
            &format!("/v1/applications/{}", units[4].1),
            Some(&units[4].0),
            None,
        )
        .await;
    assert_eq!(poor["status"], "rejected");
    assert_eq!(
        poor["rejection_reasons"][0]["code"], "unit_tax_below_threshold",
        "{poor}"
    );

    // A unit lottery has a quota of its own: two of the four units win.
    let (status, period) = t
        .operate(
            "/v1/operator/periods",
            Some(json!({ "quota": 2, "kind": "unit_draw" })),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{period}");
    let id = period["id"].as_str().unwrap().to_owned();
    assert_eq!(id, "202602-unit_ordinary");
    assert!(period["title"].as_str().unwrap().contains("单位普通"));
    let (_, frozen) = t
        .operate(&format!("/v1/operator/periods/{id}/freeze"), None)
        .await;
    assert_eq!(frozen["pool_size"], 4, "one position per unit");
    t.draw_and_publish(&id, "530670").await;
    let file = parse_bytes(&t.bytes(&format!("/v1/results/{id}/result.pdf")).await).unwrap();
    assert_eq!(
        (file.header.category.applicant, file.header.category.quota),
        (Applicant::Unit, QuotaKind::Ordinary)
    );
    assert_eq!(file.header.period, "202602");
    assert_eq!(
        (file.header.pool_size, file.header.quota, file.rows.len()),
        (4, 2, 2)
    );
    // Like the official unit lists: the replay from the header explains every row, and the
    // published package makes it exact.
    assert_eq!(verify(&file, None).verdict, Verdict::Verified);
    let mut package = Vec::new();
    for name in [
        "bjUnitCommonNumberPeriod202602.csv",
        "bjUnitCommonApplyNumber202602_0001.csv",
    ] {
        package.push((
            name.to_owned(),
            t.bytes(&format!("/v1/results/{id}/{name}")).await,
        ));
    }
    let pool = read_pool(&package).unwrap().pool;
    assert_eq!(verify(&file, Some(&pool)).verdict, Verdict::Verified);
    let mut winners = 0;
    for (token, _) in &units[..4] {
        let (_, quotas) = t
            .call(Method::GET, "/v1/me/quotas", Some(token), None)
            .await;
        winners += quotas.as_array().unwrap().len();
    }
    assert_eq!(winners, 2);
}

#[tokio::test]
async fn the_unit_nev_lottery_is_a_list_of_its_own() {
    let t = start().await;
    let code = credit_code(9);
    t.import_registry(&unit_rows(&code, 60_000)).await;
    let token = t.unit(&code, ID_C, MOBILE_C).await;
    unit_application(&t, &token, "unit_nev").await;
    assert_eq!(t.review().await["approved"], 1);
    let (status, period) = t
        .operate(
            "/v1/operator/periods",
            Some(json!({ "quota": 5, "kind": "unit_nev_draw" })),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{period}");
    let id = period["id"].as_str().unwrap().to_owned();
    assert_eq!(id, "202602-unit_nev");
    for step in ["freeze", "draw", "publish"] {
        let (status, body) = t
            .operate(
                &format!("/v1/operator/periods/{id}/{step}"),
                Some(json!({})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{step}: {body}");
    }
    let bytes = t.bytes(&format!("/v1/results/{id}/result.txt")).await;
    let file = parse_bytes(&bytes).unwrap();
    assert_eq!(
        (file.header.category.applicant, file.header.category.quota),
        (Applicant::Unit, QuotaKind::Nev)
    );
    // One unit for five quotas: undersubscribed, allocated, and that verifies.
    assert_eq!(file.rows.len(), 1);
    assert_eq!(verify(&file, None).verdict, Verdict::Verified);
    let package = t
        .bytes(&format!("/v1/results/{id}/bjUnitNewNumberPeriod202602.csv"))
        .await;
    assert!(
        String::from_utf8(package)
            .unwrap()
            .starts_with("单位新能源指标")
    );
    // The family draw is made with the individual one, not on its own.
    let (status, e) = t
        .operate(
            "/v1/operator/periods",
            Some(json!({ "quota": 5, "kind": "family_draw" })),
        )
        .await;
    assert_eq!(
        (status, e["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("kind"))
    );
}

#[tokio::test]
async fn a_unit_account_is_only_for_unit_kinds_and_a_person_cannot_make_them() {
    let t = start().await;
    let code = credit_code(7);
    let unit = t.unit(&code, ID_B, MOBILE_B).await;
    let person = t.applicant(ID_A, "张三", MOBILE_A).await;
    for (token, kind, reason) in [
        (&unit, "individual_ordinary", "单位账户"),
        (&person, "unit_ordinary", "单位账户"),
    ] {
        let (status, e) = t
            .call(
                Method::POST,
                "/v1/applications",
                Some(token),
                Some(json!({ "kind": kind, "form": {} })),
            )
            .await;
        assert_eq!(
            (status, e["field"].as_str()),
            (StatusCode::BAD_REQUEST, Some("kind")),
            "{e}"
        );
        assert!(e["message_zh"].as_str().unwrap().contains(reason), "{e}");
    }
    // The contact may also hold a personal account: the unit's is another account.
    let contact = t.applicant(ID_B, "李四", MOBILE_C).await;
    let (_, me) = t.call(Method::GET, "/v1/me", Some(&contact), None).await;
    assert!(me["unit"].is_null());
}

#[tokio::test]
async fn unit_registration_and_login_refuse_bad_input_by_field() {
    let t = start().await;
    let mobile = MOBILE_A;
    let sms = t
        .code(json!({ "purpose": "register", "mobile": mobile }), mobile)
        .await;
    let good = json!({
        "credit_code": credit_code(1), "unit_name": "北京某某科技有限公司",
        "contact_resident_id": ID_A, "contact_name": "张三",
        "mobile": mobile, "password": PASSWORD, "sms_code": sms
    });
    let mut typo = good.clone();
    // One character changed: the check characters catch it, and the core says which.
    let mut code = credit_code(1);
    code.replace_range(10..11, if &code[10..11] == "1" { "2" } else { "1" });
    typo["credit_code"] = Value::from(code);
    let (status, e) = t.call(Method::POST, "/v1/units", None, Some(typo)).await;
    assert_eq!(
        (status, e["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("credit_code")),
        "{e}"
    );
    assert!(e["message_zh"].as_str().unwrap().contains("校验"), "{e}");
    // An unknown field is refused by name, as on every route.
    let mut extra = good.clone();
    extra["credit_kode"] = Value::from("x");
    let (status, e) = t.call(Method::POST, "/v1/units", None, Some(extra)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{e}");
    assert!(e.to_string().contains("credit_kode"), "{e}");
    let mut nameless = good.clone();
    nameless["unit_name"] = Value::from("  ");
    let (status, e) = t
        .call(Method::POST, "/v1/units", None, Some(nameless))
        .await;
    assert_eq!(
        (status, e["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("unit_name"))
    );
    // Both identifiers in one login is refused by field, not guessed.
    let (status, e) = t
        .call(
            Method::POST,
            "/v1/sessions",
            None,
            Some(json!({ "resident_id": ID_A, "credit_code": credit_code(1),
                         "password": PASSWORD, "sms_code": "000000" })),
        )
        .await;
    assert_eq!(
        (status, e["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("credit_code"))
    );
}

#[tokio::test]
async fn a_deleted_unit_account_leaves_its_credit_code_free_and_its_export_names_the_unit() {
    let t = start().await;
    let code = credit_code(3);
    let token = t.unit(&code, ID_A, MOBILE_A).await;
    let (status, export) = t
        .call(Method::GET, "/v1/me/export", Some(&token), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(export["account"]["unit"]["credit_code"], code.as_str());
    assert_eq!(export["account"]["resident_id"], ID_A);
    let (status, body) = t
        .call(
            Method::POST,
            "/v1/me/deletion",
            Some(&token),
            Some(json!({ "password": PASSWORD })),
        )
        .await;
    assert!(status.is_success(), "{status} {body}");
    // Registered again with the same credit code.
    t.unit(&code, ID_A, MOBILE_B).await;
}
