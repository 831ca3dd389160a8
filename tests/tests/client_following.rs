//! Following application codes without an account: a code typed as the user likes, matched in
//! the portal's published list and in an official result file the user imports, announced once
//! per code and period; the draw-day checks run for a follower with no account.

mod client_support;

use client_support::*;
use yaohao_core::client::ClientError;

/// A code as a user might type it: grouped with spaces, in full-width digits.
fn typed(code: &str) -> String {
    let wide: String = code
        .chars()
        .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap())
        .collect();
    format!("{} {} {}", &wide[..12], &wide[12..24], &wide[24..])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_followed_code_is_announced_once_with_no_account() {
    let portal = portal().await;
    let applicant = device(&portal.url());
    register(&portal, &applicant.app).await;
    login(&portal, &applicant.app).await;
    let code = approved_application(&portal, &applicant.app).await;

    let follower = device(&portal.url());
    let app = &follower.app;
    assert!(!app.is_logged_in().unwrap());
    assert!(
        app.draw_day_checks().unwrap().is_empty(),
        "nothing followed"
    );
    // One bad code among good ones: nothing is followed, and the error names it.
    let refused = app.follow_codes(vec![typed(&code), "123".into()]);
    assert!(
        matches!(&refused, Err(ClientError::Validation { field, message, .. })
            if field.as_deref() == Some("code") && message.zh.contains("123")),
        "{refused:?}"
    );
    assert!(app.followed_codes().unwrap().is_empty());
    assert_eq!(
        app.follow_codes(vec![typed(&code)]).unwrap(),
        vec![code.clone()]
    );
    assert!(
        !app.draw_day_checks().unwrap().is_empty(),
        "a follower is planned checks"
    );

    let period = portal.run_period(1, "026498").await;
    let found = app.check_published_results().await.unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].outcome.code, code);
    assert_eq!(found[0].outcome.period, period);
    assert!(found[0].outcome.won && found[0].outcome.verified);
    assert!(app.check_published_results().await.unwrap().is_empty());
    // Following another code reads the list again; the first is not announced twice.
    app.follow_codes(vec!["1234567890123".into()]).unwrap();
    let again = app.check_published_results().await.unwrap();
    assert!(again.iter().all(|n| n.outcome.code != code), "{again:?}");
    assert_eq!(
        app.unfollow_code("1234 5678 90123".into()).unwrap(),
        vec![code]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_imported_official_file_announces_a_followed_code_once() {
    let pdf = std::fs::read(format!(
        "{}/fixtures/official/bj-201506-person-ordinary.pdf",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let file = yaohao_core::results::parse_bytes(&pdf).unwrap();
    let winner = file.rows[1].code.to_string();
    // No portal: nothing listens on port 9.
    let device = device("http://127.0.0.1:9");
    let app = &device.app;
    app.follow_codes(vec![typed(&winner), "1234567890123".into()])
        .unwrap();
    let found = app.import_result_file(pdf.clone()).await.unwrap();
    assert_eq!(found.len(), 2, "{found:?}");
    let won = found.iter().find(|n| n.outcome.code == winner).unwrap();
    assert!(won.outcome.won && won.outcome.verified, "{won:?}");
    assert_eq!(won.outcome.row, Some(2));
    assert_eq!(won.outcome.period, file.header.period);
    let other = found.iter().find(|n| n.outcome.code != winner).unwrap();
    assert!(!other.outcome.won);
    assert!(app.import_result_file(pdf).await.unwrap().is_empty());
    let garbage = app.import_result_file(b"not a result file".to_vec()).await;
    assert!(
        matches!(garbage, Err(ClientError::Other { .. })),
        "{garbage:?}"
    );
}
