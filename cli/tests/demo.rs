#![cfg(feature = "demo")]
//! `yaohao demo` end to end: the embedded portal, the facade, the draw and its verification.

use std::process::Command;

/// Runs `yaohao demo --lang en` with `args`, expects success, returns what it printed.
fn demo(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_yaohao"))
        .args(["demo", "--lang", "en"])
        .args(args)
        .output()
        .expect("yaohao runs");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{args:?}: {text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    text
}

#[test]
fn the_demo_runs_the_whole_journey() {
    let text = demo(&["--applicants", "3000", "--quota", "300", "--seed", "026498"]);
    for expected in [
        "registered",
        "You entered the licence number",
        "application code",
        "Approved",
        "seed 026498",
        "push (event stream)",
        "Verified from the header alone: all 300 rows",
        "Re-run on the verification package",
        "This demo runs bimonthly-2014",
        "yaohao demo --policy annual-2021",
        "Demo complete",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
}

#[test]
fn the_unit_scene_takes_a_unit_through_review_its_own_draw_and_verification() {
    for policy in ["bimonthly-2014", "annual-2021"] {
        let text = demo(&[
            "--unit",
            "--policy",
            policy,
            "--applicants",
            "2000",
            "--quota",
            "200",
            "--seed",
            "530670",
        ]);
        // The unit's part comes after the applicant's, and ends verified.
        let unit = text
            .split_once("A unit applies")
            .unwrap_or_else(|| panic!("{policy}: no unit scene in:\n{text}"))
            .1;
        for expected in [
            "registered and logged in",
            "may apply for: Unit ordinary quota, Unit NEV quota",
            "business licence",
            "tax payment proof",
            "Approved",
            "(unit ordinary): 300 units (299 synthetic), a pool of 300 positions, 20 quotas",
            "Verified from the header alone: all 20 rows",
            "Re-run on the verification package the portal published (300 positions)",
            "Demo complete",
        ] {
            assert!(
                unit.contains(expected),
                "{policy}: missing {expected:?} in:\n{unit}"
            );
        }
    }
}

/// Runs `yaohao demo --json` with `args`; returns the step objects and the final one.
fn json_demo(args: &[&str]) -> (Vec<serde_json::Value>, serde_json::Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_yaohao"))
        .args(["demo", "--json"])
        .args(args)
        .output()
        .expect("yaohao runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{args:?}: {text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut objects: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let done = objects.pop().unwrap();
    assert_eq!(done["done"], true, "{done}");
    assert_eq!(done["verified"], true, "{done}");
    for (i, step) in objects.iter().enumerate() {
        assert_eq!(step["step"], i + 1, "{step}");
        assert!(
            step["title"].is_string() && step["messages"].is_array(),
            "{step}"
        );
    }
    (objects, done)
}

/// `text` with every run of 5 or 6 digits (ports, SMS codes) replaced by `#`.
fn blank_short_numbers(text: &str) -> String {
    let mut out = String::new();
    let mut digits = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        if (5..=6).contains(&digits.len()) {
            out.push('#');
        } else {
            out.push_str(&digits);
        }
        digits.clear();
        out.push(c);
    }
    out
}

/// Every message of the steps, with the parts that differ between runs of the same seed (the
/// loopback port and the SMS codes, which are secrets) blanked.
fn narration(steps: &[serde_json::Value]) -> Vec<String> {
    steps
        .iter()
        .flat_map(|s| s["messages"].as_array().unwrap().iter())
        .map(|m| blank_short_numbers(m.as_str().unwrap()))
        .collect()
}

#[test]
fn high_quotas_and_undersubscription_complete_and_verify() {
    // Quotas near the applicants in a ladder pool: verified from the header, then exactly.
    let (steps, done) = json_demo(&["--applicants", "1000", "--quota", "800", "--lang", "en"]);
    let text = narration(&steps).join("\n");
    assert!(text.contains("Verified from the header alone"), "{text}");
    assert_eq!(done["seed"].as_str().unwrap().len(), 6);
    // More quotas than applicants: everyone wins, no draw.
    for applicants in ["1000", "1"] {
        let (steps, done) = json_demo(&[
            "--applicants",
            applicants,
            "--quota",
            "2000",
            "--lang",
            "en",
        ]);
        let text = narration(&steps).join("\n");
        assert!(text.contains("the quotas cover every applicant"), "{text}");
        assert_eq!(done["won"], true);
    }
}

#[test]
fn the_same_seed_repeats_the_run() {
    let args = ["--applicants", "500", "--quota", "60", "--seed", "314159"];
    let (first, done) = json_demo(&args);
    let (second, again) = json_demo(&args);
    assert_eq!(narration(&first), narration(&second));
    assert_eq!(done["won"], again["won"]);
    assert_eq!(done["seed"], "314159");
}

#[test]
fn the_current_rules_run_the_same_journey() {
    let (steps, done) = json_demo(&[
        "--policy",
        "annual-2021",
        "--applicants",
        "300",
        "--quota",
        "30",
        "--lang",
        "en",
    ]);
    assert_eq!(done["policy"], "annual-2021");
    let text = narration(&steps).join("\n");
    assert!(
        text.contains("the regime in force on the demo's dates"),
        "{text}"
    );
    assert!(text.contains("application window closes"), "{text}");
    assert!(text.contains("2027-06-26"), "the June draw: {text}");
}

#[test]
fn a_malformed_seed_is_a_usage_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_yaohao"))
        .args(["demo", "--seed", "12ab"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
