//! Faults injected between the facade and a real portal: delays past the timeout, 503s, dropped
//! connections, truncated bodies, answers lost after the portal acted. Idempotent calls are
//! retried (bounded); others never are; nothing is duplicated, lost or corrupted.

mod client_support;

use std::time::Duration;

use client_support::proxy::Fault;
use client_support::*;
use yaohao_core::client::ClientError;
use yaohao_core::facade::{ApplicationKind, ApplicationStatus, SmsPurpose};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idempotent_reads_ride_out_transient_faults_and_give_up_in_bounds() {
    let portal = portal().await;
    let (proxy, phone) = faulty_device(&portal).await;
    let app = &phone.app;
    approved_application(&portal, app).await;

    // A timeout, a 503, a dropped connection, a truncated body: the fifth attempt would be needed,
    // so with four attempts the read fails, retryably, and the cache is untouched.
    proxy.inject([
        Fault::Delay(Duration::from_secs(3)),
        Fault::Unavailable,
        Fault::Drop,
        Fault::Truncate,
    ]);
    let before = proxy.connections();
    match app.refresh_profile().await {
        Err(e @ ClientError::Network { .. }) => assert!(e.is_retryable()),
        other => panic!("{other:?}"),
    }
    assert_eq!(proxy.injected(), 4);
    assert_eq!(
        proxy.connections() - before,
        ATTEMPTS as usize,
        "bounded attempts"
    );
    assert_eq!(proxy.pending(), 0);
    assert_eq!(app.profile().unwrap().unwrap().resident_id, ID_A);

    // Three faults, then the portal: the read succeeds (the profile always comes with a body, so
    // the truncation bites).
    proxy.inject([Fault::Unavailable, Fault::Truncate, Fault::Drop]);
    assert_eq!(app.refresh_profile().await.unwrap().resident_id, ID_A);
    assert_eq!(proxy.pending(), 0);

    // A conditional read after a fault: the portal's 304 keeps the cached list.
    proxy.inject([Fault::Unavailable]);
    let apps = app.refresh_applications().await.unwrap();
    assert_eq!(apps.len(), 1);
    assert_eq!(apps[0].status, ApplicationStatus::Approved);
    assert_eq!(proxy.pending(), 0);
    assert_eq!(app.cache_integrity().unwrap(), "ok");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn non_idempotent_calls_are_never_retried() {
    let portal = portal().await;
    let (proxy, phone) = faulty_device(&portal).await;
    portal.advance(61).await;
    proxy.inject([Fault::Unavailable]);
    let before = proxy.connections();
    let sent = phone
        .app
        .request_sms_code(SmsPurpose::Login, None, Some(person(ID_A)))
        .await;
    assert!(
        matches!(sent, Err(ClientError::Server { status: 503, .. })),
        "{sent:?}"
    );
    assert_eq!(proxy.connections() - before, 1, "a POST is sent once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lost_answers_never_duplicate_a_draft_or_a_submission() {
    let portal = portal().await;
    let (proxy, phone) = faulty_device(&portal).await;
    let app = &phone.app;

    // The creation reaches the portal but its answer is lost: the draft stays local and dirty.
    let draft = app
        .create_draft(ApplicationKind::IndividualOrdinary)
        .unwrap();
    app.save_draft(draft.local_id.clone(), form()).unwrap();
    proxy.inject([Fault::LoseAnswer]);
    let report = app.sync().await.unwrap();
    assert_eq!(report.drafts_synced, 0);
    assert!(report.pending >= 1);
    let local = app.draft(draft.local_id.clone()).unwrap();
    assert_eq!(local.application_id, None);
    assert_eq!(local.revision, 2, "the draft is intact");

    // The next sync adopts the application the lost call created instead of creating another.
    let report = app.sync().await.unwrap();
    assert_eq!((report.drafts_synced, report.pending), (1, 0));
    let remote = app.refresh_applications().await.unwrap();
    assert_eq!(remote.len(), 1, "one application on the portal: {remote:?}");

    // Photos queued while the portal is unreachable are sent later, in order.
    for kind in [
        yaohao_core::documents::DocumentKind::IdCardFront,
        yaohao_core::documents::DocumentKind::IdCardBack,
        yaohao_core::documents::DocumentKind::DrivingLicence,
    ] {
        proxy.inject([Fault::Drop; ATTEMPTS as usize]);
        let d = app
            .add_document(draft.local_id.clone(), kind, photo(900, 700))
            .await
            .unwrap();
        assert!(d.pending_uploads.iter().any(|u| u.kind == kind));
    }
    let queued: Vec<_> = app.draft(draft.local_id.clone()).unwrap().pending_uploads;
    assert_eq!(queued.len(), 3);
    let report = app.sync().await.unwrap();
    assert_eq!((report.uploads_sent, report.pending), (3, 0));

    // The submission reaches the portal but its answer is lost: it is read back, not repeated.
    proxy.inject([Fault::LoseAnswer]);
    let submitted = app.submit(draft.local_id.clone()).await.unwrap();
    assert_eq!(submitted.status, ApplicationStatus::UnderReview);
    let remote = app.refresh_applications().await.unwrap();
    assert_eq!(remote.len(), 1);
    assert_eq!(remote[0].code, submitted.code);
    assert!(app.drafts().unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_truncated_result_file_never_reaches_the_cache() {
    let portal = portal().await;
    let (proxy, phone) = faulty_device(&portal).await;
    let app = &phone.app;
    approved_application(&portal, app).await;
    let period = portal.run_period(1, "123456").await;
    // The app knows the portal's policy from its launch refresh (else it asks first), and its
    // applications with their ETag.
    app.refresh().await.unwrap();

    // Every answer is cut short: the refresh of the applications (a 304 without a body, whole
    // even when cut) and every attempt at the result file.
    proxy.inject([Fault::Truncate; 1 + ATTEMPTS as usize]);
    assert!(matches!(
        app.check_results(period.clone()).await,
        Err(ClientError::Network { .. })
    ));
    assert!(app.dashboard().unwrap().latest_results.is_empty());

    assert_eq!(proxy.pending(), 0);
    proxy.inject([Fault::Truncate, Fault::Unavailable]);
    let notes = app.check_results(period.clone()).await.unwrap();
    assert_eq!(notes.len(), 1);
    assert!(notes[0].outcome.verified);
    assert!(app.check_results(period).await.unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_data_freeze_is_reported_with_its_end_and_not_retried() {
    let portal = portal().await;
    let (proxy, phone) = faulty_device(&portal).await;
    approved_application(&portal, &phone.app).await;
    portal.create_period(1).await;
    // 26 April 2026 09:00 Beijing: inside the freeze (25th 20:00 – 26th 10:00).
    let in_freeze = chrono::DateTime::parse_from_rfc3339("2026-04-26T01:00:00Z")
        .unwrap()
        .to_utc();
    let now = portal.portal.state.clock.now();
    portal.advance((in_freeze - now).num_seconds()).await;
    phone.clock.set(in_freeze);
    login(&portal, &phone.app).await;
    let before = proxy.connections();
    match phone.app.my_results().await {
        Err(ClientError::DataFreeze { until, message }) => {
            assert_eq!(until.unwrap().to_rfc3339(), "2026-04-26T02:00:00+00:00");
            assert!(!message.zh.is_empty());
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        proxy.connections() - before,
        1,
        "a freeze is not a fault to retry"
    );
    // The cache still answers.
    assert_eq!(phone.app.dashboard().unwrap().applications.len(), 1);
}
