//! A whole draw cycle over HTTP on the simulated clock: period from the policy, freeze, the
//! official draw, publication (text, JSON, verification package, ETag/304), my results, carry-over,
//! quota confirmation and forfeit, data freeze, the anonymous query, announcements and calendar.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use yaohao_core::draw::{Pool, Verdict, read_pool, run, verify};
use yaohao_core::results::Code;

/// Three approved applicants; returns their tokens and application codes.
async fn approved_three(t: &TestPortal) -> Vec<(String, String, i64)> {
    let mut out = Vec::new();
    for (id, name, mobile) in [
        (ID_A, "张三", MOBILE_A),
        (ID_B, "李四", MOBILE_B),
        (ID_C, "王五", MOBILE_C),
    ] {
        t.import_registry(&TestPortal::eligible_rows(id)).await;
        let token = t.applicant(id, name, mobile).await;
        let app = t.complete_draft(&token).await;
        let code = t.submit(&token, app).await["code"]
            .as_str()
            .unwrap()
            .to_owned();
        out.push((token, code, app));
    }
    assert_eq!(t.review().await["approved"], 3);
    out
}

async fn operator_json(
    t: &TestPortal,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let mut r = t.operator(method, path);
    if let Some(body) = body {
        r = r.json(&body);
    }
    read(r.send().await.unwrap()).await
}

/// `GET path` with `If-None-Match: etag`.
async fn get_if_none_match(t: &TestPortal, path: &str, etag: &str) -> reqwest::Response {
    get_if_none_match_as(t, path, None, etag).await
}

/// `GET path` with `If-None-Match: etag`, as the session `token` if any.
async fn get_if_none_match_as(
    t: &TestPortal,
    path: &str,
    token: Option<&str>,
    etag: &str,
) -> reqwest::Response {
    t.req(Method::GET, path, token)
        .header("if-none-match", etag)
        .send()
        .await
        .unwrap()
}

/// Creates the next period with `quota` places, freezes it and draws it with `seed`; its id.
async fn drawn_period(t: &TestPortal, quota: u32, seed: &str) -> String {
    let (status, period) = operator_json(
        t,
        Method::POST,
        "/v1/operator/periods",
        Some(json!({ "quota": quota })),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{period}");
    let id = period["id"].as_str().unwrap().to_owned();
    let path = |step: &str| format!("/v1/operator/periods/{id}/{step}");
    let (status, body) = operator_json(t, Method::POST, &path("freeze"), None).await;
    assert_eq!(status, StatusCode::OK, "freeze: {body}");
    let (status, body) = operator_json(
        t,
        Method::POST,
        &path("draw"),
        Some(json!({ "seed": seed })),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "draw: {body}");
    id
}

#[tokio::test]
async fn a_full_draw_cycle() {
    let t = start().await;
    let people = approved_three(&t).await;
    let (status, period) = operator_json(
        &t,
        Method::POST,
        "/v1/operator/periods",
        Some(json!({ "quota": 1 })),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{period}");
    // bimonthly-2014: the next draw after 1 March 2026 is on 26 April, 10:15 Beijing time.
    assert_eq!(period["id"], "202602");
    assert_eq!(period["draw_at"], "2026-04-26T02:15:00Z");
    assert!(period["cutoff_at"].as_str() < period["freeze_from"].as_str());
    let (status, _) = operator_json(
        &t,
        Method::POST,
        "/v1/operator/periods",
        Some(json!({ "quota": 1 })),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    // Drawing before freezing is refused.
    let (status, _) = operator_json(
        &t,
        Method::POST,
        "/v1/operator/periods/202602/draw",
        Some(json!({ "seed": "1" })),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (_, frozen) =
        operator_json(&t, Method::POST, "/v1/operator/periods/202602/freeze", None).await;
    assert_eq!(frozen["pool_size"], 3);
    let (status, drawn) = operator_json(
        &t,
        Method::POST,
        "/v1/operator/periods/202602/draw",
        Some(json!({ "seed": "026498" })),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{drawn}");
    assert_eq!(drawn["seed"], "026498");
    // Before publication, my results say pending; revalidating them costs no body.
    let (_, mine) = t
        .call(Method::GET, "/v1/me/results", Some(&people[0].0), None)
        .await;
    assert_eq!(mine[0]["outcome"], "pending");
    let pending = get_if_none_match_as(&t, "/v1/me/results", Some(&people[0].0), "\"x\"").await;
    assert_eq!(pending.status(), StatusCode::OK);
    let pending_tag = pending.headers()["etag"].to_str().unwrap().to_owned();
    let unchanged =
        get_if_none_match_as(&t, "/v1/me/results", Some(&people[0].0), &pending_tag).await;
    assert_eq!(unchanged.status(), StatusCode::NOT_MODIFIED);
    assert!(unchanged.bytes().await.unwrap().is_empty());
    let (_, published) = operator_json(
        &t,
        Method::POST,
        "/v1/operator/periods/202602/publish",
        None,
    )
    .await;
    assert_eq!(published["status"], "published");

    // The winner is the core's draw on the same pool and seed.
    let entries: Vec<(Code, u32)> = people
        .iter()
        .map(|p| (Code::parse(&p.1).unwrap(), 1))
        .collect();
    let expected = run(&Pool::from_entries(&entries).unwrap(), 1, 26498).unwrap();
    let winner_code = expected.rows[0].code.to_string();

    // The result text is in the official layout and parses back with the core.
    let r = t
        .req(Method::GET, "/v1/results/202602/result.txt", None)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let etag = r.headers()["etag"].to_str().unwrap().to_owned();
    assert!(
        r.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("public")
    );
    let text = r.text().await.unwrap();
    let file = yaohao_core::results::parse_text(&text).unwrap();
    assert_eq!(file.rows.len(), 1);
    assert_eq!(file.rows[0].code.to_string(), winner_code);
    assert_eq!(file.header.seed.as_ref().unwrap().text(), "026498");
    let r = get_if_none_match(&t, "/v1/results/202602/result.txt", &etag).await;
    assert_eq!(r.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(r.headers()["etag"], etag.as_str());
    // The verification package reads back as the same pool.
    let mut files = Vec::new();
    for name in [
        "bjPersonCommonNumberPeriod202602.csv",
        "bjPersonCommonApplyNumber202602_0001.csv",
    ] {
        let r = t
            .req(Method::GET, &format!("/v1/results/202602/{name}"), None)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        files.push((name.to_owned(), r.bytes().await.unwrap().to_vec()));
    }
    let loaded = read_pool(&files).unwrap();
    assert_eq!(loaded.pool, Pool::from_entries(&entries).unwrap());
    assert_eq!(loaded.quota, Some(1));
    // The PDF, read back by the core's extractor and parser, holds the same list, with an ETag,
    // and the core's verifier accepts it against the package's pool.
    let r = t
        .req(Method::GET, "/v1/results/202602/result.pdf", None)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    let pdf_etag = r.headers()["etag"].to_str().unwrap().to_owned();
    let pdf = yaohao_core::results::parse_bytes(&r.bytes().await.unwrap()).unwrap();
    assert_eq!(pdf.rows, file.rows);
    assert_eq!(pdf.header, file.header);
    let verification = verify(&pdf, Some(&loaded.pool));
    assert_eq!(verification.verdict, Verdict::Verified, "{verification:?}");
    let r = get_if_none_match(&t, "/v1/results/202602/result.pdf", &pdf_etag).await;
    assert_eq!(r.status(), StatusCode::NOT_MODIFIED);
    let (_, json_file) = t
        .call(Method::GET, "/v1/results/202602/result.json", None, None)
        .await;
    assert_eq!(json_file["winners"][0]["code"], winner_code.as_str());
    assert_eq!(
        t.call(Method::GET, "/v1/results/202602/..%2Fportal.db", None, None)
            .await
            .0,
        StatusCode::NOT_FOUND
    );

    // My results, carry-over and the quota. The pending list's tag no longer matches.
    let changed =
        get_if_none_match_as(&t, "/v1/me/results", Some(&people[0].0), &pending_tag).await;
    assert_eq!(changed.status(), StatusCode::OK);
    assert_ne!(changed.headers()["etag"].to_str().unwrap(), pending_tag);
    for (token, code, app) in &people {
        let (_, mine) = t
            .call(Method::GET, "/v1/me/results", Some(token), None)
            .await;
        let (_, application) = t
            .call(
                Method::GET,
                &format!("/v1/applications/{app}"),
                Some(token),
                None,
            )
            .await;
        let (_, quotas) = t
            .call(Method::GET, "/v1/me/quotas", Some(token), None)
            .await;
        if *code == winner_code {
            assert_eq!(mine[0]["outcome"], "won");
            assert_eq!(application["status"], "won");
            assert_eq!(quotas[0]["status"], "pending_confirmation");
            assert_eq!(quotas[0]["certificate"], "Q202602000001");
            let id = quotas[0]["id"].as_i64().unwrap();
            let (status, confirmed) = t
                .call(
                    Method::POST,
                    &format!("/v1/quotas/{id}/confirm"),
                    Some(token),
                    None,
                )
                .await;
            assert_eq!(status, StatusCode::OK);
            assert_eq!(confirmed[0]["status"], "confirmed");
            // A second confirmation changes nothing.
            assert_eq!(
                t.call(
                    Method::POST,
                    &format!("/v1/quotas/{id}/confirm"),
                    Some(token),
                    None
                )
                .await
                .0,
                StatusCode::CONFLICT
            );
        } else {
            assert_eq!(mine[0]["outcome"], "not_won");
            assert_eq!(application["status"], "approved");
            assert_eq!(application["draw_count"], 1);
            assert_eq!(quotas, json!([]));
        }
    }
    // Nobody can confirm someone else's quota.
    let loser = people.iter().find(|p| p.1 != winner_code).unwrap();
    assert_eq!(
        t.call(Method::POST, "/v1/quotas/1/confirm", Some(&loser.0), None)
            .await
            .0,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_simulated_clock_runs_the_cycle_and_unconfirmed_quotas_are_forfeited() {
    let t = start().await;
    assert_eq!(approved_three(&t).await.len(), 3);
    operator_json(
        &t,
        Method::POST,
        "/v1/operator/periods",
        Some(json!({ "quota": 3 })),
    )
    .await;
    // 26 April 2026 09:00 Beijing: inside the data freeze (from the 25th, 20:00).
    let now = t.portal.state.clock.now();
    let in_freeze = chrono::DateTime::parse_from_rfc3339("2026-04-26T01:00:00Z")
        .unwrap()
        .to_utc();
    t.advance((in_freeze - now).num_seconds()).await;
    // Sessions last 12 hours: log in again after the long jump.
    let token_a = t.login(ID_A, MOBILE_A).await;
    let (status, e) = t
        .call(Method::GET, "/v1/me/results", Some(&token_a), None)
        .await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::SERVICE_UNAVAILABLE, Some("data_freeze"))
    );
    assert_eq!(e["until"], "2026-04-26T02:00:00Z");
    let (_, period) = t.call(Method::GET, "/v1/periods/202602", None, None).await;
    assert_eq!(
        period["status"], "frozen",
        "the cut-off passed, so the pool froze by itself"
    );
    // After 12:00 the draw ran with an OS seed and results are out: everybody won (Q = N).
    t.advance(4 * 3600).await;
    let token_b = t.login(ID_B, MOBILE_B).await;
    let (_, period) = t.call(Method::GET, "/v1/periods/202602", None, None).await;
    assert_eq!(period["status"], "published");
    assert_eq!(period["seed"].as_str().unwrap().len(), 6);
    let (_, quotas) = t
        .call(Method::GET, "/v1/me/quotas", Some(&token_b), None)
        .await;
    assert_eq!(quotas[0]["status"], "pending_confirmation");
    // 72 hours later the unconfirmed quota is forfeited.
    t.advance(72 * 3600 + 60).await;
    let token_b = t.login(ID_B, MOBILE_B).await;
    let (_, quotas) = t
        .call(Method::GET, "/v1/me/quotas", Some(&token_b), None)
        .await;
    assert_eq!(quotas[0]["status"], "forfeited");
    let id = quotas[0]["id"].as_i64().unwrap();
    assert_eq!(
        t.call(
            Method::POST,
            &format!("/v1/quotas/{id}/confirm"),
            Some(&token_b),
            None
        )
        .await
        .0,
        StatusCode::CONFLICT
    );
}

#[tokio::test]
async fn anonymous_query_needs_a_captcha_and_is_rate_limited() {
    let t = start().await;
    let people = approved_three(&t).await;
    assert_eq!(drawn_period(&t, 1, "123456").await, "202602");
    operator_json(
        &t,
        Method::POST,
        "/v1/operator/periods/202602/publish",
        None,
    )
    .await;
    let code = &people[0].1;
    let (status, captcha) = t.call(Method::POST, "/v1/captcha", None, None).await;
    assert_eq!(status, StatusCode::CREATED);
    let id = captcha["captcha_id"].as_str().unwrap().to_owned();
    let image = t
        .req(Method::GET, captcha["image_url"].as_str().unwrap(), None)
        .send()
        .await
        .unwrap();
    assert_eq!(image.headers()["content-type"], "image/png");
    let answer = t.portal.state.guard.answer(&id).unwrap();
    let wrong = if answer == "0000" { "1111" } else { "0000" };
    let query = |c: &str, a: &str| {
        format!("/v1/results/query?code={code}&captcha_id={c}&captcha_answer={a}")
    };
    let (status, e) = t.call(Method::GET, &query(&id, wrong), None, None).await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("captcha_invalid"))
    );
    // The captcha was spent by the wrong answer.
    assert_eq!(
        t.call(Method::GET, &query(&id, &answer), None, None)
            .await
            .1["code"],
        "captcha_invalid"
    );
    let (_, captcha) = t.call(Method::POST, "/v1/captcha", None, None).await;
    let id = captcha["captcha_id"].as_str().unwrap().to_owned();
    let answer = t.portal.state.guard.answer(&id).unwrap();
    let (status, found) = t.call(Method::GET, &query(&id, &answer), None, None).await;
    assert_eq!(status, StatusCode::OK, "{found}");
    assert_eq!(found[0]["code"], code.as_str());
    assert!(["won", "not_won"].contains(&found[0]["outcome"].as_str().unwrap()));
    // 20 queries a minute per client: the rest get 429 with retry_after.
    let mut limited = None;
    for _ in 0..25 {
        let (status, body) = t.call(Method::GET, &query("x", "0"), None, None).await;
        if status == StatusCode::TOO_MANY_REQUESTS {
            limited = Some(body);
            break;
        }
    }
    let limited = limited.expect("the limit applies");
    assert_eq!(limited["code"], "rate_limited");
    assert!(limited["retry_after"].as_u64().unwrap() >= 1);
}

#[tokio::test]
async fn announcements_calendar_and_policy_are_published() {
    let t = start().await;
    let (_, policy) = t.call(Method::GET, "/v1/policy", None, None).await;
    assert_eq!(policy["name"], "bimonthly-2014");
    let (status, _) = operator_json(
        &t,
        Method::POST,
        "/v1/operator/announcements",
        Some(
            json!({ "title_zh": "关于2026年摇号安排的通告", "title_en": "2026 draw schedule",
                     "body_zh": "……", "body_en": "…" }),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, list) = t.call(Method::GET, "/v1/announcements", None, None).await;
    assert_eq!(list[0]["title_zh"], "关于2026年摇号安排的通告");
    // JSON answers carry an ETag; the same ETag gets 304 until the list changes.
    let r = t
        .req(Method::GET, "/v1/announcements", None)
        .send()
        .await
        .unwrap();
    let etag = r.headers()["etag"].to_str().unwrap().to_owned();
    let r = get_if_none_match(&t, "/v1/announcements", &etag).await;
    assert_eq!(r.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(r.headers()["etag"], etag.as_str());
    assert!(r.bytes().await.unwrap().is_empty());
    operator_json(
        &t,
        Method::POST,
        "/v1/operator/announcements",
        Some(json!({ "title_zh": "补充通告", "title_en": "Addendum", "body_zh": "……", "body_en": "…" })),
    )
    .await;
    let r = get_if_none_match(&t, "/v1/announcements", &etag).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_ne!(r.headers()["etag"], etag.as_str());
    let list: Value = r.json().await.unwrap();
    assert_eq!(list.as_array().unwrap().len(), 2);
    // The operator announces that the April draw moves to 27 April 09:30; the calendar follows.
    let (status, _) = operator_json(
        &t,
        Method::POST,
        "/v1/operator/calendar",
        Some(
            json!({ "kind": "draw", "projected": "2026-04-26", "at": "2026-04-27T09:30:00+08:00" }),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let april = || {
        t.call(
            Method::GET,
            "/v1/calendar?from=2026-04-01&to=2026-04-30",
            None,
            None,
        )
    };
    let (_, events) = april().await;
    let draw = events
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "draw")
        .unwrap();
    assert_eq!(draw["date"], "2026-04-27");
    assert_eq!(draw["announced"], true);
    // A date the policy projects nothing on, or a move past the next draw, is refused and
    // changes nothing.
    for (body, field) in [
        (
            json!({ "kind": "draw", "projected": "2026-04-25", "at": "2026-04-27T09:30:00+08:00" }),
            "projected",
        ),
        (
            json!({ "kind": "draw", "projected": "2026-04-26", "at": "2026-09-27T09:30:00+08:00" }),
            "at",
        ),
        (
            json!({ "kind": "draw", "projected": "2026-04-26", "at": "+10000-04-27T09:30:00+08:00" }),
            "at",
        ),
    ] {
        let (status, e) =
            operator_json(&t, Method::POST, "/v1/operator/calendar", Some(body)).await;
        assert_eq!(
            (status, e["field"].as_str()),
            (StatusCode::BAD_REQUEST, Some(field)),
            "{e}"
        );
    }
    assert_eq!(april().await.1, events);
    let (status, _) = t
        .call(
            Method::GET,
            "/v1/calendar?from=2026-04-01&to=2020-01-01",
            None,
            None,
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // A period created now follows the announced date.
    let (_, period) = operator_json(
        &t,
        Method::POST,
        "/v1/operator/periods",
        Some(json!({ "quota": 5 })),
    )
    .await;
    assert_eq!(period["draw_at"], "2026-04-27T01:30:00Z");
}

/// Publication settles the period in one transaction and installs the files after it: files lost
/// in between (a crash) are rewritten, identical, when the portal starts again; a second
/// publication is refused and changes nothing.
#[tokio::test]
async fn published_files_survive_a_crash_between_settling_and_installing() {
    let t = start().await;
    approved_three(&t).await;
    assert_eq!(drawn_period(&t, 2, "390922").await, "202602");
    let (status, _) = operator_json(
        &t,
        Method::POST,
        "/v1/operator/periods/202602/publish",
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let fetch = |t: &TestPortal, name: &str| {
        t.req(Method::GET, &format!("/v1/results/202602/{name}"), None)
            .send()
    };
    let before = fetch(&t, "result.pdf")
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let text = fetch(&t, "result.txt").await.unwrap().text().await.unwrap();
    let (status, again) = operator_json(
        &t,
        Method::POST,
        "/v1/operator/periods/202602/publish",
        None,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{again}");

    let results = t.dir.path().join("data").join("results");
    std::fs::remove_dir_all(results.join("202602")).unwrap();
    let t = t.restart().await;
    assert_eq!(
        fetch(&t, "result.txt").await.unwrap().text().await.unwrap(),
        text
    );
    let after = fetch(&t, "result.pdf")
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let parse = |b: &[u8]| yaohao_core::results::parse_bytes(b).unwrap().rows;
    assert_eq!(parse(&after), parse(&before));
    // No staging directory is left behind.
    let leftovers: Vec<_> = std::fs::read_dir(&results)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// The draw count is derived, not rewritten at publication: after two draws the losers count two,
/// and the second pool was weighted from the first one's counts.
#[tokio::test]
async fn losers_carry_their_draw_count_over_two_periods() {
    let t = start().await;
    let people = approved_three(&t).await;
    let mut lost: Vec<i64> = people.iter().map(|p| p.2).collect();
    let mut winners = Vec::new();
    for (period, date) in [("202602", "2026-04-26"), ("202603", "2026-06-26")] {
        let (status, created) = operator_json(
            &t,
            Method::POST,
            "/v1/operator/periods",
            Some(json!({ "quota": 1, "draw_date": date })),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        assert_eq!(created["id"], period);
        for step in ["freeze", "draw", "publish"] {
            let (status, body) = operator_json(
                &t,
                Method::POST,
                &format!("/v1/operator/periods/{period}/{step}"),
                None,
            )
            .await;
            assert_eq!(status, StatusCode::OK, "{step}: {body}");
        }
        let (_, json_file) = t
            .call(
                Method::GET,
                &format!("/v1/results/{period}/result.json"),
                None,
                None,
            )
            .await;
        let winner = json_file["winners"][0]["code"].as_str().unwrap();
        let won = people.iter().find(|p| p.1 == winner).unwrap().2;
        lost.retain(|app| *app != won);
        winners.push(won);
    }
    assert_eq!(lost.len(), 1);
    for (token, _, app) in &people {
        let (_, view) = t
            .call(
                Method::GET,
                &format!("/v1/applications/{app}"),
                Some(token),
                None,
            )
            .await;
        // A winner counts the draws it lost before winning: none for the first, one for the second.
        let expected = match winners.iter().position(|w| w == app) {
            Some(index) => index as i64,
            None => 2,
        };
        assert_eq!(view["draw_count"], expected, "{view}");
    }
    let conn = rusqlite::Connection::open(t.db_path()).unwrap();
    let draws: i64 = conn
        .query_row(
            "SELECT draws FROM pool_entries WHERE period_id = '202603' AND application_id = ?1",
            [lost[0]],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(draws, 1, "weighted with one earlier draw");
}
