//! The offline rule commands through the real `yaohao` binary: JSON shape and exit codes.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn yaohao(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_yaohao"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("yaohao runs");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    child.wait_with_output().unwrap()
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn validate_reports_valid_and_invalid_values() {
    let ok = yaohao(&["validate", "id", "11010519491231002x", "--json"], None);
    assert_eq!(ok.status.code(), Some(0));
    let v = json(&ok);
    assert_eq!(v["valid"], true);
    assert_eq!(v["normalized"], "11010519491231002X");
    assert_eq!(v["errors"].as_array().unwrap().len(), 0);

    let bad = yaohao(
        &["validate", "address", "北京朝阳区建国路88号", "--json"],
        None,
    );
    assert_eq!(bad.status.code(), Some(1));
    let v = json(&bad);
    assert_eq!(v["valid"], false);
    assert_eq!(v["normalized"], "北京市朝阳区建国路88号");
    assert_eq!(v["errors"][0]["code"], "address_city");
    assert!(
        v["errors"][0]["message_zh"]
            .as_str()
            .unwrap()
            .contains("北京市")
    );
    assert!(
        v["errors"][0]["message_en"]
            .as_str()
            .unwrap()
            .contains("full form")
    );
}

#[test]
fn validate_names_the_licence_number_mix_up() {
    let out = yaohao(
        &["validate", "licence-file", "110105194912310021", "--json"],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        json(&out)["errors"][0]["code"],
        "licence_file_is_licence_number"
    );
}

#[test]
fn validate_checks_unit_credit_codes() {
    let ok = yaohao(
        &["validate", "credit-code", "91350100m000100y43", "--json"],
        None,
    );
    assert_eq!(ok.status.code(), Some(0));
    assert_eq!(json(&ok)["normalized"], "91350100M000100Y43");
    let bad = yaohao(&["validate", "credit-code", "91350100M000100Y44"], None);
    assert_eq!(bad.status.code(), Some(1));
    let text = String::from_utf8_lossy(&bad.stdout);
    assert!(text.contains("第 18 位") && text.contains("“3”"), "{text}");
}

#[test]
fn validate_checks_unit_names() {
    let ok = yaohao(
        &["validate", "unit-name", "  北京某某科技有限公司 ", "--json"],
        None,
    );
    assert_eq!(ok.status.code(), Some(0));
    assert_eq!(json(&ok)["normalized"], "北京某某科技有限公司");
    let long = "字".repeat(101);
    let bad = yaohao(&["validate", "unit-name", &long, "--json"], None);
    assert_eq!(bad.status.code(), Some(1));
    assert_eq!(json(&bad)["errors"][0]["code"], "unit_name_length");
}

#[test]
fn human_output_is_chinese_by_default_and_english_on_request() {
    let zh = yaohao(&["validate", "name", "张 三"], None);
    let text = String::from_utf8(zh.stdout).unwrap();
    assert!(text.contains("无效") && text.contains("张三"), "{text}");
    let en = yaohao(&["validate", "name", "张 三", "--lang", "en"], None);
    let text = String::from_utf8(en.stdout).unwrap();
    assert!(
        text.contains("invalid") && text.contains("spaces"),
        "{text}"
    );
}

#[test]
fn usage_errors_exit_two() {
    assert_eq!(
        yaohao(&["validate", "passport", "x"], None).status.code(),
        Some(2)
    );
    assert_eq!(
        yaohao(&["odds", "--quota", "1"], None).status.code(),
        Some(2)
    );
}

#[test]
fn family_points_from_stdin() {
    let family = r#"{"generations": 3, "members": [
        {"relation": "main", "ladder_steps": 5}, {"relation": "spouse", "ladder_steps": 5},
        {"relation": "parent", "ladder_steps": 5}, {"relation": "parent", "ladder_steps": 5},
        {"relation": "spouse_parent"}, {"relation": "spouse_parent"},
        {"relation": "child"}, {"relation": "child"}]}"#;
    let out = yaohao(&["points", "family", "-", "--json"], Some(family));
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    assert_eq!(v["total"], 126);
    assert_eq!(v["members"][1]["points"], 6);

    let broken = yaohao(
        &["points", "family", "-", "--json"],
        Some("{\"members\": [}"),
    );
    assert_eq!(broken.status.code(), Some(1));
    assert_eq!(json(&broken)["error"]["code"], "invalid_json");
    let invalid = yaohao(
        &["points", "family", "-", "--json"],
        Some(r#"{"members": [{"relation": "main"}]}"#),
    );
    assert_eq!(invalid.status.code(), Some(1));
    assert_eq!(json(&invalid)["error"]["code"], "family_size");
}

#[test]
fn ladder_and_odds() {
    let out = yaohao(&["points", "ladder", "--draws", "25", "--json"], None);
    assert_eq!(json(&out)["weight"], 2);
    let out = yaohao(
        &[
            "odds",
            "--pool-size",
            "3647274",
            "--quota",
            "17804",
            "--weight",
            "2",
            "--json",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    let p = v["probability"].as_f64().unwrap();
    assert!((0.0096..0.0098).contains(&p), "{p}");
    assert!(v["expected_years"].as_f64().unwrap() > 0.0);
    let bad = yaohao(
        &["odds", "--pool-size", "0", "--quota", "1", "--json"],
        None,
    );
    assert_eq!(bad.status.code(), Some(1));
    assert_eq!(json(&bad)["error"]["code"], "pool_size");
}

#[test]
fn eligibility_lists_every_failure() {
    let facts = r#"{"birth_date": "1990-05-01",
        "residence": {"kind": "residence_permit", "valid_until": "2027-01-01",
                      "social_insurance_months": 48, "income_tax_months": 60},
        "licence_valid_until": "2030-01-01"}"#;
    let out = yaohao(
        &[
            "eligibility",
            "individual",
            "-",
            "--today",
            "2026-11-23",
            "--json",
        ],
        Some(facts),
    );
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert_eq!(v["eligible"], false);
    assert_eq!(v["failures"][0]["code"], "social_insurance_months");
    assert!(
        v["failures"][0]["message_zh"]
            .as_str()
            .unwrap()
            .contains("还差 12 个月")
    );

    let hukou = r#"{"birth_date": "1990-05-01", "residence": {"kind": "beijing_hukou"}, "licence_valid_until": "2030-01-01"}"#;
    let out = yaohao(
        &[
            "eligibility",
            "individual",
            "-",
            "--today",
            "2026-11-23",
            "--json",
        ],
        Some(hukou),
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json(&out)["eligible"], true);
}

#[test]
fn impossible_dates_are_invalid_input_with_their_place() {
    // In an option: exit 1, as everywhere else.
    let facts = r#"{"birth_date": "1990-05-01", "residence": {"kind": "beijing_hukou"}, "licence_valid_until": "2030-01-01"}"#;
    let out = yaohao(
        &[
            "eligibility",
            "individual",
            "-",
            "--today",
            "2026-02-30",
            "--json",
        ],
        Some(facts),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json(&out)["error"]["code"], "invalid_date");
    // Inside well-formed JSON: the value is named, not the JSON blamed.
    let feb30 = facts.replace("1990-05-01", "1990-02-30");
    let out = yaohao(&["eligibility", "individual", "-", "--json"], Some(&feb30));
    assert_eq!(out.status.code(), Some(1));
    let error = &json(&out)["error"];
    assert_eq!(error["code"], "invalid_value");
    assert!(
        error["message_en"]
            .as_str()
            .unwrap()
            .contains("well formed"),
        "{error}"
    );
}

#[test]
fn odds_refuse_absurd_pools_and_say_when_the_wait_is_cut() {
    let huge = yaohao(
        &[
            "odds",
            "--pool-size",
            "18446744073709551615",
            "--quota",
            "1",
            "--json",
        ],
        None,
    );
    assert_eq!(huge.status.code(), Some(1));
    assert_eq!(json(&huge)["error"]["code"], "pool_size");
    let long = yaohao(
        &[
            "--lang",
            "en",
            "odds",
            "--pool-size",
            "2147483647",
            "--quota",
            "1",
        ],
        None,
    );
    assert_eq!(long.status.code(), Some(0));
    let shown = String::from_utf8_lossy(&long.stdout);
    assert!(
        shown.contains("≥") && shown.contains("100000 draws at most"),
        "{shown}"
    );
    let capped = yaohao(
        &[
            "odds",
            "--pool-size",
            "2147483647",
            "--quota",
            "1",
            "--json",
        ],
        None,
    );
    assert_eq!(json(&capped)["capped"], true);
}

#[test]
fn english_output_has_no_chinese_labels() {
    let family = r#"{"generations": 2, "members": [
        {"relation": "main", "ladder_steps": 5}, {"relation": "spouse", "ladder_steps": 5},
        {"relation": "child"}]}"#;
    let out = yaohao(&["--lang", "en", "points", "family", "-"], Some(family));
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("Family total: 54"), "{shown}");
    assert!(!shown.contains('：') && !shown.contains('（'), "{shown}");
}
