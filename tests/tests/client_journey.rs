//! The applicant's journey through the facade against a real portal on loopback: register, log
//! in, draft (saved locally), photos (prepared and queued), preview, submit, review, refresh,
//! dashboard, sessions on two devices, logout — and no token in the cache.

mod client_support;

use client_support::*;
use yaohao_core::actions::ActionKind;
use yaohao_core::client::ClientError;
use yaohao_core::documents::DocumentKind;
use yaohao_core::facade::{
    ApplicationForm, ApplicationKind, ApplicationStatus, MaritalStatus, SESSION_KEY, SmsPurpose,
};
use yaohao_core::secrets::SecretStore;

/// Every log line written while the tests of this binary run.
static LINES: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

struct Capture;

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata<'_>) -> bool {
        true
    }
    fn log(&self, record: &log::Record<'_>) {
        LINES.lock().unwrap().push(record.args().to_string());
    }
    fn flush(&self) {}
}

fn capture_logs() {
    static LOGGER: Capture = Capture;
    if log::set_logger(&LOGGER).is_ok() {
        log::set_max_level(log::LevelFilter::Trace);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn applicant_journey_from_registration_to_approval() {
    capture_logs();
    let portal = portal().await;
    let phone = device(&portal.url());
    let app = &phone.app;

    // Nothing cached yet, and nothing needs the network to be drawn.
    let empty = app.dashboard().unwrap();
    assert!(empty.account.is_none() && empty.applications.is_empty());
    assert!(
        !empty.next_events.is_empty(),
        "the policy calendar is local"
    );

    register(&portal, app).await;
    login(&portal, app).await;
    let token = phone.secrets.get(SESSION_KEY.into()).unwrap().unwrap();
    assert_eq!(app.profile().unwrap().unwrap().name, NAME_A);

    // A draft is saved locally at every change, before any network call.
    let draft = app
        .create_draft(ApplicationKind::IndividualOrdinary)
        .unwrap();
    let saved = app
        .save_draft(
            draft.local_id.clone(),
            ApplicationForm {
                address: Some("北京".into()),
                ..ApplicationForm::default()
            },
        )
        .unwrap();
    assert_eq!(saved.revision, 2);
    assert!(!saved.synced);
    let preview = app.preview(draft.local_id.clone()).unwrap();
    assert!(!preview.ready);
    assert!(
        preview
            .checks
            .iter()
            .any(|c| c.field == "address" && !c.valid)
    );
    assert_eq!(preview.missing_documents.len(), 3);

    let saved = app.save_draft(draft.local_id.clone(), form()).unwrap();
    assert_eq!(saved.revision, 3);

    // Photos are prepared by the core and sent in order.
    for kind in [
        DocumentKind::IdCardFront,
        DocumentKind::IdCardBack,
        DocumentKind::DrivingLicence,
    ] {
        let d = app
            .add_document(draft.local_id.clone(), kind, photo(1200, 800))
            .await
            .unwrap();
        assert!(d.pending_uploads.is_empty(), "sent at once when online");
    }
    let unsupported = app
        .add_document(
            draft.local_id.clone(),
            DocumentKind::TaxProof,
            photo(1200, 800),
        )
        .await;
    assert!(matches!(unsupported, Err(ClientError::Validation { .. })));

    let preview = app.preview(draft.local_id.clone()).unwrap();
    assert!(preview.ready, "{preview:?}");

    let submitted = app.submit(draft.local_id.clone()).await.unwrap();
    assert_eq!(submitted.status, ApplicationStatus::UnderReview);
    let code = submitted.code.clone().unwrap();
    assert_eq!(code.len(), 13);
    assert!(
        app.drafts().unwrap().is_empty(),
        "a submitted draft is gone"
    );
    assert!(matches!(
        app.submit(draft.local_id.clone()).await,
        Err(ClientError::NotFound { .. })
    ));

    // Review on the portal; a refresh brings the status and its history.
    portal.make_eligible(ID_A).await;
    portal.review().await;
    let dashboard = app.refresh().await.unwrap();
    assert_eq!(dashboard.applications.len(), 1);
    assert_eq!(
        dashboard.applications[0].application.status,
        ApplicationStatus::Approved
    );
    assert!(dashboard.refreshed_at.is_some());
    // The card says what may be done now: in the pool, 继续参与 (in its month) and withdrawing.
    let card = &dashboard.applications[0];
    assert_eq!(card.status_label.zh, "审核通过");
    let kinds: Vec<ActionKind> = card.actions.iter().map(|a| a.kind).collect();
    assert_eq!(kinds, [ActionKind::Continue, ActionKind::Withdraw]);
    let continuing = &card.actions[0];
    assert!(continuing.allowed || continuing.reason.is_some());
    assert_eq!(card.next_weight, Some(1), "no unsuccessful draw yet");
    // The account card masks the numbers and offers a marital-status change.
    let account = dashboard.account.as_ref().unwrap();
    assert_eq!(account.resident_id_masked, "110105********1232");
    assert_eq!(account.mobile_masked.matches('*').count(), 4);
    assert!(!account.mobile_masked.contains(&MOBILE_A[3..7]));
    assert_eq!(account.actions[0].kind, ActionKind::ChangeMaritalStatus);
    assert!(account.actions[0].allowed);
    // In the pool, the draw-day check plan has the next look for results.
    let checks = app.draw_day_checks().unwrap();
    assert!(!checks.is_empty());
    assert_eq!(dashboard.next_check.as_ref(), checks.first());
    let detail = app.application(submitted.id).unwrap();
    let statuses: Vec<_> = detail.history.iter().map(|h| h.status.clone()).collect();
    assert_eq!(
        statuses,
        [
            ApplicationStatus::Draft,
            ApplicationStatus::UnderReview,
            ApplicationStatus::Approved
        ]
    );
    assert_eq!(detail.documents.len(), 3);
    assert!(
        detail.documents.iter().all(|d| d.local_path.is_some()),
        "local copies are remembered"
    );
    assert!(
        dashboard
            .reminders
            .iter()
            .any(|r| r.deep_link.contains(&code)
                || r.id.starts_with("cutoff")
                || r.id.starts_with("draw")),
        "{:?}",
        dashboard.reminders
    );
    let plan = app.reminder_plan().unwrap();
    assert!(!plan.schedule.is_empty() && plan.cancel.is_empty());
    assert_eq!(
        app.reminder_plan().unwrap(),
        plan,
        "stable ids: nothing to cancel"
    );
    assert!(matches!(
        app.application(999_999),
        Err(ClientError::NotFound { .. })
    ));

    // A marital-status change: the certificate photo is prepared and sent; its review is awaited
    // and reminded of.
    assert_eq!(app.refresh_marital_change().await.unwrap(), None);
    let change = app
        .request_marital_change(MaritalStatus::Married, photo(1200, 900))
        .await
        .unwrap();
    assert_eq!(
        (change.requested_status, change.status.as_str()),
        (MaritalStatus::Married, "pending")
    );
    assert_eq!(app.marital_change().unwrap(), Some(change));
    let account = app.dashboard().unwrap().account.unwrap();
    assert!(!account.actions[0].allowed);
    assert_eq!(
        account.actions[0].reason.as_ref().unwrap().code,
        "marital_change_pending"
    );
    let ids: Vec<String> = app.reminders().unwrap().into_iter().map(|r| r.id).collect();
    assert!(
        ids.iter().any(|id| id.starts_with("marital-review")),
        "{ids:?} {:?}",
        app.marital_change()
    );

    // The token lives only in the secret store.
    let cache = cache_bytes(phone.dir.path());
    assert!(!cache.is_empty());
    assert!(
        !cache.windows(token.len()).any(|w| w == token.as_bytes()),
        "the session token must not be in SQLite"
    );

    // A second device logging in ends the first one's session.
    let tablet = device(&portal.url());
    login(&portal, &tablet.app).await;
    match app.refresh_profile().await {
        Err(ClientError::LoggedInElsewhere { message }) => assert!(message.zh.contains("其他设备")),
        other => panic!("{other:?}"),
    }
    assert!(!app.is_logged_in().unwrap(), "a dead session is forgotten");
    assert!(matches!(
        app.refresh_applications().await,
        Err(ClientError::AuthRequired { .. })
    ));
    // The cache still draws the screen offline.
    assert_eq!(app.dashboard().unwrap().applications.len(), 1);

    // The log speaks of the login and every call, with IDs and phone numbers masked.
    let lines = LINES.lock().unwrap().clone();
    assert!(
        lines
            .iter()
            .any(|l| l.contains("logged in as 110105********1232")),
        "{lines:?}"
    );
    assert!(lines.iter().any(|l| l.contains("/v1/applications")));
    assert!(
        lines
            .iter()
            .all(|l| !l.contains(ID_A) && !l.contains(MOBILE_A))
    );

    tablet.app.logout().await.unwrap();
    assert!(!tablet.app.is_logged_in().unwrap());
    assert!(tablet.app.dashboard().unwrap().account.is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_carry_what_the_app_needs() {
    let portal = portal().await;
    let phone = device(&portal.url());
    let app = &phone.app;
    register(&portal, app).await;

    // Wrong password: a validation error on the password field.
    portal.advance(61).await;
    app.request_sms_code(SmsPurpose::Login, None, Some(person(ID_A)))
        .await
        .unwrap();
    let code = portal.last_code(MOBILE_A).await;
    match app.login(person(ID_A), "Wrong12345".into(), code).await {
        Err(ClientError::Validation { field, .. }) => {
            assert_eq!(field.as_deref(), Some("password"))
        }
        other => panic!("{other:?}"),
    }
    // An invalid field names the field, in both languages.
    match app
        .request_sms_code(SmsPurpose::Register, Some("12345".into()), None)
        .await
    {
        Err(ClientError::Validation { field, message, .. }) => {
            assert_eq!(field.as_deref(), Some("mobile"));
            assert!(!message.zh.is_empty() && !message.en.is_empty());
        }
        other => panic!("{other:?}"),
    }
    // Calls needing a session say so without a network round trip.
    assert!(matches!(
        app.refresh_profile().await,
        Err(ClientError::AuthRequired { .. })
    ));
    // Nobody listening: a retryable network error.
    let offline = device("http://127.0.0.1:9");
    match offline.app.refresh().await {
        Err(e @ ClientError::Network { .. }) => assert!(e.is_retryable()),
        other => panic!("{other:?}"),
    }
}
