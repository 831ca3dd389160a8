//! Families in the ordinary lottery under `annual-2021` (`docs/rules.md`, L): a period's ordinary
//! quota is split by the policy's family share into an individual and a family period; the family
//! pool holds each family as many positions as its points; both are drawn with the official
//! algorithm, published in the official layout, and verify with the core, from the header and
//! with the published pool. Regimes without families refuse the kind.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::json;
use yaohao_core::draw::{Verdict, read_pool, verify};
use yaohao_core::results::{Applicant, Code, Lookup, lookup, parse_bytes};

const FAMILY_PERIOD: &str = "202601-family_ordinary";

/// A family ordinary application of a new account: the main applicant (ID `serial`) at ladder
/// `ladder` and a spouse with no history, so `((2 + ladder) + 1) × 2` points; submitted. Returns
/// the session and the application code.
async fn family(t: &TestPortal, serial: u32, ladder: u32) -> (String, String) {
    let main = resident_id(serial);
    let spouse = resident_id(serial + 500);
    t.import_registry(&TestPortal::eligible_rows(&main)).await;
    let mobile = format!("1380000{serial:04}");
    let token = t.applicant(&main, "张家", &mobile).await;
    let form = json!({ "kind": "family_ordinary", "form": {
        "licence_file": LICENCE_FILE, "address": ADDRESS,
        "family": { "main_ladder_steps": ladder, "members": [
            { "relation": "spouse", "resident_id": spouse, "name": "李四" }
        ] }
    } });
    let (status, app) = t
        .call(Method::POST, "/v1/applications", Some(&token), Some(form))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{app}");
    let id = app["id"].as_i64().unwrap();
    for kind in [
        "id_front",
        "id_back",
        "driving_licence",
        "family_relation_proof",
    ] {
        let (status, body) = t.upload(&token, id, kind, png()).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let code = t.submit(&token, id).await["code"]
        .as_str()
        .unwrap()
        .to_owned();
    (token, code)
}

#[tokio::test]
async fn families_draw_in_a_pool_of_their_own_weighted_by_points_and_the_list_verifies() {
    let t = start_with(|c| c.policy = "annual-2021".to_owned()).await;
    // Four families of 6, 8, 10 and 12 points; two individuals.
    let mut families = Vec::new();
    for (i, ladder) in [0, 1, 2, 3].into_iter().enumerate() {
        families.push(family(&t, 10 + i as u32, ladder).await);
    }
    for serial in [20, 21] {
        let id = resident_id(serial);
        t.import_registry(&TestPortal::eligible_rows(&id)).await;
        let token = t
            .applicant(&id, "王五", &format!("1390000{serial:04}"))
            .await;
        let app = t.complete_draft(&token).await;
        t.submit(&token, app).await;
    }
    assert_eq!(t.review().await["approved"], 6);

    // Quota 5: the family share (60 %, rounded down) is 3, the individuals draw 2.
    let (status, individual) = t
        .operate("/v1/operator/periods", Some(json!({ "quota": 5 })))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{individual}");
    assert_eq!(
        (individual["id"].as_str(), individual["quota"].as_i64()),
        (Some("202601"), Some(2))
    );
    let (_, family_period) = t
        .call(
            Method::GET,
            &format!("/v1/periods/{FAMILY_PERIOD}"),
            None,
            None,
        )
        .await;
    assert_eq!(family_period["kind"], "family_draw");
    assert_eq!(family_period["quota"], 3);
    assert_eq!(family_period["draw_at"], individual["draw_at"]);
    assert!(
        family_period["title"]
            .as_str()
            .unwrap()
            .contains("家庭普通")
    );

    // Each pool holds its own kind: 6 + 8 + 10 + 12 = 36 family positions, 2 individual ones.
    let (_, frozen) = t.operate("/v1/operator/periods/202601/freeze", None).await;
    assert_eq!(frozen["pool_size"], 2);
    let (_, frozen) = t
        .operate(
            &format!("/v1/operator/periods/{FAMILY_PERIOD}/freeze"),
            None,
        )
        .await;
    assert_eq!(frozen["pool_size"], 36);
    for id in ["202601", FAMILY_PERIOD] {
        t.draw_and_publish(id, "530670").await;
    }

    // The family list: the official layout, its own category, the period number, three families.
    let text = t
        .bytes(&format!("/v1/results/{FAMILY_PERIOD}/result.txt"))
        .await;
    let file = parse_bytes(&text).unwrap();
    assert_eq!(file.header.category.applicant, Applicant::Family);
    assert_eq!(file.header.period, "202601");
    assert_eq!((file.header.pool_size, file.header.quota), (36, 3));
    assert_eq!(file.rows.len(), 3);
    // From the header alone the replay explains every row; with the published pool, exactly.
    assert_ne!(verify(&file, None).verdict, Verdict::Mismatch);
    let mut files = Vec::new();
    for name in [
        "bjFamilyCommonNumberPeriod202601.csv".to_owned(),
        "bjFamilyCommonApplyNumber202601_0001.csv".to_owned(),
    ] {
        let bytes = t
            .bytes(&format!("/v1/results/{FAMILY_PERIOD}/{name}"))
            .await;
        files.push((name, bytes));
    }
    let pool = read_pool(&files).unwrap().pool;
    assert_eq!(verify(&file, Some(&pool)).verdict, Verdict::Verified);
    // Every family holds as many positions as its points.
    for ((_, code), points) in families.iter().zip([6, 8, 10, 12]) {
        let code = Code::parse(code).unwrap();
        let held = (1..=pool.size())
            .filter(|&p| pool.code_at(p) == Some(code))
            .count();
        assert_eq!(held, points, "{code}");
    }

    // Each winning family has a quota from this period; the others are told they did not win.
    let mut winners = 0;
    for (token, code) in &families {
        let won = matches!(
            lookup(&file, Code::parse(code).unwrap()),
            Lookup::Draw { won: true, .. }
        );
        let (_, results) = t
            .call(Method::GET, "/v1/me/results", Some(token), None)
            .await;
        let entry = results
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["period"] == FAMILY_PERIOD)
            .unwrap_or_else(|| panic!("{results}"));
        assert_eq!(
            entry["outcome"],
            if won { "won" } else { "not_won" },
            "{entry}"
        );
        let (_, quotas) = t
            .call(Method::GET, "/v1/me/quotas", Some(token), None)
            .await;
        let quotas = quotas.as_array().unwrap();
        assert_eq!(quotas.len(), usize::from(won), "{quotas:?}");
        if won {
            winners += 1;
            assert_eq!(quotas[0]["period"], FAMILY_PERIOD);
        }
    }
    assert_eq!(winners, 3);
    // The individual list is unchanged by the families: two winners of its own.
    let (_, individual_file) = t
        .call(Method::GET, "/v1/results/202601/result.json", None, None)
        .await;
    assert_eq!(individual_file["winners"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn a_regime_without_families_in_the_ordinary_draw_refuses_the_kind() {
    let t = start().await;
    let token = t.applicant(ID_A, "张三", MOBILE_A).await;
    let (status, e) = t
        .call(
            Method::POST,
            "/v1/applications",
            Some(&token),
            Some(json!({ "kind": "family_ordinary", "form": { "family": { "members": [] } } })),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{e}");
    assert_eq!(e["field"], "kind");
    assert!(
        e["message_zh"].as_str().unwrap().contains("没有家庭申请"),
        "{e}"
    );
    // Creating a period there makes no family period.
    let (_, periods) = t.call(Method::GET, "/v1/periods", None, None).await;
    assert!(periods.as_array().unwrap().is_empty());
    let (status, _) = t
        .operate("/v1/operator/periods", Some(json!({ "quota": 5 })))
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, periods) = t.call(Method::GET, "/v1/periods", None, None).await;
    let periods = periods.as_array().unwrap();
    assert_eq!(periods.len(), 1);
    assert_eq!(
        (periods[0]["kind"].as_str(), periods[0]["quota"].as_i64()),
        (Some("draw"), Some(5))
    );
}
