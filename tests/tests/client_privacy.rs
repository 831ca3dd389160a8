//! Withdrawal, the data export and account deletion through the facade against a real portal:
//! the core offers each action (or refuses it with its reason), the portal does it, and the
//! device forgets what it must.

mod client_support;

use client_support::*;
use yaohao_core::actions::{self, ActionKind};
use yaohao_core::client::ClientError;
use yaohao_core::facade::{ApplicationKind, ApplicationStatus};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_approved_application_is_withdrawn_and_keeps_its_code() {
    let portal = portal().await;
    let device = device(&portal.url());
    let app = &device.app;
    register(&portal, app).await;
    login(&portal, app).await;
    let code = approved_application(&portal, app).await;
    let home = app.refresh().await.unwrap();
    let card = &home.applications[0];
    let withdraw = actions::find(&card.actions, ActionKind::Withdraw).unwrap();
    assert!(withdraw.allowed, "{withdraw:?}");
    let done = app.withdraw_application(card.application.id).await.unwrap();
    assert_eq!(done.status, ApplicationStatus::Withdrawn);
    assert_eq!(done.code.as_deref(), Some(code.as_str()));
    let cached = app.dashboard().unwrap();
    assert_eq!(cached.applications[0].status_label.zh, "已撤回");
    assert!(cached.applications[0].actions.is_empty());
    let again = app.withdraw_application(card.application.id).await;
    assert!(
        matches!(again, Err(ClientError::Validation { ref code, .. }) if code == "invalid_state"),
        "{again:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_export_is_unmasked_and_deletion_leaves_nothing_on_the_device() {
    let portal = portal().await;
    let device = device(&portal.url());
    let app = &device.app;
    register(&portal, app).await;
    login(&portal, app).await;
    approved_application(&portal, app).await;
    app.create_draft(ApplicationKind::IndividualNev).unwrap();
    let export = app.export_data().await.unwrap();
    assert_eq!(export.account.resident_id, ID_A);
    assert_eq!(export.account.mobile, MOBILE_A);
    assert_eq!(export.applications.len(), 1);
    assert_eq!(export.applications[0].documents.len(), 3);
    assert_eq!(
        export.applications[0].application.form.address.as_deref(),
        Some(ADDRESS)
    );
    // An empty password is refused before any request; a wrong one by the portal.
    for (password, code) in [("", "password_required"), ("Wrong9876", "invalid_input")] {
        let refused = app.delete_account(password.into()).await;
        assert!(
            matches!(refused, Err(ClientError::Validation { code: ref c, ref field, .. })
                if c == code && field.as_deref() == Some("password")),
            "{refused:?}"
        );
    }
    assert!(app.is_logged_in().unwrap());
    app.delete_account(PASSWORD.into()).await.unwrap();
    assert!(!app.is_logged_in().unwrap());
    let left = app.dashboard().unwrap();
    assert!(left.account.is_none());
    assert!(left.applications.is_empty() && left.drafts.is_empty());
    assert!(left.reminders.is_empty());
    // The ID number registers again, as a new account with nothing in it.
    register(&portal, app).await;
    login(&portal, app).await;
    assert!(app.refresh().await.unwrap().applications.is_empty());
}
