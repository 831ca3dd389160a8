//! A process killed with SIGKILL in the middle of draft saves and syncs: the cache reopens with
//! `PRAGMA integrity_check` = ok and the draft at (at least) the last revision the child reported.
//!
//! The test binary re-executes itself as the child (environment variable `CHILD_ENV`), which
//! saves the draft, syncs it with the portal and refreshes in a loop, printing each saved
//! revision; the parent kills it after a while, three times, and checks the files.

mod client_support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use client_support::*;
use yaohao_core::client::TestClock;
use yaohao_core::facade::{ApplicationForm, ApplicationKind, SESSION_KEY, Yaohao, YaohaoConfig};
use yaohao_core::i18n::Lang;
use yaohao_core::secrets::{MemorySecretStore, SecretStore};

const CHILD_ENV: &str = "YAOHAO_CLIENT_KILL_CHILD";
/// The child stops by itself after this long if nobody kills it.
const CHILD_LIFETIME: Duration = Duration::from_secs(60);
/// Revisions the parent waits to see before killing.
const SAVES_BEFORE_KILL: i64 = 15;

#[derive(serde::Serialize, serde::Deserialize)]
struct ChildSpec {
    dir: String,
    url: String,
    token: String,
    draft: String,
}

fn address(n: i64) -> String {
    format!("北京市海淀区中关村大街{n}号")
}

fn open(dir: &std::path::Path, url: &str, token: Option<&str>) -> Yaohao {
    let secrets = Arc::new(MemorySecretStore::new());
    if let Some(token) = token {
        secrets.set(SESSION_KEY.into(), token.into()).unwrap();
    }
    Yaohao::open(
        YaohaoConfig::new(url, dir, Lang::Zh),
        secrets,
        Arc::new(TestClock::new(start_instant())),
    )
    .unwrap()
}

/// The child: save, sync, refresh, forever (bounded in time).
fn child(spec: ChildSpec) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let app = open(
            std::path::Path::new(&spec.dir),
            &spec.url,
            Some(&spec.token),
        );
        let started = Instant::now();
        while started.elapsed() < CHILD_LIFETIME {
            let current = app.draft(spec.draft.clone()).unwrap();
            let next = current.revision + 1;
            let form = ApplicationForm {
                licence_file: Some(LICENCE_FILE.into()),
                address: Some(address(next)),
                ..ApplicationForm::default()
            };
            let saved = app.save_draft(spec.draft.clone(), form).unwrap();
            println!("saved {}", saved.revision);
            app.sync().await.unwrap();
            app.refresh_applications().await.unwrap();
        }
    });
}

fn parent() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let portal = rt.block_on(portal());
    let url = portal.url();
    let dir = tempfile::tempdir().unwrap();
    let (token, draft) = rt.block_on(async {
        let app = open(dir.path(), &url, None);
        register(&portal, &app).await;
        let secrets = Arc::new(MemorySecretStore::new());
        let logged = Yaohao::open(
            YaohaoConfig::new(url.clone(), dir.path(), Lang::Zh),
            secrets.clone(),
            Arc::new(TestClock::new(start_instant())),
        )
        .unwrap();
        login(&portal, &logged).await;
        let token = secrets.get(SESSION_KEY.into()).unwrap().unwrap();
        let draft = logged
            .create_draft(ApplicationKind::IndividualOrdinary)
            .unwrap();
        (token, draft.local_id)
    });

    for round in 0..3 {
        let spec = ChildSpec {
            dir: dir.path().to_string_lossy().into_owned(),
            url: url.clone(),
            token: token.clone(),
            draft: draft.clone(),
        };
        let mut child = Command::new(std::env::current_exe().unwrap())
            .env(CHILD_ENV, serde_json::to_string(&spec).unwrap())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let mut last_reported = 0;
        let mut seen = 0;
        for line in BufReader::new(stdout).lines() {
            let line = line.unwrap();
            let revision: i64 = line.trim_start_matches("saved ").parse().unwrap();
            last_reported = revision;
            seen += 1;
            if seen >= SAVES_BEFORE_KILL + round {
                child.kill().unwrap(); // SIGKILL on Unix
                break;
            }
        }
        let status = child.wait().unwrap();
        assert!(!status.success(), "round {round}: the child was killed");
        assert!(last_reported > 0, "round {round}: the child made progress");

        let app = open(dir.path(), &url, Some(&token));
        assert_eq!(app.cache_integrity().unwrap(), "ok", "round {round}");
        let d = app.draft(draft.clone()).unwrap();
        assert!(
            d.revision >= last_reported,
            "round {round}: revision {} < reported {last_reported}",
            d.revision
        );
        assert_eq!(d.form.address, Some(address(d.revision)), "round {round}");
        assert_eq!(d.form.licence_file.as_deref(), Some(LICENCE_FILE));
        assert!(
            app.applications().unwrap().len() <= 1,
            "no duplicate application"
        );
        println!(
            "round {round}: killed after revision {last_reported}, reopened at {}",
            d.revision
        );
    }
    rt.block_on(portal.portal.shutdown()).unwrap();
}

fn main() {
    match std::env::var(CHILD_ENV) {
        Ok(spec) => child(serde_json::from_str(&spec).unwrap()),
        Err(_) => {
            parent();
            println!("client_kill: ok");
        }
    }
}
