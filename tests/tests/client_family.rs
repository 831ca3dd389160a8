//! Families in the ordinary lottery through the facade, against real portals on loopback: under
//! `annual-2021` the menu offers the kind, a family application is drafted, documented,
//! submitted and approved, the split period is drawn and published, and the result card names
//! the family list and its verification; under `bimonthly-2014` the kind is refused before a
//! draft exists.

mod client_support;

use client_support::*;
use yaohao_core::client::ClientError;
use yaohao_core::documents::DocumentKind;
use yaohao_core::draw::Verdict;
use yaohao_core::facade::{ApplicationKind, ApplicationStatus, Dashboard, FamilyForm, MemberForm};
use yaohao_core::points::Relation;

const SPOUSE_ID: &str = "110102198506154569";

/// A portal running `policy`, and a phone signed in to it with a refreshed dashboard.
async fn signed_in(policy: &str) -> (TestPortal, Device, Dashboard) {
    let portal = portal_with_policy(policy).await;
    let phone = device(&portal.url());
    register(&portal, &phone.app).await;
    login(&portal, &phone.app).await;
    let dashboard = phone.app.refresh().await.unwrap();
    (portal, phone, dashboard)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_family_applies_draws_in_its_own_pool_and_reads_its_result() {
    let (portal, phone, dashboard) = signed_in("annual-2021").await;
    let app = &phone.app;
    assert!(
        dashboard
            .application_kinds
            .contains(&ApplicationKind::FamilyOrdinary),
        "{:?}",
        dashboard.application_kinds
    );

    let draft = app.create_draft(ApplicationKind::FamilyOrdinary).unwrap();
    // The draft of a family kind has its family section from the start: the screens show it
    // because the form has one, not because they know the kinds.
    assert_eq!(draft.form.family, Some(FamilyForm::default()));
    let mut family_form = form();
    family_form.family = Some(FamilyForm {
        generations: None,
        main_ladder_steps: 5,
        main_nev_queue_full_years: 0,
        members: vec![MemberForm {
            relation: Relation::Spouse,
            resident_id: SPOUSE_ID.into(),
            name: "李四".into(),
            ladder_steps: 0,
            nev_queue_full_years: 0,
        }],
    });
    app.save_draft(draft.local_id.clone(), family_form).unwrap();
    // Domain example 3: ((7 + 1) × 2) × 1 = 16 points, so 16 positions.
    let preview = app.preview(draft.local_id.clone()).unwrap();
    assert_eq!(preview.points.as_ref().map(|p| p.total), Some(16));
    assert!(
        preview
            .required_documents
            .contains(&DocumentKind::FamilyRelationProof)
    );
    assert_eq!(preview.missing_documents, preview.required_documents);
    add_documents(app, &draft.local_id, &preview.required_documents).await;
    let submitted = app.submit(draft.local_id).await.unwrap();
    let code = submitted.code.unwrap();
    portal.make_eligible(ID_A).await;
    portal.review().await;
    let approved = app.refresh_applications().await.unwrap();
    assert_eq!(approved[0].status, ApplicationStatus::Approved);

    // Quota 5: 3 for the family pool (60 %), 2 for the individuals (none apply here).
    let individual = portal.create_period(5).await;
    let family = format!("{individual}-family_ordinary");
    portal.run_created(&family, "530670").await;
    let notes = app.check_published_results().await.unwrap();
    let note = notes
        .iter()
        .find(|n| n.outcome.period == family)
        .unwrap_or_else(|| panic!("{notes:?}"));
    assert!(note.outcome.won && note.outcome.code == code);
    assert!(
        note.body
            .zh
            .contains(&format!("第 {individual} 期家庭普通指标")),
        "{}",
        note.body.zh
    );
    let card = app
        .dashboard()
        .unwrap()
        .latest_results
        .into_iter()
        .find(|c| c.outcome.period == family)
        .unwrap();
    assert!(card.won.is_some());
    assert!(
        card.meaning.zh.contains("家庭普通指标"),
        "{}",
        card.meaning.zh
    );
    // One family (16 positions) for 3 quotas: undersubscribed, so the list states its one
    // applicant, as the official undersubscribed lists do, allocates it, and verifies.
    let report = card.verification.unwrap();
    assert_eq!((report.pool_size, report.quota, report.rows), (1, 3, 1));
    assert_eq!(report.verdict, Verdict::Verified);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_regime_without_family_draws_refuses_the_kind_before_a_draft_exists() {
    let (_portal, phone, dashboard) = signed_in("bimonthly-2014").await;
    let app = &phone.app;
    // No family kind at all before 2021: neither the ordinary nor the NEV one.
    assert!(!dashboard.application_kinds.iter().any(|k| k.is_family()));
    assert!(
        dashboard
            .application_kinds
            .contains(&ApplicationKind::IndividualOrdinary)
    );
    let drafts = app.drafts().unwrap().len();
    match app.create_draft(ApplicationKind::FamilyOrdinary) {
        Err(ClientError::Validation { field, message, .. }) => {
            assert_eq!(field.as_deref(), Some("kind"));
            assert!(message.zh.contains("没有家庭申请"), "{}", message.zh);
        }
        other => panic!("{other:?}"),
    }
    // A person's account is not offered the unit kinds, and cannot draft one.
    assert!(!dashboard.application_kinds.iter().any(|k| k.is_unit()));
    match app.create_draft(ApplicationKind::UnitOrdinary) {
        Err(ClientError::Validation { code, field, .. }) => {
            assert_eq!(
                (code.as_str(), field.as_deref()),
                ("unit_kind_for_person", Some("kind"))
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(app.drafts().unwrap().len(), drafts);
}
