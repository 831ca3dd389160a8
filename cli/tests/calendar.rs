//! Drives the real `yaohao` binary: `calendar`, `policy` and `reminders`.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn yaohao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yaohao"))
        .args(args)
        // No configured portal: the offline calendar, whatever the machine's own settings.
        .env(
            "YAOHAO_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/no-portal-home"),
        )
        .output()
        .unwrap()
}

fn json(args: &[&str]) -> Value {
    let out = yaohao(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn state_file() -> String {
    format!(
        "{}/../tests/fixtures/state/applicant.json",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn with_kind<'a>(events: &'a Value, kind: &str) -> Vec<&'a Value> {
    events
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == kind)
        .collect()
}

#[test]
fn calendar_shows_the_real_draw_dates() {
    let ev = json(&[
        "calendar",
        "--from",
        "2014-01-01",
        "--to",
        "2016-12-31",
        "--json",
    ]);
    let draws = with_kind(&ev, "draw");
    for (date, at) in [
        // The fixture files' draw dates (periods 201402, 201506, 201601, 201602).
        ("2014-04-26", "2014-04-26T10:15:00+08:00"), // a Saturday: no shift
        ("2015-12-26", "2015-12-26T10:15:00+08:00"), // a Saturday: no shift
        ("2016-02-26", "2016-02-26T10:15:00+08:00"),
        ("2016-04-26", "2016-04-26T10:15:00+08:00"),
    ] {
        let d = draws
            .iter()
            .find(|e| e["date"] == date)
            .unwrap_or_else(|| panic!("{date}"));
        assert_eq!(d["at"], at);
        assert_eq!(d["announced"], false);
        assert!(d["note"]["zh"].as_str().unwrap().contains("摇号"));
    }
    // 2016: the NEV queue allocation ran on the draw days (201601 on 2016-02-26).
    assert!(draws.iter().all(|e| e["date"] != "2016-01-26"));
    let nev = with_kind(&ev, "nev_allocation");
    assert_eq!(nev[0]["date"], "2016-02-26");
    assert_eq!(nev.len(), 6);
}

#[test]
fn calendar_weekend_shift_and_announcements() {
    let ev = json(&[
        "calendar",
        "--from",
        "2015-12-01",
        "--to",
        "2015-12-31",
        "--weekend-shift",
        "--json",
    ]);
    assert_eq!(with_kind(&ev, "draw")[0]["date"], "2015-12-28");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("announced.json");
    let ann = r#"[{"kind":"draw","projected":"2026-12-26","at":"2026-12-28T10:00:00+08:00"}]"#;
    std::fs::write(&path, ann).unwrap();
    let ev = json(&[
        "calendar",
        "--policy",
        "bimonthly-2014",
        "--from",
        "2026-12-01",
        "--to",
        "2026-12-31",
        "--announced",
        path.to_str().unwrap(),
        "--json",
    ]);
    let draw = with_kind(&ev, "draw")[0];
    assert_eq!(draw["date"], "2026-12-28");
    assert_eq!(draw["announced"], true);
    assert_eq!(
        with_kind(&ev, "results_published")[0]["at"],
        "2026-12-28T12:00:00+08:00"
    );
    assert_eq!(
        with_kind(&ev, "application_cutoff")[0]["date"],
        "2026-12-08"
    );
}

#[test]
fn calendar_human_output_in_both_languages() {
    let zh = yaohao(&["calendar", "--from", "2026-12-26", "--to", "2026-12-26"]);
    let zh = String::from_utf8(zh.stdout).unwrap();
    assert!(zh.contains("2026-12-26  10:00  摇号"), "{zh}");
    assert!(zh.contains("按年配置"), "{zh}");
    let en = yaohao(&[
        "--lang",
        "en",
        "calendar",
        "--from",
        "2026-12-26",
        "--to",
        "2026-12-26",
    ]);
    let en = String::from_utf8(en.stdout).unwrap();
    assert!(en.contains("2026-12-26  12:00  Results published"), "{en}");
}

#[test]
fn the_regime_in_force_is_the_default_and_projections_warn() {
    // December 2026: annual-2021 is in force (draws in June and December, no monthly cut-off).
    let ev = json(&[
        "calendar",
        "--from",
        "2026-12-01",
        "--to",
        "2027-03-31",
        "--json",
    ]);
    let draws: Vec<&str> = with_kind(&ev, "draw")
        .iter()
        .map(|e| e["date"].as_str().unwrap())
        .collect();
    assert_eq!(draws, ["2026-12-26"]);
    assert!(with_kind(&ev, "application_cutoff").is_empty());
    assert_eq!(
        with_kind(&ev, "application_window_closes")[0]["date"],
        "2027-03-08"
    );
    // A range across the change of regime gets each regime's events on its own days.
    let ev = json(&[
        "calendar",
        "--from",
        "2020-11-01",
        "--to",
        "2021-01-31",
        "--json",
    ]);
    let cutoffs = with_kind(&ev, "application_cutoff");
    assert!(cutoffs.iter().all(|e| e["date"].as_str().unwrap() < "2021"));
    assert_eq!(with_kind(&ev, "draw")[0]["date"], "2020-12-26");
    assert_eq!(
        with_kind(&ev, "application_window_opens")[0]["date"],
        "2021-01-01"
    );
    // Projecting a regime outside its dates needs --policy, and says so.
    let projected = yaohao(&[
        "calendar",
        "--policy",
        "bimonthly-2014",
        "--from",
        "2026-12-01",
        "--to",
        "2026-12-31",
    ]);
    assert!(projected.status.success());
    let warning = String::from_utf8(projected.stderr).unwrap();
    assert!(
        warning.contains("2014-01-01") && warning.contains("推算"),
        "{warning}"
    );
    let in_force = yaohao(&[
        "calendar",
        "--policy",
        "bimonthly-2014",
        "--from",
        "2015-12-01",
        "--to",
        "2015-12-31",
    ]);
    assert!(
        in_force.stderr.is_empty(),
        "no warning inside the regime's dates"
    );
    // Before the first regime there is nothing in force: a clear error, exit 1.
    let before = yaohao(&[
        "calendar",
        "--from",
        "1990-01-01",
        "--to",
        "1990-12-31",
        "--json",
    ]);
    assert_eq!(before.status.code(), Some(1));
    let body: Value = serde_json::from_slice(&before.stdout).unwrap();
    assert_eq!(body["error"]["code"], "no_policy_in_force");
    assert!(
        body["error"]["message_en"]
            .as_str()
            .unwrap()
            .contains("--policy")
    );
}

#[test]
fn calendar_errors_exit_1_and_usage_errors_exit_2() {
    let bad_date = yaohao(&[
        "calendar",
        "--from",
        "2026-02-30",
        "--to",
        "2026-03-01",
        "--json",
    ]);
    assert_eq!(bad_date.status.code(), Some(1));
    let body: Value = serde_json::from_slice(&bad_date.stdout).unwrap();
    assert_eq!(body["error"]["code"], "invalid_date");
    let reversed = yaohao(&["calendar", "--from", "2026-03-01", "--to", "2026-02-01"]);
    assert_eq!(reversed.status.code(), Some(1));
    let unknown = yaohao(&[
        "calendar",
        "--policy",
        "weekly",
        "--from",
        "2026-01-01",
        "--to",
        "2026-02-01",
    ]);
    assert_eq!(unknown.status.code(), Some(1));
    assert_eq!(
        yaohao(&["calendar", "--from", "2026-01-01"]).status.code(),
        Some(2)
    );
    assert_eq!(yaohao(&["policy"]).status.code(), Some(2));
}

#[test]
fn policy_list_and_show() {
    let list = json(&["policy", "list", "--json"]);
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["monthly-2011", "bimonthly-2014", "annual-2021"]);
    assert_eq!(list[1]["in_force"], false);
    assert_eq!(list[2]["in_force"], true);
    let show = json(&["policy", "show", "bimonthly-2014", "--json"]);
    assert_eq!(show["rules"]["application_cutoff"]["day"], 8);
    assert_eq!(show["rules"]["application_cutoff"]["confidence"], "L");
    assert_eq!(show["rules"]["weekend_shift"]["enabled"], false);
    assert_eq!(show["draws"][0]["confidence"], "H");
    let human = String::from_utf8(yaohao(&["policy", "show", "annual-2021"]).stdout).unwrap();
    assert!(human.contains("按年配置"), "{human}");
    let english = yaohao(&["--lang", "en", "policy", "show", "bimonthly-2014"]);
    let english = String::from_utf8(english.stdout).unwrap();
    assert!(english.contains("Effective: 2014-01-01"), "{english}");
    // Chinese text in English output only where a Chinese source is quoted, and labelled so.
    for line in english.lines().filter(|l| l.contains('：')) {
        assert!(line.contains("(Chinese): "), "{line}");
    }
    assert_eq!(yaohao(&["policy", "show", "nope"]).status.code(), Some(1));
}

#[test]
fn reminders_for_the_example_state() {
    let now = "2026-10-26T13:00:00+08:00";
    let rs = json(&[
        "reminders",
        "--policy",
        "bimonthly-2014",
        "--state",
        &state_file(),
        "--now",
        now,
        "--json",
    ]);
    let rs = rs.as_array().unwrap();
    let fire = |id: &str| {
        rs.iter()
            .find(|r| r["id"] == id)
            .map(|r| r["fire_at"].clone())
    };
    // Results published 2026-10-26 12:00 Beijing; 72 h later is 29 Oct 12:00 Beijing (04:00 UTC).
    assert_eq!(
        fire("confirm-48h:1234567890123:2026-10-26"),
        Some("2026-10-27T04:00:00Z".into())
    );
    assert_eq!(
        fire("confirm-2h:1234567890123:2026-10-26"),
        Some("2026-10-29T02:00:00Z".into())
    );
    assert_eq!(
        fire("cutoff-3d:2026-12-08"),
        Some("2026-12-05T01:00:00Z".into())
    );
    // The portal announced the December draw for the 28th.
    assert!(fire("draw-day:2026-12-28").is_some());
    assert!(fire("draw-day:2026-12-26").is_none());
    assert!(fire("permit-endorse-30d:work_residence:2026-12-31").is_some());
    assert!(
        rs.iter()
            .all(|r| r["fire_at"].as_str().unwrap() > "2026-10-26T05:00:00Z")
    );
    let conf = rs.iter().find(|r| r["kind"] == "confirm_quota").unwrap();
    assert_eq!(conf["deep_link"], "yaohao://quota/1234567890123");
    // Recomputing later keeps the ids of what is still ahead and drops what is past.
    let later = json(&[
        "reminders",
        "--policy",
        "bimonthly-2014",
        "--state",
        &state_file(),
        "--now",
        "2026-11-23T08:00:00+08:00",
        "--json",
    ]);
    let later_ids: Vec<&str> = later
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(later_ids.contains(&"cutoff-3d:2026-12-08"));
    assert!(!later_ids.contains(&"confirm-2h:1234567890123:2026-10-26"));
    // Without --policy the regime in force on --now applies: no monthly cut-off in 2026.
    let current = json(&[
        "reminders",
        "--state",
        &state_file(),
        "--now",
        "2026-11-23T08:00:00+08:00",
        "--json",
    ]);
    let current_ids: Vec<&str> = current
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(
        !current_ids.iter().any(|id| id.starts_with("cutoff-")),
        "{current_ids:?}"
    );
}

#[test]
fn reminders_from_stdin_in_english() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_yaohao"))
        .args([
            "--lang",
            "en",
            "reminders",
            "--policy",
            "bimonthly-2014",
            "--state",
            "-",
            "--now",
            "2026-11-23T00:00:00Z",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let state = r#"{"licence_expires_on": "2027-01-31"}"#;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(state.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Driving licence expires in 30 days"),
        "{text}"
    );
    assert!(text.contains("2027-01-01 09:00"), "{text}");
}

#[test]
fn reminders_reject_bad_input_with_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.json");
    let bad_code = r#"{"applications":[{"code":"12","kind":"ordinary","status":"active"}]}"#;
    std::fs::write(&path, bad_code).unwrap();
    let out = yaohao(&["reminders", "--state", path.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let body: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(body["error"]["code"], "invalid_state");
    let out = yaohao(&["reminders", "--state", &state_file(), "--now", "yesterday"]);
    assert_eq!(out.status.code(), Some(1));
    std::fs::write(&path, r#"{"quota": {"draw_date": "2026-10-26"}}"#).unwrap();
    assert_eq!(
        yaohao(&["reminders", "--state", path.to_str().unwrap()])
            .status
            .code(),
        Some(1)
    );
}
