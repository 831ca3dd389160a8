//! Result alerts against a real portal: the published list is fetched once, parsed and verified by
//! the core, matched against the account's codes, and each outcome is notified exactly once —
//! across repeated and concurrent calls and a restart.

mod client_support;

use client_support::*;
use yaohao_core::client::ClientError;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_result_is_notified_exactly_once() {
    let portal = portal().await;
    let phone = device(&portal.url());
    register(&portal, &phone.app).await;
    login(&portal, &phone.app).await;
    let code = approved_application(&portal, &phone.app).await;

    // Before publication there is nothing to announce.
    assert!(
        phone
            .app
            .check_results("202604".into())
            .await
            .unwrap()
            .is_empty()
    );

    let period = portal.run_period(1, "026498").await;
    assert_eq!(period, "202604");

    // Concurrent checks (a push and a background task at once) give one notification in all.
    let (a, b, c) = tokio::join!(
        phone.app.check_results(period.clone()),
        phone.app.check_results(period.clone()),
        phone.app.check_published_results(),
    );
    let all: Vec<_> = [a.unwrap(), b.unwrap(), c.unwrap()].concat();
    assert_eq!(all.len(), 1, "{all:?}");
    let n = &all[0];
    assert_eq!(n.outcome.code, code);
    assert!(n.outcome.won, "a single applicant with one quota wins");
    assert!(n.outcome.verified, "the list verifies");
    assert_eq!(n.id, format!("result:{period}:{code}"));
    assert!(n.body.zh.contains(&code) && n.body.zh.contains("72 小时"));

    // Again, and after a restart on the same data: nothing new.
    assert!(
        phone
            .app
            .check_results(period.clone())
            .await
            .unwrap()
            .is_empty()
    );
    let Device { dir, .. } = phone;
    let reopened = device_in(&portal.url(), dir);
    assert!(
        reopened
            .app
            .check_results(period.clone())
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        reopened
            .app
            .check_published_results()
            .await
            .unwrap()
            .is_empty()
    );

    // The dashboard shows the result from the cache, and the won quota drives reminders.
    let dashboard = reopened.app.dashboard().unwrap();
    assert_eq!(dashboard.latest_results.len(), 1);
    assert!(dashboard.latest_results[0].won);
    assert!(
        dashboard
            .reminders
            .iter()
            .any(|r| r.id.contains("confirm") || r.id.contains("quota")),
        "{:?}",
        dashboard
            .reminders
            .iter()
            .map(|r| &r.id)
            .collect::<Vec<_>>()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_data_freeze_is_reported_with_its_end() {
    let portal = portal().await;
    let phone = device(&portal.url());
    register(&portal, &phone.app).await;
    login(&portal, &phone.app).await;
    approved_application(&portal, &phone.app).await;
    portal
        .operator
        .post(format!("{}/v1/operator/periods", portal.url()))
        .header("x-operator-token", OPERATOR)
        .json(&serde_json::json!({ "quota": 1 }))
        .send()
        .await
        .unwrap();
    // 26 April 2026 09:00 Beijing: inside the freeze (25th 20:00 – 26th 10:00).
    let in_freeze = chrono::DateTime::parse_from_rfc3339("2026-04-26T01:00:00Z")
        .unwrap()
        .to_utc();
    let now = portal.portal.state.clock.now();
    portal.advance((in_freeze - now).num_seconds()).await;
    phone.clock.set(in_freeze);
    login(&portal, &phone.app).await;
    match phone.app.my_results().await {
        Err(ClientError::DataFreeze { until, message }) => {
            assert_eq!(until.unwrap().to_rfc3339(), "2026-04-26T02:00:00+00:00");
            assert!(!message.zh.is_empty());
        }
        other => panic!("{other:?}"),
    }
    // The cache still answers.
    assert_eq!(phone.app.dashboard().unwrap().applications.len(), 1);
}
