//! Result alerts against a real portal: the published list is fetched once, parsed and verified by
//! the core, matched against the account's codes, and each outcome is notified exactly once —
//! across repeated and concurrent calls and a restart.

mod client_support;

use client_support::*;

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
            .check_results("202602".into())
            .await
            .unwrap()
            .is_empty()
    );

    let period = portal.run_period(1, "026498").await;
    assert_eq!(period, "202602");

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

    let periods = phone.app.periods().unwrap();
    assert_eq!(periods[0].id, period);
    assert_eq!(periods[0].status, "published");

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
