//! The operator CLI driving the real binary on a real SQLite file: seed, schedule, draw,
//! publish, registry import, SMS outbox and backup.

use std::process::Command;

use serde_json::Value;

fn portal(dir: &std::path::Path, args: &[&str]) -> (bool, Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_yaohao-portal"))
        .arg("--db")
        .arg(dir.join("portal.db"))
        .arg("--data")
        .arg(dir.join("data"))
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let json = serde_json::from_str(&stdout).unwrap_or(Value::Null);
    (
        out.status.success(),
        json,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn seed_draw_publish_and_backup() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, seeded, err) = portal(dir.path(), &["seed-demo", "--applicants", "300"]);
    assert!(ok, "{err}");
    assert_eq!(seeded["applicants"], 300);
    assert!(
        seeded["positions"].as_u64().unwrap() > 300,
        "ladder copies add positions"
    );
    let (ok, period, err) = portal(dir.path(), &["create-period", "--quota", "10"]);
    assert!(ok, "{err}");
    let id = period["id"].as_str().unwrap().to_owned();
    let (ok, drawn, err) = portal(dir.path(), &["draw", "--period", &id, "--seed", "390922"]);
    assert!(ok, "{err}");
    assert_eq!(drawn["pool_size"], seeded["positions"]);
    let (ok, published, err) = portal(dir.path(), &["publish", "--period", &id]);
    assert!(ok, "{err}");
    assert_eq!(published["status"], "published");
    let text =
        std::fs::read_to_string(dir.path().join("data/results").join(&id).join("result.txt"))
            .unwrap();
    let file = yaohao_core::results::parse_text(&text).unwrap();
    assert_eq!(file.rows.len(), 10);
    assert_eq!(file.header.seed.unwrap().text(), "390922");
    // Drawing again is refused and changes nothing.
    let (ok, _, err) = portal(dir.path(), &["draw", "--period", &id]);
    assert!(!ok);
    assert!(err.contains("invalid_state"), "{err}");
    // The next period: everybody who did not win is carried over with one more draw.
    let drawn_on: chrono::NaiveDate = period["draw_at"].as_str().unwrap()[..10].parse().unwrap();
    let after = drawn_on.succ_opt().unwrap().to_string();
    let (ok, next, err) = portal(
        dir.path(),
        &["create-period", "--quota", "10", "--after", &after],
    );
    assert!(ok, "{err}");
    let next_id = next["id"].as_str().unwrap().to_owned();
    assert!(next["draw_at"].as_str() > period["draw_at"].as_str());
    let (ok, _, err) = portal(dir.path(), &["draw", "--period", &next_id]);
    assert!(ok, "{err}");
    let (ok, _, err) = portal(
        dir.path(),
        &["backup", dir.path().join("copy.db").to_str().unwrap()],
    );
    assert!(ok, "{err}");
    let copy = rusqlite::Connection::open(dir.path().join("copy.db")).unwrap();
    let winners: i64 = copy
        .query_row(
            "SELECT COUNT(*) FROM winners WHERE period_id = ?1",
            [&id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(winners, 10);
    let carried =
        |sql: &str| -> i64 { copy.query_row(sql, [&id, &next_id], |r| r.get(0)).unwrap() };
    let in_both = "FROM pool_entries first JOIN pool_entries next
         ON next.application_id = first.application_id
         WHERE first.period_id = ?1 AND next.period_id = ?2";
    assert_eq!(carried(&format!("SELECT COUNT(*) {in_both}")), 290);
    assert_eq!(
        carried(&format!(
            "SELECT COUNT(*) {in_both} AND next.draws = first.draws + 1"
        )),
        290
    );
    assert_eq!(
        carried(
            "SELECT COUNT(*) FROM winners w JOIN pool_entries next
             ON next.period_id = ?2 AND next.application_id = w.application_id
             WHERE w.period_id = ?1"
        ),
        0,
        "winners are not carried over"
    );
}

#[test]
fn registry_import_reports_bad_lines() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("registry.csv");
    std::fs::write(
        &csv,
        "resident_id,record,value,valid_until\n110105199001011232,hukou,,\n",
    )
    .unwrap();
    let (ok, imported, err) = portal(dir.path(), &["import-registry", csv.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert_eq!(imported["records"], 1);
    std::fs::write(
        &csv,
        "resident_id,record,value,valid_until\n110105199001011233,hukou,,\n",
    )
    .unwrap();
    let (ok, _, err) = portal(dir.path(), &["import-registry", csv.to_str().unwrap()]);
    assert!(!ok);
    assert!(err.contains("line 2"), "{err}");
    let (ok, outbox, _) = portal(dir.path(), &["sms-outbox"]);
    assert!(ok);
    assert_eq!(outbox, serde_json::json!([]));
}

/// The address `serve` printed on its first line.
fn banner_address(child: &mut std::process::Child) -> String {
    use std::io::BufRead;
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    line.trim()
        .strip_prefix("yaohao-portal listening on http://")
        .unwrap_or_else(|| panic!("unexpected banner {line:?}"))
        .to_owned()
}

/// `serve --threads 2` answers many connections at once from two named threads sharing one
/// address, refuses a second portal on that address, and stops cleanly on SIGINT and SIGTERM.
#[cfg(target_os = "linux")]
#[test]
fn serve_shares_one_address_over_its_threads_and_stops_on_signals() {
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let serve = |addr: &str| {
        Command::new(env!("CARGO_BIN_EXE_yaohao-portal"))
            .arg("--db")
            .arg(dir.path().join("portal.db"))
            .arg("--data")
            .arg(dir.path().join("data"))
            .args([
                "serve",
                "--addr",
                addr,
                "--threads",
                "2",
                "--clock",
                "simulated",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let mut first = serve("127.0.0.1:0");
    let addr = banner_address(&mut first);

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let statuses = runtime.block_on(async {
        let calls = (0..64).map(|_| {
            // A client each: 64 connections.
            let url = format!("http://{addr}/v1/clock");
            async move { reqwest::get(url).await.map(|r| r.status().as_u16()) }
        });
        futures_util::future::join_all(calls).await
    });
    assert!(
        statuses.iter().all(|s| matches!(s, Ok(200))),
        "{statuses:?}"
    );

    // Serving threads (started by now: they answered).
    let mut threads: Vec<String> = std::fs::read_dir(format!("/proc/{}/task", first.id()))
        .unwrap()
        .filter_map(|task| std::fs::read_to_string(task.unwrap().path().join("comm")).ok())
        .map(|name| name.trim().to_owned())
        .filter(|name| name.starts_with("yaohao-http"))
        .collect();
    threads.sort();
    assert_eq!(threads, ["yaohao-http-0", "yaohao-http-1"]);

    let second = serve(&addr).wait_with_output().unwrap();
    assert!(!second.status.success());
    let err = String::from_utf8_lossy(&second.stderr);
    assert!(err.contains(&format!("listening on {addr}")), "{err}");

    stops_cleanly_on(first, "INT");
    // Service managers stop with SIGTERM.
    let mut again = serve(&addr);
    banner_address(&mut again);
    stops_cleanly_on(again, "TERM");
}

/// Sends `signal` to a serving portal (once it answers) and expects a clean exit.
#[cfg(target_os = "linux")]
fn stops_cleanly_on(portal: std::process::Child, signal: &str) {
    let sent = std::process::Command::new("sh")
        .args(["-c", "kill -$0 \"$1\"", signal, &portal.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let stopped = portal.wait_with_output().unwrap();
    assert!(
        stopped.status.success(),
        "SIG{signal}: {:?} {}",
        stopped.status,
        String::from_utf8_lossy(&stopped.stderr)
    );
}
