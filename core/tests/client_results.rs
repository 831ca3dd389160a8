//! Result alerts against a real portal: the published list is fetched once, parsed and verified by
//! the core, matched against the account's codes, and each outcome is notified exactly once —
//! across repeated and concurrent calls and a restart.

mod client_support;

use client_support::*;
use yaohao_core::actions::ActionKind;

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
    let card = &dashboard.latest_results[0];
    assert!(card.outcome.won && card.not_won.is_none());
    // Before the quota is listed, its validity comes from the policy (12 months from the draw).
    let won = card.won.as_ref().unwrap();
    assert!(won.quota.is_none() && won.actions.is_empty());
    let estimated = won.valid_until.unwrap();
    assert!(card.meaning.zh.contains(&code) && card.meaning.zh.contains("北京时间"));

    // Once listed, the card carries the certificate and the confirm action with its deadline.
    login(&portal, &reopened.app).await;
    let quotas = reopened.app.quotas().await.unwrap();
    assert!((estimated - quotas[0].expires_at).num_days().abs() <= 1);
    assert_eq!(quotas.len(), 1);
    let card = reopened.app.dashboard().unwrap().latest_results.remove(0);
    let won = card.won.unwrap();
    assert_eq!(won.quota.as_ref(), Some(&quotas[0]));
    assert_eq!(won.confirm_by, Some(quotas[0].confirm_by));
    assert_eq!(won.valid_until, Some(quotas[0].expires_at));
    assert!(card.meaning.zh.contains(&quotas[0].certificate));
    assert_eq!(won.actions.len(), 1);
    let confirm = &won.actions[0];
    assert_eq!(confirm.kind, ActionKind::Confirm);
    assert!(confirm.allowed);
    assert_eq!(confirm.deadline.as_ref().unwrap().at, quotas[0].confirm_by);
    assert!(won.countdown.as_ref().unwrap().seconds > 0);
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

    // Confirmed, nothing is left to do on it, and the reminder to confirm is gone.
    reopened.app.confirm_quota(quotas[0].id).await.unwrap();
    let dashboard = reopened.app.dashboard().unwrap();
    assert!(
        dashboard.latest_results[0]
            .won
            .as_ref()
            .unwrap()
            .actions
            .is_empty()
    );
    assert!(
        !dashboard.reminders.iter().any(|r| r.id.contains("confirm")),
        "{:?}",
        dashboard
            .reminders
            .iter()
            .map(|r| &r.id)
            .collect::<Vec<_>>()
    );
}
