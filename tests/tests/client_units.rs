//! A unit's (单位) account through the facade, against a real portal on loopback: registration
//! by its contact person, login by credit code, the unit kinds on the dashboard, and a password
//! reset by credit code; a credit code with a wrong check character is refused naming the field.

mod client_support;

use client_support::*;
use yaohao_core::client::ClientError;
use yaohao_core::facade::{AccountHolder, ApplicationKind, SmsPurpose, Yaohao};
use yaohao_core::validate::complete_credit_code;

const UNIT_NAME: &str = "北京测试科技有限公司";
const CONTACT_ID: &str = "110108198503150018";
const CONTACT_MOBILE: &str = "13900139000";
const UNIT_PASSWORD: &str = "Unit2026pass";

fn unit(credit_code: &str) -> AccountHolder {
    AccountHolder::Unit {
        credit_code: credit_code.to_owned(),
    }
}

/// Registers the test unit with `credit_code`, its contact person texted a register code.
async fn register_unit(
    portal: &TestPortal,
    app: &Yaohao,
    credit_code: &str,
) -> Result<yaohao_core::facade::Account, ClientError> {
    portal.advance(61).await;
    app.request_sms_code(SmsPurpose::Register, Some(CONTACT_MOBILE.into()), None)
        .await
        .unwrap();
    let sms_code = portal.last_code(CONTACT_MOBILE).await;
    app.register_unit(yaohao_core::api::UnitRegistration {
        credit_code: credit_code.to_owned(),
        unit_name: UNIT_NAME.into(),
        contact_resident_id: CONTACT_ID.into(),
        contact_name: "钱经办".into(),
        mobile: CONTACT_MOBILE.into(),
        password: UNIT_PASSWORD.into(),
        sms_code,
    })
    .await
}

/// Logs the unit in by credit code with `password` and a fresh login code.
async fn login_unit(
    portal: &TestPortal,
    app: &Yaohao,
    credit_code: &str,
    password: &str,
) -> Result<yaohao_core::facade::Account, ClientError> {
    portal.advance(61).await;
    app.request_sms_code(SmsPurpose::Login, None, Some(unit(credit_code)))
        .await
        .unwrap();
    let code = portal.last_code(CONTACT_MOBILE).await;
    app.login(unit(credit_code), password.into(), code).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_unit_registers_logs_in_by_credit_code_and_resets_its_password() {
    let portal = portal_with_policy("annual-2021").await;
    let phone = device(&portal.url());
    let app = &phone.app;
    let credit_code = complete_credit_code("91110108MA01D3M7").unwrap();

    let account = register_unit(&portal, app, &credit_code).await.unwrap();
    assert_eq!(
        account.unit.as_ref().map(|u| u.unit_name.as_str()),
        Some(UNIT_NAME)
    );

    let account = login_unit(&portal, app, &credit_code, UNIT_PASSWORD)
        .await
        .unwrap();
    assert_eq!(
        account.unit.as_ref().map(|u| u.credit_code.as_str()),
        Some(credit_code.as_str())
    );
    let dashboard = app.refresh().await.unwrap();
    assert!(
        dashboard
            .application_kinds
            .iter()
            .all(|k| matches!(k, ApplicationKind::UnitOrdinary | ApplicationKind::UnitNev)),
        "{:?}",
        dashboard.application_kinds
    );
    assert!(!dashboard.application_kinds.is_empty());

    // A reset by credit code, with the code sent to the contact's mobile, ends the session.
    portal.advance(61).await;
    app.request_sms_code(
        SmsPurpose::ResetPassword,
        Some(CONTACT_MOBILE.into()),
        Some(unit(&credit_code)),
    )
    .await
    .unwrap();
    let code = portal.last_code(CONTACT_MOBILE).await;
    app.reset_password(
        unit(&credit_code),
        CONTACT_MOBILE.into(),
        code,
        "Newunit2027pass".into(),
    )
    .await
    .unwrap();
    assert!(!app.is_logged_in().unwrap());
    assert!(
        login_unit(&portal, app, &credit_code, UNIT_PASSWORD)
            .await
            .is_err(),
        "the old password still works"
    );
    login_unit(&portal, app, &credit_code, "Newunit2027pass")
        .await
        .unwrap();
    assert!(app.is_logged_in().unwrap());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_credit_code_with_a_wrong_check_character_is_refused_naming_the_field() {
    let portal = portal_with_policy("annual-2021").await;
    let phone = device(&portal.url());
    let mut code = complete_credit_code("91110108MA01D3M7").unwrap();
    let last = code.pop().unwrap();
    code.push(if last == '0' { '1' } else { '0' });
    match register_unit(&portal, &phone.app, &code).await {
        Err(ClientError::Validation { field, .. }) => {
            assert_eq!(field.as_deref(), Some("credit_code"))
        }
        other => panic!("expected a refusal naming credit_code, got {other:?}"),
    }
}
