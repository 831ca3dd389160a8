//! Push over HTTP: devices, exactly one notification per application and period, the `dev`
//! provider's event stream, and retries when delivery fails.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

async fn outbox(t: &TestPortal) -> Value {
    read(
        t.operator(Method::GET, "/v1/operator/push-outbox")
            .send()
            .await
            .unwrap(),
    )
    .await
    .1
}

#[tokio::test]
async fn dev_stream_gets_exactly_one_notification() {
    let t = start().await;
    t.import_registry(&TestPortal::eligible_rows(ID_A)).await;
    let token = t.applicant(ID_A, "张三", MOBILE_A).await;
    let (status, devices) = t
        .call(
            Method::POST,
            "/v1/me/devices",
            Some(&token),
            Some(json!({ "provider": "dev", "token": "dev-a" })),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(devices[0]["provider"], "dev");
    let (status, _) = t
        .call(
            Method::POST,
            "/v1/me/devices",
            Some(&token),
            Some(json!({ "provider": "pager", "token": "x" })),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    t.one_participant_cycle(&token).await;
    let mut stream = t
        .req(Method::GET, "/v1/me/push/stream?device=dev-a", Some(&token))
        .send()
        .await
        .unwrap();
    assert_eq!(stream.headers()["content-type"], "text/event-stream");
    t.publish().await;
    let mut text = String::new();
    while !text.contains("\n\n") {
        let chunk = tokio::time::timeout(std::time::Duration::from_secs(10), stream.chunk())
            .await
            .expect("an event arrives")
            .unwrap()
            .unwrap();
        text.push_str(&String::from_utf8_lossy(&chunk));
    }
    assert!(text.contains("event: result"), "{text}");
    let data = text.lines().find_map(|l| l.strip_prefix("data: ")).unwrap();
    let notification: Value = serde_json::from_str(data).unwrap();
    assert_eq!(notification["won"], true);
    assert_eq!(notification["period"], "202602");
    // Ticking again sends nothing more: the outbox row is sent once.
    let r = t
        .operator(Method::POST, "/v1/operator/tick")
        .send()
        .await
        .unwrap();
    let (_, report) = read(r).await;
    assert_eq!(report["push"]["sent"], 0);
    let rows = outbox(&t).await;
    assert_eq!(rows.as_array().unwrap().len(), 1);
    assert_eq!(rows[0]["status"], "sent");
    assert_eq!(
        rows[0]["idempotency_key"],
        format!("result:202602:{}", notification["application_id"])
    );
}

#[tokio::test]
async fn failed_deliveries_are_retried_with_backoff() {
    let t = start().await;
    t.import_registry(&TestPortal::eligible_rows(ID_A)).await;
    let token = t.applicant(ID_A, "张三", MOBILE_A).await;
    // A dev device nobody listens to: delivery fails and is retried later.
    t.call(
        Method::POST,
        "/v1/me/devices",
        Some(&token),
        Some(json!({ "provider": "dev", "token": "dev-offline" })),
    )
    .await;
    t.one_participant_cycle(&token).await;
    t.publish().await;
    let rows = outbox(&t).await;
    assert_eq!(
        (rows[0]["status"].as_str(), rows[0]["attempts"].as_i64()),
        (Some("pending"), Some(1))
    );
    assert!(
        rows[0]["last_error"]
            .as_str()
            .unwrap()
            .contains("dev-offline")
    );
    // Not due yet: a tick right away does not try again.
    t.operator(Method::POST, "/v1/operator/tick")
        .send()
        .await
        .unwrap();
    assert_eq!(outbox(&t).await[0]["attempts"], 1);
    for _ in 0..6 {
        t.advance(3600).await;
    }
    let rows = outbox(&t).await;
    assert_eq!(
        (rows[0]["status"].as_str(), rows[0]["attempts"].as_i64()),
        (Some("failed"), Some(6))
    );
}
