//! An address change through the facade against a real portal: the core checks the address and
//! offers the change only once an application is approved; the portal reviews it; the account
//! card shows its state and the approved form takes the address.

mod client_support;

use client_support::*;
use yaohao_core::actions::{self, ActionKind};
use yaohao_core::client::ClientError;
use yaohao_core::facade::MaritalChangeStatus;

const NEW_ADDRESS: &str = "北京市西城区金融大街7号英蓝国际中心1201";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_address_change_is_checked_reviewed_and_shown_on_the_account_card() {
    let portal = portal().await;
    let device = device(&portal.url());
    let app = &device.app;
    register(&portal, app).await;
    login(&portal, app).await;

    // Before an application is approved, the core refuses and says to edit the form.
    let home = app.refresh().await.unwrap();
    let early = actions::find(&home.account.unwrap().actions, ActionKind::ChangeAddress)
        .unwrap()
        .clone();
    assert!(!early.allowed);
    assert_eq!(early.reason.unwrap().code, "no_approved_application");

    approved_application(&portal, app).await;
    let home = app.refresh().await.unwrap();
    let card = home.account.unwrap();
    assert!(
        actions::find(&card.actions, ActionKind::ChangeAddress)
            .unwrap()
            .allowed
    );
    assert_eq!(card.address_change, None);

    // The core's address check answers before anything is sent.
    match app
        .request_address_change("北京西城区金融大街7号".into(), photo(1200, 900))
        .await
    {
        Err(ClientError::Validation {
            field,
            code,
            message,
        }) => {
            assert_eq!(field.as_deref(), Some("address"));
            assert_eq!(code, "address_city");
            assert!(message.zh.contains("北京市"), "{message:?}");
        }
        other => panic!("{other:?}"),
    }

    let change = app
        .request_address_change(format!("  {NEW_ADDRESS} "), photo(1200, 900))
        .await
        .unwrap();
    assert_eq!(change.requested_address, NEW_ADDRESS, "trimmed");
    assert_eq!(change.status, MaritalChangeStatus::Pending);
    let card = app.dashboard().unwrap().account.unwrap();
    assert_eq!(card.address_change.as_ref(), Some(&change));
    let pending = actions::find(&card.actions, ActionKind::ChangeAddress).unwrap();
    assert!(!pending.allowed);
    assert_eq!(
        pending.reason.as_ref().unwrap().code,
        "address_change_pending"
    );

    portal.approve_change("address", change.id).await;
    let home = app.refresh().await.unwrap();
    let card = home.account.unwrap();
    assert_eq!(
        card.address_change.map(|c| c.status),
        Some(MaritalChangeStatus::Approved)
    );
    assert!(
        actions::find(&card.actions, ActionKind::ChangeAddress)
            .unwrap()
            .allowed
    );
    assert_eq!(
        home.applications[0].application.form.address.as_deref(),
        Some(NEW_ADDRESS)
    );
}
