//! `yaohao results` and `yaohao draw` through the real binary: JSON shape and exit codes.

use serde_json::Value;
use std::process::{Command, Output};

fn yaohao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yaohao"))
        .args(args)
        .output()
        .expect("yaohao runs")
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

fn fixture(path: &str) -> String {
    format!("{}/../tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the text fixture `source` in `dir`, named `name`, with the first `from` made `to`.
fn edited_fixture(
    dir: &tempfile::TempDir,
    source: &str,
    name: &str,
    from: &str,
    to: &str,
) -> String {
    let text = std::fs::read_to_string(fixture(source)).unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn parse_reports_the_header_of_a_pdf() {
    let out = yaohao(&[
        "results",
        "parse",
        &fixture("official/bj-201506-person-ordinary.pdf"),
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    assert_eq!(v["category"], "individual_ordinary");
    assert_eq!(v["period"], "201506");
    assert_eq!(v["title"], "2015年第06期个人普通摇号");
    assert_eq!(v["draw_date"], "2015-12-26");
    assert_eq!(v["run_time"], "2015-12-26T10:11:54");
    assert_eq!(
        (v["pool_size"].as_u64(), v["quota"].as_u64()),
        (Some(3647274), Some(17804))
    );
    assert_eq!(v["seed"], "390922");
    assert_eq!(v["rows"], 17804);
    assert!(v.get("list").is_none());
}

#[test]
fn parse_lists_rows_on_request_and_reads_gb18030() {
    let out = yaohao(&[
        "results",
        "parse",
        &fixture("results/unit-2015-named.gb18030.txt"),
        "--rows",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    let list = v["list"].as_array().unwrap();
    assert_eq!(list.len(), 12);
    assert_eq!(
        list[2]["name"],
        "中天银都（天津）建设工程有限公司北京昌平分公司"
    );
    assert_eq!(list[0]["position"], 51);
}

#[test]
fn a_malformed_file_is_rejected_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = edited_fixture(
        &dir,
        "results/unit-nev-2016-undersubscribed.txt",
        "gap.txt",
        "                 5                 5",
        "                 6                 5",
    );
    let out = yaohao(&["results", "parse", &path, "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert_eq!(v["error"]["code"], "invalid_result_file");
    let message = v["error"]["message_en"].as_str().unwrap();
    assert!(
        message.contains("line 16") && message.contains("序号 6 where 5"),
        "{message}"
    );
}

#[test]
fn check_answers_won_lost_and_queue_rank() {
    let pdf = fixture("official/bj-201506-unit-ordinary.pdf");
    let won = json(&yaohao(&[
        "results",
        "check",
        &pdf,
        "--code",
        "0773104526926",
        "--json",
    ]));
    assert_eq!(
        (
            won["won"].as_bool(),
            won["row"].as_u64(),
            won["position"].as_u64()
        ),
        (Some(true), Some(11), Some(6877))
    );
    let lost = yaohao(&[
        "results",
        "check",
        &pdf,
        "--code",
        "0773104526927",
        "--json",
    ]);
    assert_eq!(lost.status.code(), Some(0));
    assert_eq!(json(&lost)["won"], false);
    let queue = fixture("results/person-nev-queue-ties.txt");
    let q = json(&yaohao(&[
        "results",
        "check",
        &queue,
        "--code",
        "0078100665734",
        "--json",
    ]));
    assert_eq!(
        (q["queued"].as_bool(), q["rank"].as_u64()),
        (Some(true), Some(3))
    );
    assert_eq!(q["queued_at"], "2016-06-02T10:06:06.684");
}

#[test]
fn check_rejects_a_malformed_code() {
    let out = yaohao(&[
        "results",
        "check",
        &fixture("official/bj-201602-unit-ordinary.pdf"),
        "--code",
        "12345",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json(&out)["error"]["code"], "invalid_code");
}

#[test]
fn verify_proves_official_lists_and_skips_queues() {
    let out = yaohao(&[
        "results",
        "verify",
        &fixture("official/bj-201602-unit-ordinary.pdf"),
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    assert_eq!(v["verdict"], "verified");
    assert_eq!(
        (v["rows"].as_u64(), v["seed"].as_str()),
        (Some(900), Some("370919"))
    );
    assert_eq!(
        v["draws"].as_u64().unwrap(),
        900 + v["skipped"].as_u64().unwrap()
    );
    assert!(v["first_mismatch"].is_null());
    let queue = yaohao(&[
        "results",
        "verify",
        &fixture("official/bj-201601-person-nev-queue.pdf"),
        "--json",
    ]);
    assert_eq!(queue.status.code(), Some(0));
    assert_eq!(json(&queue)["verdict"], "not_a_lottery");
}

#[test]
fn verify_reports_the_first_tampered_row_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    // Row 4 claims position 97 where the seed gives 96.
    let path = edited_fixture(
        &dir,
        "results/unit-2015-named.utf8.txt",
        "tampered.txt",
        "        96      2000000001248",
        "        97      2000000001248",
    );
    let out = yaohao(&["results", "verify", &path, "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert_eq!(v["verdict"], "mismatch");
    let m = &v["first_mismatch"];
    assert_eq!(
        (m["row"].as_u64(), m["reason"].as_str()),
        (Some(4), Some("position_not_drawn"))
    );
    assert_eq!(
        (m["expected"].as_u64(), m["found"].as_u64()),
        (Some(96), Some(97))
    );
}

#[test]
fn verify_with_a_pool_checks_codes() {
    let list = fixture("results/person-2016-bom.txt");
    let pool = fixture("results/person-2016.pool.csv");
    let ok = yaohao(&["results", "verify", &list, "--pool", &pool, "--json"]);
    assert_eq!(ok.status.code(), Some(0));
    assert_eq!(json(&ok)["with_pool"], true);
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(&list).unwrap();
    let path = dir.path().join("code.txt");
    std::fs::write(&path, text.replacen("1100474444397", "1100474444398", 1)).unwrap();
    let bad = yaohao(&[
        "results",
        "verify",
        path.to_str().unwrap(),
        "--pool",
        &pool,
        "--json",
    ]);
    assert_eq!(bad.status.code(), Some(1));
    let m = &json(&bad)["first_mismatch"];
    assert_eq!(
        (m["row"].as_u64(), m["reason"].as_str()),
        (Some(3), Some("code_differs"))
    );
    assert_eq!(m["expected"], "1100474444397");
}

#[test]
fn draw_run_publishes_a_list_that_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("published.txt");
    let out_str = out_path.to_str().unwrap();
    let pool = fixture("results/person-2016.pool.csv");
    let run = yaohao(&[
        "draw",
        "run",
        "--seed",
        "026498",
        "--pool",
        &pool,
        "--quota",
        "20",
        "--template",
        "2015",
        "--period",
        "201612",
        "--run-time",
        "2016-12-26 10:12:05",
        "--out",
        out_str,
        "--json",
    ]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let summary = json(&run);
    assert_eq!(summary["rows"].as_array().unwrap().len(), 20);
    let published = std::fs::read_to_string(&out_path).unwrap();
    assert!(published.contains("分期编号：201612") && published.contains("指标配置初始值：026498"));
    let verified = json(&yaohao(&[
        "results", "verify", out_str, "--pool", &pool, "--json",
    ]));
    assert_eq!(verified["verdict"], "verified");
    // The same draw in the 2016 template has the rows of the committed fixture.
    let fixture_rows = json(&yaohao(&[
        "results",
        "parse",
        &fixture("results/person-2016-bom.txt"),
        "--rows",
        "--json",
    ]));
    let ours = json(&yaohao(&["results", "parse", out_str, "--rows", "--json"]));
    assert_eq!(ours["list"], fixture_rows["list"]);
}

#[test]
fn draw_replay_prints_the_published_positions() {
    let out = yaohao(&[
        "draw",
        "replay",
        "--seed",
        "390922",
        "--pool-size",
        "3647274",
        "--count",
        "3",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "1002697\n2225388\n2010510\n"
    );
    let bad = yaohao(&[
        "draw",
        "replay",
        "--seed",
        "12a",
        "--pool-size",
        "10",
        "--count",
        "1",
    ]);
    assert_eq!(bad.status.code(), Some(1));
}

#[test]
fn verify_reads_an_unpacked_verification_package() {
    let list = fixture("results/unit-nev-2016-undersubscribed.txt");
    let parsed = json(&yaohao(&["results", "parse", &list, "--rows", "--json"]));
    let lines: Vec<String> = parsed["list"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| format!("{},{}\n", r["position"], r["code"].as_str().unwrap()))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = lines.split_at(7);
    std::fs::write(
        dir.path().join("bjUnitNewApplyNumber201604_0001.csv"),
        first.concat(),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("bjUnitNewApplyNumber201604_0002.csv"),
        second.concat(),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("bjUnitNewNumberPeriod201604.csv"),
        "单位新能源\n201604\nt\nx\ny\n12\n20\n",
    )
    .unwrap();
    let out = yaohao(&[
        "results",
        "verify",
        &list,
        "--pool",
        dir.path().to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let v = json(&out);
    assert_eq!(
        (v["verdict"].as_str(), v["with_pool"].as_bool()),
        (Some("verified"), Some(true))
    );
    // A package whose period file disagrees with its positions is refused.
    std::fs::write(
        dir.path().join("bjUnitNewNumberPeriod201604.csv"),
        "单位新能源\n201604\nt\nx\ny\n13\n20\n",
    )
    .unwrap();
    let bad = yaohao(&[
        "results",
        "verify",
        &list,
        "--pool",
        dir.path().to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(bad.status.code(), Some(1));
    assert_eq!(json(&bad)["error"]["code"], "invalid_pool");
}

#[test]
fn draw_replay_streams_within_the_stream_a_draw_can_use() {
    // --json is written number by number and still parses as one object.
    let out = yaohao(&[
        "draw",
        "replay",
        "--seed",
        "390922",
        "--pool-size",
        "3647274",
        "--count",
        "3",
        "--json",
    ]);
    assert_eq!(
        json(&out)["positions"],
        serde_json::json!([1002697, 2225388, 2010510])
    );
    // 10·N is the most a draw takes: beyond it, and a zero pool, are refused.
    let most = yaohao(&[
        "draw",
        "replay",
        "--seed",
        "1",
        "--pool-size",
        "3",
        "--count",
        "30",
    ]);
    assert_eq!(String::from_utf8_lossy(&most.stdout).lines().count(), 30);
    let over = yaohao(&[
        "draw",
        "replay",
        "--seed",
        "1",
        "--pool-size",
        "3",
        "--count",
        "4294967295",
        "--json",
    ]);
    assert_eq!(over.status.code(), Some(1));
    assert_eq!(json(&over)["error"]["code"], "invalid_count");
    let zero = yaohao(&[
        "draw",
        "replay",
        "--seed",
        "1",
        "--pool-size",
        "0",
        "--count",
        "1",
    ]);
    assert_eq!(zero.status.code(), Some(2));
    assert!(zero.stdout.is_empty());
    // A seed of digits that is too long says so.
    let long = yaohao(&[
        "draw",
        "replay",
        "--seed",
        "99999999999",
        "--pool-size",
        "10",
        "--count",
        "1",
        "--json",
    ]);
    assert_eq!(long.status.code(), Some(1));
    let message = json(&long)["error"]["message_en"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(message.contains("at most 9 digits"), "{message}");
}

#[test]
fn everyone_winning_offline_verifies_without_the_pool() {
    let dir = tempfile::tempdir().unwrap();
    let pool = dir.path().join("pool.csv");
    // 21 applicants holding 46 positions (ladder copies), 1,000 quotas.
    let lines: String = (1..=21u64)
        .map(|i| format!("{:013},{}\n", 1_000_000_000_000 + i, 1 + i % 4))
        .collect();
    std::fs::write(&pool, lines).unwrap();
    let out_path = dir.path().join("all.txt");
    let out_str = out_path.to_str().unwrap();
    let run = yaohao(&[
        "draw",
        "run",
        "--seed",
        "390922",
        "--pool",
        pool.to_str().unwrap(),
        "--quota",
        "1000",
        "--out",
        out_str,
        "--json",
    ]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let parsed = json(&yaohao(&["results", "parse", out_str, "--json"]));
    assert_eq!(parsed["kind"], "undersubscribed");
    assert_eq!(
        (parsed["rows"].as_u64(), parsed["pool_size"].as_u64()),
        (Some(21), Some(21))
    );
    assert!(parsed["seed"].is_null());
    let verified = json(&yaohao(&["results", "verify", out_str, "--json"]));
    assert_eq!(verified["verdict"], "verified");
    let code = format!("{:013}", 1_000_000_000_021u64);
    let check = json(&yaohao(&[
        "results", "check", out_str, "--code", &code, "--json",
    ]));
    assert_eq!(check["won"], true);
}

#[test]
fn a_file_that_is_no_result_list_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("random.pdf");
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    std::fs::write(&path, noise).unwrap();
    let out = yaohao(&[
        "--lang",
        "en",
        "results",
        "parse",
        path.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let message = json(&out)["error"]["message_en"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        message.contains("not a result file") && message.contains("%PDF"),
        "{message}"
    );
}

#[test]
fn check_reads_a_code_as_the_validator_does() {
    let file = fixture("official/bj-201506-person-ordinary.pdf");
    let first = json(&yaohao(&["results", "parse", &file, "--rows", "--json"]))["list"][0]["code"]
        .as_str()
        .unwrap()
        .to_owned();
    let spaced = format!("{} {} {}", &first[..4], &first[4..8], &first[8..]);
    let wide: String = first
        .chars()
        .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap())
        .collect();
    for typed in [first.as_str(), &spaced, &wide] {
        let valid = json(&yaohao(&["validate", "code", typed, "--json"]));
        assert_eq!(valid["valid"], true, "{typed}");
        let found = json(&yaohao(&[
            "results", "check", &file, "--code", typed, "--json",
        ]));
        assert_eq!(
            (found["won"].as_bool(), found["row"].as_u64()),
            (Some(true), Some(1)),
            "{typed}"
        );
    }
}

#[test]
fn endless_and_oversized_inputs_end_with_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let zero = dir.path().join("zero.pdf");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let huge = dir.path().join("huge.txt");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(200 << 20)
        .unwrap();
    for path in [&zero, &huge] {
        let out = yaohao(&["results", "verify", path.to_str().unwrap(), "--json"]);
        assert_eq!(out.status.code(), Some(1), "{path:?}");
        let error = &json(&out)["error"];
        assert_eq!(error["code"], "input_too_large", "{error}");
        assert!(
            error["message_en"].as_str().unwrap().contains("64 MB"),
            "{error}"
        );
    }
    // A pool that never ends is refused the same way.
    let list = fixture("results/unit-nev-2016-undersubscribed.txt");
    let out = yaohao(&[
        "results",
        "verify",
        &list,
        "--pool",
        zero.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(json(&out)["error"]["code"], "input_too_large");
}
