//! An answer the client cannot read is a contract error: not retried, with the field path, and
//! without the value. A tiny loopback server answers every request with one fixed body.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use yaohao_core::client::{ClientError, SystemClock};
use yaohao_core::facade::{SESSION_KEY, Yaohao, YaohaoConfig};
use yaohao_core::i18n::Lang;
use yaohao_core::secrets::{MemorySecretStore, SecretStore};

/// A server answering `200` with `body` to every request; counts the requests.
async fn fixed(body: &'static str) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            seen.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                // Read the head (GET requests carry no body), then answer and close.
                let mut head = Vec::new();
                let mut buf = [0u8; 1024];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                let answer = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
                     connection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = socket.write_all(answer.as_bytes()).await;
                let _ = socket.shutdown().await;
            });
        }
    });
    (url, count)
}

fn app(url: &str, dir: &tempfile::TempDir) -> Yaohao {
    let secrets = Arc::new(MemorySecretStore::new());
    secrets
        .set(SESSION_KEY.to_owned(), "token".to_owned())
        .unwrap();
    Yaohao::open(
        YaohaoConfig::new(url, dir.path(), Lang::En),
        secrets,
        Arc::new(SystemClock),
    )
    .unwrap()
}

/// A period whose `cutoff_at` was renamed (`cutoff`).
const RENAMED: &str = r#"[{"id":"202606","kind":"draw","title":"t","quota":1,"status":"open",
"cutoff":"2026-12-20T00:00:00Z","freeze_from":"2026-12-20T00:00:00Z",
"freeze_until":"2026-12-26T00:00:00Z","draw_at":"2026-12-26T01:00:00Z",
"publish_at":"2026-12-26T08:00:00Z"}]"#;

/// An account whose id is a resident ID number (a string where a number belongs).
const WRONG_TYPE: &str = r#"{"id":"110105199001011232","resident_id":"110105199001011232",
"name":"张三","mobile":"13800138000","marital_status":"married",
"created_at":"2026-01-01T00:00:00Z"}"#;

#[tokio::test]
async fn a_renamed_field_is_a_contract_error_at_its_path_and_is_not_retried() {
    let (url, requests) = fixed(RENAMED).await;
    let dir = tempfile::tempdir().unwrap();
    let error = app(&url, &dir).refresh_periods().await.unwrap_err();
    match &error {
        ClientError::Contract {
            endpoint,
            path,
            detail,
            message,
        } => {
            assert_eq!(endpoint, "GET /v1/periods");
            assert_eq!(path, "[0]");
            assert_eq!(detail, "missing field `cutoff_at`");
            assert!(message.en.contains("update the app"), "{message:?}");
            assert!(message.zh.contains("更新应用"), "{message:?}");
        }
        other => panic!("{other:?}"),
    }
    assert!(!error.is_retryable());
    assert_eq!(requests.load(Ordering::SeqCst), 1, "a GET was retried");
}

#[tokio::test]
async fn a_wrong_type_is_a_contract_error_at_its_path_without_the_value() {
    let (url, requests) = fixed(WRONG_TYPE).await;
    let dir = tempfile::tempdir().unwrap();
    let error = app(&url, &dir).refresh_profile().await.unwrap_err();
    match &error {
        ClientError::Contract {
            endpoint,
            path,
            detail,
            ..
        } => {
            assert_eq!(endpoint, "GET /v1/me");
            assert_eq!(path, "id");
            assert_eq!(detail, "invalid type: string, expected i64");
        }
        other => panic!("{other:?}"),
    }
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains("110105199001011232"), "{shown}");
    assert!(!shown.contains("13800138000"), "{shown}");
    assert_eq!(requests.load(Ordering::SeqCst), 1, "a GET was retried");
}

#[tokio::test]
async fn an_unknown_status_is_kept_not_refused() {
    let (url, _) = fixed(
        r#"[{"id":"202606","title":"t","quota":1,"status":"archived",
        "cutoff_at":"2026-12-20T00:00:00Z","freeze_from":"2026-12-20T00:00:00Z",
        "freeze_until":"2026-12-26T00:00:00Z","draw_at":"2026-12-26T01:00:00Z",
        "publish_at":"2026-12-26T08:00:00Z"}]"#,
    )
    .await;
    let dir = tempfile::tempdir().unwrap();
    let periods = app(&url, &dir).refresh_periods().await.unwrap();
    assert_eq!(periods[0].status.as_str(), "archived");
}
