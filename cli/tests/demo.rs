//! `yaohao demo` end to end: the embedded portal, the facade, the draw and its verification.

use std::process::Command;

#[test]
fn the_demo_runs_the_whole_journey() {
    let out = Command::new(env!("CARGO_BIN_EXE_yaohao"))
        .args([
            "demo",
            "--applicants",
            "3000",
            "--quota",
            "300",
            "--seed",
            "026498",
            "--lang",
            "en",
        ])
        .output()
        .expect("yaohao runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for expected in [
        "registered",
        "You entered the licence number",
        "application code",
        "Approved",
        "seed 026498",
        "push (event stream)",
        "Verified: all 300 rows",
        "Demo complete",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
}

#[test]
fn a_malformed_seed_is_a_usage_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_yaohao"))
        .args(["demo", "--seed", "12ab"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
