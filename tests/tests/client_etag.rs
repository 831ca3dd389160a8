//! Conditional requests: a list fetched with an ETag is asked for again with `If-None-Match`, and a
//! `304 Not Modified` keeps the cache. A small loopback server that records every request head
//! shows what the client sends; the real portal shows that the cache follows its changes.

mod client_support;

use std::sync::{Arc, Mutex};

use client_support::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use yaohao_core::facade::SESSION_KEY;
use yaohao_core::secrets::SecretStore;

const LIST: &str = r#"[{"id":7,"kind":"individual_ordinary","status":"approved","code":"1234567890123","form":{},"rejection_reasons":[],"draw_count":2,"submitted_at":"2026-01-02T00:00:00Z","reviewed_at":null,"created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-03T00:00:00Z"}]"#;

/// Serves `GET /v1/applications` (ETag `"v1"`, 304 when matched) and an empty document list, for
/// at most `requests` connections; records every request head.
async fn contract_server(requests: usize) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    tokio::spawn(async move {
        for _ in 0..requests {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            let mut buf = vec![0u8; 8192];
            let n = socket.read(&mut buf).await.unwrap_or(0);
            let head = String::from_utf8_lossy(&buf[..n]).to_string();
            log.lock().unwrap().push(head.clone());
            let lower = head.to_ascii_lowercase();
            let answer = if lower.starts_with("get /v1/applications/7/documents") {
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n[]".to_owned()
            } else if lower.contains("if-none-match: \"v1\"") {
                "HTTP/1.1 304 Not Modified\r\netag: \"v1\"\r\nconnection: close\r\n\r\n".to_owned()
            } else {
                format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\netag: \"v1\"\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{LIST}",
                    LIST.len()
                )
            };
            let _ = socket.write_all(answer.as_bytes()).await;
        }
    });
    (url, seen)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_matching_etag_keeps_the_cache_without_a_body() {
    let (url, seen) = contract_server(4).await;
    let phone = device(&url);
    phone
        .secrets
        .set(SESSION_KEY.into(), "test-token".into())
        .unwrap();

    let first = phone.app.refresh_applications().await.unwrap();
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].code.as_deref(), Some("1234567890123"));

    let second = phone.app.refresh_applications().await.unwrap();
    assert_eq!(second, first, "a 304 leaves the cached list as it was");

    let heads = seen.lock().unwrap().clone();
    let lists: Vec<&String> = heads
        .iter()
        .filter(|h| h.starts_with("GET /v1/applications HTTP"))
        .collect();
    assert_eq!(lists.len(), 2);
    assert!(!lists[0].to_ascii_lowercase().contains("if-none-match"));
    assert!(
        lists[1]
            .to_ascii_lowercase()
            .contains("if-none-match: \"v1\"")
    );
    assert!(
        lists[1]
            .to_ascii_lowercase()
            .contains("authorization: bearer test-token")
    );
    // Only the first answer carried a body: the documents were fetched once.
    assert_eq!(heads.iter().filter(|h| h.contains("/documents")).count(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn revalidated_lists_follow_the_portal() {
    let portal = portal().await;
    let phone = device(&portal.url());
    portal.announce("第一号通告").await;
    let first = phone.app.refresh_announcements().await.unwrap();
    assert_eq!(first.len(), 1);
    // Unchanged: the portal answers 304 and the cached list is returned.
    assert_eq!(phone.app.refresh_announcements().await.unwrap(), first);
    portal.announce("第二号通告").await;
    let second = phone.app.refresh_announcements().await.unwrap();
    let titles: Vec<&str> = second.iter().map(|a| a.title.zh.as_str()).collect();
    assert_eq!(titles, ["第二号通告", "第一号通告"]);
    assert_eq!(phone.app.announcements().unwrap(), second);
}
