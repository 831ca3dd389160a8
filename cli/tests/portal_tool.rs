//! The real `yaohao` binary against a separately started `yaohao-portal` process (simulated
//! clock, temporary database): two applicants go from registration to the published result;
//! the portal's operator side (SMS outbox, registry, review, clock, draw) goes through its
//! operator API. Each applicant has its own temporary `YAOHAO_HOME`.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{Value, json};

/// The simulated clock starts on 1 December 2026, 09:00 Beijing time (before the cut-off of the
/// December draw, inside the continuation month).
const START: &str = "2026-12-01T01:00:00Z";
const OPERATOR: &str = "portal-tool-operator";
const PASSWORD: &str = "Tool2026pass";
const ADDRESS: &str = "北京市海淀区中关村大街1号院2号楼";

fn photo() -> String {
    format!(
        "{}/../tests/fixtures/photos/licence.jpg",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// The `yaohao-portal` binary beside `yaohao` in the target directory.
fn portal_binary() -> PathBuf {
    let name = format!("yaohao-portal{}", std::env::consts::EXE_SUFFIX);
    let path = Path::new(env!("CARGO_BIN_EXE_yaohao")).with_file_name(name);
    assert!(
        path.exists(),
        "{} is missing: build it first with `cargo build -p yaohao-portal` (`cargo test --workspace` does)",
        path.display()
    );
    path
}

/// A running portal; killed when dropped.
struct Portal {
    child: Child,
    url: String,
    runtime: tokio::runtime::Runtime,
    http: reqwest::Client,
    _dir: tempfile::TempDir,
}

impl Drop for Portal {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Portal {
    fn start() -> Portal {
        let dir = tempfile::tempdir().unwrap();
        let mut child = Command::new(portal_binary())
            .arg("--db")
            .arg(dir.path().join("portal.db"))
            .arg("--data")
            .arg(dir.path().join("portal-data"))
            .args(["serve", "--addr", "127.0.0.1:0", "--clock", "simulated"])
            .args(["--clock-start", START, "--operator-token", OPERATOR])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .trim()
            .rsplit(' ')
            .next()
            .filter(|u| u.starts_with("http://"))
            .unwrap_or_else(|| panic!("unexpected portal banner {line:?}"))
            .to_owned();
        Portal {
            child,
            url,
            runtime: tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap(),
            // This runtime only runs during calls, so a connection the portal closed while idle
            // goes unnoticed: keep none idle longer than the portal does (10 s).
            http: reqwest::Client::builder()
                .pool_idle_timeout(Duration::from_secs(5))
                .build()
                .unwrap(),
            _dir: dir,
        }
    }

    fn operator(&self, method: reqwest::Method, path: &str, body: Option<(&str, String)>) -> Value {
        self.runtime.block_on(async {
            let mut request = self
                .http
                .request(method, format!("{}{path}", self.url))
                .header("x-operator-token", OPERATOR);
            if let Some((content_type, body)) = body {
                request = request.header("content-type", content_type).body(body);
            }
            let response = request.send().await.unwrap();
            let status = response.status();
            let text = response.text().await.unwrap();
            assert!(status.is_success(), "{path}: {status} {text}");
            serde_json::from_str(&text).unwrap()
        })
    }

    fn post(&self, path: &str, body: Value) -> Value {
        self.operator(
            reqwest::Method::POST,
            path,
            Some(("application/json", body.to_string())),
        )
    }

    /// The newest SMS code sent to `mobile`.
    fn sms_code(&self, mobile: &str) -> String {
        let outbox = self.operator(
            reqwest::Method::GET,
            &format!("/v1/operator/sms-outbox?mobile={mobile}"),
            None,
        );
        let body = outbox.as_array().and_then(|e| e.last()).unwrap()["body"]
            .as_str()
            .unwrap()
            .to_owned();
        body.split(|c: char| !c.is_ascii_digit())
            .find(|run| run.len() == 6)
            .unwrap_or_else(|| panic!("no code in {body}"))
            .to_owned()
    }

    fn set_clock(&self, to: &str) {
        self.post("/v1/operator/clock", json!({ "to": to }));
    }

    fn make_eligible(&self, id: &str, licence_file: &str) {
        let csv = format!(
            "resident_id,record,value,valid_until\n{id},hukou,,\n{id},driving_licence,{licence_file},2032-01-01\n"
        );
        self.operator(
            reqwest::Method::POST,
            "/v1/operator/registry",
            Some(("text/csv", csv)),
        );
    }
}

/// One applicant's `yaohao`: own home directory, own session.
struct Applicant {
    id: &'static str,
    name: &'static str,
    mobile: &'static str,
    home: tempfile::TempDir,
    /// Use the file-less session (`YAOHAO_KEYRING=off`) instead of the system keyring.
    keyring_off: bool,
    /// The token scripts pass in `YAOHAO_SESSION`.
    session: Option<String>,
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

impl Applicant {
    fn new(id: &'static str, name: &'static str, mobile: &'static str, keyring_off: bool) -> Self {
        Applicant {
            id,
            name,
            mobile,
            home: tempfile::tempdir().unwrap(),
            keyring_off,
            session: None,
        }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_yaohao"));
        c.args(args)
            .env("YAOHAO_HOME", self.home.path())
            .env_remove("YAOHAO_SESSION")
            .env_remove("YAOHAO_PASSWORD");
        if self.keyring_off {
            c.env("YAOHAO_KEYRING", "off");
        }
        if let Some(token) = &self.session {
            c.env("YAOHAO_SESSION", token);
        }
        c
    }

    /// Runs with `stdin` as standard input.
    fn run_with(&self, args: &[&str], stdin: &str) -> Output {
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    }

    fn run(&self, args: &[&str]) -> Output {
        self.run_with(args, "")
    }

    /// Runs, expects success, parses the JSON answer.
    fn json(&self, args: &[&str]) -> Value {
        let out = self.run(&[args, &["--json"]].concat());
        assert!(
            out.status.success(),
            "{args:?} failed: {}\n{}",
            text(&out.stdout),
            text(&out.stderr)
        );
        serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{args:?}: {e}: {}", text(&out.stdout)))
    }

    /// Runs, expects `code`, returns standard error.
    fn fails(&self, args: &[&str], code: i32) -> String {
        let out = self.run(args);
        assert_eq!(
            out.status.code(),
            Some(code),
            "{args:?}: {}\n{}",
            text(&out.stdout),
            text(&out.stderr)
        );
        text(&out.stderr)
    }

    fn register(&self, portal: &Portal) {
        let base = [
            "--portal",
            &portal.url,
            "register",
            "--id",
            self.id,
            "--name",
            self.name,
            "--mobile",
            self.mobile,
        ];
        let sent = self.json(&[&base[..], &["--send-code"]].concat());
        assert_eq!(sent["code_sent"], true);
        assert_eq!(
            sent["to"],
            format!("{}****{}", &self.mobile[..3], &self.mobile[7..])
        );
        let code = portal.sms_code(self.mobile);
        let done = self.json(&[&base[..], &["--code", &code, "--password", PASSWORD]].concat());
        assert_eq!(done["registered"], true);
        assert_eq!(done["account"]["name"], self.name);
        let shown = done["account"]["resident_id"].as_str().unwrap();
        assert!(shown.contains("********") && !shown.contains(&self.id[6..14]));
    }

    /// Logs in with a fresh code (scripted: `--send-code`, then `--code`); returns the login
    /// answer and the standard error.
    fn login(&mut self, portal: &Portal) -> (Value, String) {
        let sent = self.json(&["login", "--id", self.id, "--send-code"]);
        assert_eq!(sent["code_sent"], true);
        let code = portal.sms_code(self.mobile);
        let args = [
            "login",
            "--id",
            self.id,
            "--code",
            &code,
            "--password",
            PASSWORD,
            "--session-env",
            "--json",
        ];
        self.session = None;
        let out = self.run(&args);
        assert!(out.status.success(), "login: {}", text(&out.stderr));
        self.logged_in(&out.stdout, text(&out.stderr))
    }

    /// Logs in answering the questions on standard input: the code once the portal sent it.
    fn login_interactively(&mut self, portal: &Portal) -> (Value, String) {
        self.session = None;
        let mut child = self
            .command(&["login", "--session-env", "--json", "--lang", "en"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        writeln!(stdin, "{}", self.id).unwrap();
        let stderr = lines_of(child.stderr.take().unwrap());
        let mut seen = String::new();
        while !seen.contains("Code sent") {
            let line = stderr.recv_timeout(Duration::from_secs(20)).unwrap();
            seen += &line;
        }
        writeln!(stdin, "{}\n{PASSWORD}", portal.sms_code(self.mobile)).unwrap();
        drop(stdin);
        let out = child.wait_with_output().unwrap();
        // The rest, until the reader sees the end of the stream.
        while let Ok(line) = stderr.recv_timeout(Duration::from_secs(10)) {
            seen += &line;
        }
        assert!(out.status.success(), "login: {seen}");
        assert!(seen.contains("SMS code: "), "{seen}");
        self.logged_in(&out.stdout, seen)
    }

    fn logged_in(&mut self, stdout: &[u8], stderr: String) -> (Value, String) {
        let answer: Value = serde_json::from_slice(stdout).unwrap();
        assert_eq!(answer["logged_in"], true);
        assert!(!text(stdout).contains(self.mobile));
        // The keyring or the session file keeps the login: no YAOHAO_SESSION needed.
        assert_ne!(answer["secret_store"]["kind"], "session_env");
        (answer, stderr)
    }

    fn upload_all(&self) {
        for kind in ["id_front", "id_back", "driving_licence"] {
            let up = self.json(&["upload", kind, &photo()]);
            assert_eq!(up["status"], "uploaded", "{up}");
            assert_eq!(up["kind"], kind);
        }
    }

    fn results(&self, period: &str) -> Value {
        let all = self.json(&["results", "--period", period]);
        let outcomes = all["outcomes"].as_array().unwrap();
        assert_eq!(outcomes.len(), 1, "{all}");
        outcomes[0].clone()
    }
}

/// Reads `stream` line by line in a thread, forwarding the lines.
fn lines_of(stream: impl Read + Send + 'static) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

#[test]
fn two_applicants_from_registration_to_the_published_result() {
    let portal = Portal::start();
    // A uses the file-less session (as on a machine without a keyring); B the system keyring
    // where there is one, else the announced fallback.
    let mut a = Applicant::new("110105199001011232", "王小明", "13800138000", true);
    let mut b = Applicant::new("11010819920304121X", "李小红", "13900139000", false);
    // A weak password is refused before any SMS code is spent on it.
    let weak = a.run(&[
        "--portal",
        &portal.url,
        "register",
        "--id",
        a.id,
        "--name",
        a.name,
        "--mobile",
        a.mobile,
        "--password",
        "12345678",
        "--json",
    ]);
    assert_eq!(weak.status.code(), Some(1), "{}", text(&weak.stderr));
    let body: Value = serde_json::from_slice(&weak.stdout).unwrap();
    assert_eq!(body["error"]["code"], "password_letters_and_digits");
    assert!(
        !text(&weak.stderr).contains("验证码已发送"),
        "no code was sent"
    );
    a.register(&portal);
    b.register(&portal);
    // A new code may be requested after a minute.
    portal.post("/v1/operator/clock", json!({ "advance_seconds": 61 }));

    let (answer, notice) = a.login(&portal);
    assert_eq!(answer["secret_store"]["kind"], "file");
    assert!(notice.contains("0600"), "{notice}");
    // The login is kept for the next run in an owner-only file.
    let session_file = answer["secret_store"]["path"].as_str().unwrap().to_owned();
    assert!(session_file.starts_with(a.home.path().to_str().unwrap()));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&session_file)
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // Scripts may carry the session in YAOHAO_SESSION instead (`--session-env`).
    a.session = answer["session"].as_str().map(str::to_owned);
    assert!(a.session.is_some());
    assert_eq!(a.json(&["status"])["account"]["name"], a.name);
    a.session = None;
    let (answer, notice) = b.login(&portal);
    match answer["secret_store"]["kind"].as_str() {
        Some("keyring") => assert!(!notice.contains("0600")),
        Some("file") => assert!(notice.contains("0600"), "{notice}"),
        other => panic!("unexpected store {other:?}"),
    }

    let status = a.json(&["status"]);
    assert_eq!(status["account"]["mobile"], "138****8000");
    assert_eq!(status["applications"], json!([]));
    // Countdowns run on the portal's simulated clock, not on this machine's.
    let portal_now: chrono::DateTime<chrono::Utc> = portal
        .post("/v1/operator/clock", json!({ "advance_seconds": 0 }))["now"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let events = status["next_events"].as_array().unwrap();
    assert!(!events.is_empty());
    for e in events {
        let at: chrono::DateTime<chrono::Utc> = e["at"].as_str().unwrap().parse().unwrap();
        let seen_now = at - chrono::TimeDelta::seconds(e["countdown_seconds"].as_i64().unwrap());
        assert!((seen_now - portal_now).num_seconds().abs() < 600, "{e}");
    }

    // A, interactively: the licence number typed as the file number is refused and re-asked;
    // the input ends before the address: the answers so far stay in the draft.
    let out = a.run_with(&["apply"], &format!("{}\n110000123456\n", a.id));
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("档案编号") && err.contains("输入已结束"),
        "{err}"
    );
    assert!(!err.contains(a.id), "the ID number must be masked: {err}");
    // Non-interactive: a bad address is refused with the validator's reason.
    let err = a.fails(
        &["apply", "--address", "x", "--no-input", "--lang", "en"],
        1,
    );
    assert!(err.contains("--address"), "{err}");
    // The next apply resumes the draft: the file number answered before is still there.
    let preview = a.json(&["apply", "--address", ADDRESS, "--no-submit"]);
    assert_eq!(preview["form"]["licence_file"], "110000123456");
    assert_eq!(preview["form"]["address"], ADDRESS);
    assert_eq!(preview["ready"], false);
    assert_eq!(
        preview["missing_documents"],
        json!(["id_front", "id_back", "driving_licence"])
    );
    let refused = a.run(&["apply", "--yes", "--no-input", "--json"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(text(&refused.stdout).contains("\"missing_documents\""));
    // A photo cut short in transfer is refused; a blurry one is accepted with the warning.
    let dir = tempfile::tempdir().unwrap();
    let whole = std::fs::read(photo()).unwrap();
    let cut = dir.path().join("cut.jpg");
    std::fs::write(&cut, &whole[..whole.len() / 2]).unwrap();
    let refused = a.run(&["upload", "id_front", cut.to_str().unwrap(), "--json"]);
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused.stderr));
    let body: Value = serde_json::from_slice(&refused.stdout).unwrap();
    assert_eq!(body["error"]["code"], "document_corrupt", "{body}");
    let grey = dir.path().join("grey.png");
    image::GrayImage::from_pixel(1600, 1100, image::Luma([128]))
        .save(&grey)
        .unwrap();
    let blurry = a.json(&["upload", "id_front", grey.to_str().unwrap()]);
    assert_eq!(blurry["warnings"][0]["code"], "document_blurry", "{blurry}");
    let shown = a.run(&["upload", "id_front", grey.to_str().unwrap(), "--lang", "en"]);
    assert!(text(&shown.stdout).contains("⚠"), "{}", text(&shown.stdout));
    a.upload_all();
    let submitted = a.json(&["apply", "--yes", "--no-input"]);
    let code_a = submitted["submitted"]["code"].as_str().unwrap().to_owned();
    assert_eq!(code_a.len(), 13);
    assert_eq!(submitted["submitted"]["status"], "under_review");

    // B, scripted: the form from a JSON file and the photos as flags, submitted at once.
    let form = b.home.path().join("form.json");
    std::fs::write(
        &form,
        json!({ "licence_file": "110000654321", "address": ADDRESS }).to_string(),
    )
    .unwrap();
    let docs: Vec<String> = ["id_front", "id_back", "driving_licence"]
        .iter()
        .map(|k| format!("{k}={}", photo()))
        .collect();
    let mut args = vec![
        "apply",
        "--from",
        form.to_str().unwrap(),
        "--yes",
        "--no-input",
    ];
    for d in &docs {
        args.extend(["--document", d]);
    }
    let submitted = b.json(&args);
    let code_b = submitted["submitted"]["code"].as_str().unwrap().to_owned();
    assert_ne!(code_a, code_b);

    // The registry knows A only: B's review fails, with the reasons shown; B fixes nothing but
    // the registry, resubmits the same application, and passes.
    portal.make_eligible(a.id, "110000123456");
    portal.post("/v1/operator/reviews", json!({}));
    let status = b.json(&["status"]);
    let rejected = &status["applications"][0];
    assert_eq!(rejected["status"], "rejected", "{status}");
    assert!(!rejected["rejection_reasons"].as_array().unwrap().is_empty());
    let shown = text(&b.run(&["status", "--lang", "en"]).stdout);
    assert!(shown.contains("Rejected") && shown.contains("✗"), "{shown}");
    portal.make_eligible(b.id, "110000654321");
    let id_b = rejected["id"].as_i64().unwrap().to_string();
    let again = b.json(&["apply", "--application", &id_b, "--yes", "--no-input"]);
    assert_eq!(again["submitted"]["status"], "under_review", "{again}");
    assert_eq!(again["submitted"]["code"], code_b.as_str());
    portal.post("/v1/operator/reviews", json!({}));
    assert_eq!(b.json(&["status"])["applications"][0]["status"], "approved");
    let status = a.json(&["status"]);
    assert_eq!(status["applications"][0]["status"], "approved", "{status}");
    assert_eq!(status["applications"][0]["code"], code_a.as_str());

    // The portal's calendar: a draw it announces a day late replaces the projected one; the
    // offline projection keeps the policy's date.
    let range = ["--from", "2027-02-01", "--to", "2027-02-28"];
    let draw_of = |events: &Value| -> Value {
        events
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["kind"] == "draw")
            .cloned()
            .unwrap_or_else(|| panic!("no draw in {events}"))
    };
    let projected = draw_of(&a.json(&[&["calendar"][..], &range].concat()));
    let projected_date: chrono::NaiveDate = projected["date"].as_str().unwrap().parse().unwrap();
    let moved = projected_date.succ_opt().unwrap();
    portal.post(
        "/v1/operator/calendar",
        json!({ "kind": "draw", "projected": projected_date, "at": format!("{moved}T10:15:00+08:00") }),
    );
    let announced = draw_of(&a.json(&[&["calendar"][..], &range].concat()));
    assert_eq!(announced["date"], moved.to_string());
    assert_eq!(announced["announced"], true);
    // Offline, the regime is named (the portal runs bimonthly-2014; annual-2021 is in force).
    let offline = draw_of(
        &a.json(
            &[
                &["calendar", "--offline", "--policy", "bimonthly-2014"][..],
                &range,
            ]
            .concat(),
        ),
    );
    assert_eq!(offline["date"], projected["date"]);
    let reminders = a.json(&["reminders"]);
    assert!(reminders.is_array(), "{reminders}");

    // One quota for two applicants: exactly one wins.
    let period = portal.post("/v1/operator/periods", json!({ "quota": 1 }));
    let period_id = period["id"].as_str().unwrap().to_owned();
    let publish: chrono::DateTime<chrono::Utc> =
        period["publish_at"].as_str().unwrap().parse().unwrap();
    // Draw-day morning: the sessions of 1 December have expired; log in again.
    portal.set_clock(&(publish - chrono::TimeDelta::hours(3)).to_rfc3339());
    a.login(&portal);
    b.login_interactively(&portal);

    let mut watch = a
        .command(&["watch", "--timeout", "12", "--json", "--no-notify"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = lines_of(watch.stderr.take().unwrap());
    let listening = stderr
        .recv_timeout(Duration::from_secs(20))
        .unwrap_or_default();
    assert!(
        listening.contains("正在等待"),
        "watch did not subscribe: {listening}"
    );
    portal.post(
        &format!("/v1/operator/periods/{period_id}/draw"),
        json!({ "seed": "390922" }),
    );
    portal.set_clock(&(publish + chrono::TimeDelta::minutes(1)).to_rfc3339());
    let watched = watch.wait_with_output().unwrap();
    assert!(watched.status.success(), "watch: {}", text(&watched.stdout));
    // One alert for one result, however often the stream repeats it.
    let stdout = text(&watched.stdout);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    let alert: Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
    assert_eq!(alert["period"], period_id.as_str());
    assert_eq!(alert["outcomes"][0]["code"], code_a.as_str());

    // B was not watching: the next watch shows the result published meanwhile, at once, and
    // only once (the push that the stream then delivers is the same result).
    let missed = b.run(&["watch", "--timeout", "5", "--json", "--no-notify"]);
    assert!(missed.status.success(), "{}", text(&missed.stderr));
    let stdout = text(&missed.stdout);
    let alerts: Vec<&str> = stdout.lines().collect();
    assert_eq!(alerts.len(), 1, "{alerts:?}");
    let alert_b: Value = serde_json::from_str(alerts[0]).unwrap();
    assert_eq!(alert_b["outcomes"][0]["code"], code_b.as_str());

    // A follower with no account, who typed B's code with spaces, gets B's result from `watch`.
    let follower = Applicant::new("110101198001010010", "", "", true);
    let spaced = format!("{} {} {}", &code_b[..4], &code_b[4..8], &code_b[8..]);
    let followed = follower.json(&["--portal", &portal.url, "follow", &spaced]);
    assert_eq!(followed["followed"], json!([code_b]));
    let err = follower.fails(&["follow", "123"], 1);
    assert!(err.contains("123"), "{err}");
    let found = follower.run(&[
        "watch",
        "--once",
        "--timeout",
        "20",
        "--json",
        "--no-notify",
    ]);
    assert!(found.status.success(), "{}", text(&found.stderr));
    let alert_f: Value = serde_json::from_str(text(&found.stdout).lines().next().unwrap()).unwrap();
    assert_eq!(alert_f["outcomes"][0]["code"], code_b.as_str());
    assert_eq!(alert_f["won"], alert_b["won"]);
    // Shown once: the next watch finds nothing new before its timeout.
    follower.fails(&["watch", "--once", "--timeout", "2", "--no-notify"], 1);
    let none = follower.json(&["unfollow", &code_b]);
    assert_eq!(none["followed"], json!([]));

    let result_a = a.results(&period_id);
    let result_b = b.results(&period_id);
    assert_eq!(result_a["verified"], true);
    assert_eq!(alert["won"], result_a["won"]);
    let a_won = result_a["won"].as_bool().unwrap();
    assert_ne!(
        a_won,
        result_b["won"].as_bool().unwrap(),
        "one quota, one winner"
    );
    let human = a.run(&["results", "--lang", "en"]);
    let shown = text(&human.stdout);
    assert!(shown.contains(&code_a) && shown.contains(if a_won { "WON" } else { "not drawn" }));

    let (winner, loser) = if a_won { (&a, &b) } else { (&b, &a) };
    let confirmed = winner.json(&["confirm"]);
    assert_eq!(
        confirmed["confirmed"][0]["status"], "confirmed",
        "{confirmed}"
    );
    assert!(
        !confirmed["confirmed"][0]["certificate"]
            .as_str()
            .unwrap()
            .is_empty()
    );
    loser.fails(&["confirm"], 1);
    // The loser's application carries over: one unsuccessful draw, and it is continued in
    // December.
    let continuation = |reminders: &Value| {
        reminders
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["kind"].as_str().unwrap().starts_with("continuation"))
            .filter(|r| r["id"].as_str().unwrap().contains(":2026-12-"))
            .count()
    };
    assert!(
        continuation(&loser.json(&["reminders"])) > 0,
        "December: continue"
    );
    let continued = loser.json(&["continue"]);
    assert_eq!(continued["continued"][0]["status"], "approved");
    assert_eq!(continued["continued"][0]["draw_count"], 1);
    // Once continued, this December's reminders to continue go (next year's stay).
    let after = loser.json(&["reminders"]);
    assert_eq!(continuation(&after), 0, "{after:#}\n{continued:#}");
    // Again: the core refuses, and says why.
    let err = loser.fails(&["continue", "--lang", "en"], 1);
    assert!(err.contains("nothing more to do this year"), "{err}");

    for applicant in [&a, &b] {
        assert_eq!(applicant.json(&["logout"])["logged_out"], true);
    }
    let err = a.fails(&["status"], 3);
    assert!(err.contains("yaohao login"), "{err}");
    a.fails(&["status", "--lang", "en"], 3);
    b.fails(&["status"], 3);
    a.fails(&["results"], 3);
    // Logging in again brings the published result back.
    portal.post("/v1/operator/clock", json!({ "advance_seconds": 61 }));
    a.login(&portal);
    assert_eq!(a.results(&period_id)["code"], code_a.as_str());
    let all = a.json(&["results"]);
    assert_eq!(all["outcomes"][0]["code"], code_a.as_str(), "{all}");
    // A session that ended on the portal is "log in again" (exit 3), not an empty answer.
    portal.post(
        "/v1/operator/clock",
        json!({ "advance_seconds": 13 * 3600 }),
    );
    let err = a.fails(&["results"], 3);
    assert!(err.contains("yaohao login"), "{err}");
}

/// A `yaohao` with an empty home directory and no keyring.
fn bare(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yaohao"))
        .args(args)
        .env("YAOHAO_HOME", home)
        .env("YAOHAO_KEYRING", "off")
        .env_remove("YAOHAO_SESSION")
        .output()
        .unwrap()
}

#[test]
fn changing_withdrawing_exporting_and_deleting_from_the_command_line() {
    let portal = Portal::start();
    let mut c = Applicant::new("110102198808080112", "赵小刚", "13700137001", true);
    c.register(&portal);
    portal.post("/v1/operator/clock", json!({ "advance_seconds": 61 }));
    c.login(&portal);
    let form = c.home.path().join("form.json");
    std::fs::write(
        &form,
        json!({ "licence_file": "110000123456", "address": ADDRESS }).to_string(),
    )
    .unwrap();
    let mut args = vec![
        "apply",
        "--from",
        form.to_str().unwrap(),
        "--yes",
        "--no-input",
    ];
    let docs: Vec<String> = ["id_front", "id_back", "driving_licence"]
        .iter()
        .map(|k| format!("{k}={}", photo()))
        .collect();
    for d in &docs {
        args.extend(["--document", d]);
    }
    let submitted = c.json(&args);
    let id = submitted["submitted"]["id"].as_i64().unwrap().to_string();

    // Reviewed changes: the address only once an application is approved (the core says to edit
    // the form before that); the marital status one request at a time.
    let proof = photo();
    let err = c.fails(
        &[
            "change",
            "address",
            "--address",
            "北京市海淀区中关村大街27号院3号楼201",
            "--proof",
            &proof,
        ],
        1,
    );
    assert!(err.contains("直接修改申请表"), "{err}");
    let marital = [
        "change", "marital", "--status", "married", "--proof", &proof,
    ];
    let asked = c.json(&marital);
    assert_eq!(asked["requested"]["status"], "pending", "{asked}");
    assert_eq!(asked["requested"]["requested_status"], "married");
    let err = c.fails(&marital, 1);
    assert!(err.contains("审核"), "{err}");

    // Withdrawing asks for --yes, refuses an unknown id, and keeps the code.
    let err = c.fails(&["withdraw", "--application", "999999", "--yes"], 1);
    assert!(err.contains("999999"), "{err}");
    let err = c.fails(&["withdraw", "--application", &id, "--lang", "en"], 1);
    assert!(err.contains("--yes"), "{err}");
    let done = c.json(&["withdraw", "--application", &id, "--yes"]);
    assert_eq!(done["withdrawn"]["status"], "withdrawn", "{done}");
    assert_eq!(done["withdrawn"]["code"], submitted["submitted"]["code"]);

    // The export holds the full ID number, and never overwrites a file.
    let file = c.home.path().join("export.json");
    let written = c.json(&["export", "--out", file.to_str().unwrap()]);
    assert_eq!(written["applications"], 1);
    let export: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(export["account"]["resident_id"], c.id);
    assert_eq!(
        export["applications"][0]["application"]["status"],
        "withdrawn"
    );
    c.fails(&["export", "--out", file.to_str().unwrap()], 1);

    // Deletion needs the ID number typed out and the password.
    let err = c.fails(
        &[
            "delete-account",
            "--confirm",
            "11010519491231002X",
            "--password",
            PASSWORD,
        ],
        1,
    );
    assert!(err.contains("110102********0112"), "{err}");
    let err = c.fails(
        &[
            "delete-account",
            "--confirm",
            c.id,
            "--password",
            "Wrong2026pass",
        ],
        1,
    );
    assert!(err.contains("密码"), "{err}");
    let deleted = c.json(&["delete-account", "--confirm", c.id, "--password", PASSWORD]);
    assert_eq!(deleted["deleted"], true);
    c.fails(&["status"], 3);
}

#[test]
fn a_unit_registers_logs_in_by_its_credit_code_and_applies_with_its_materials() {
    // The sample code printed in GB 32100-2015; the contact person's ID and mobile.
    const CREDIT_CODE: &str = "91350100M000100Y43";
    let portal = Portal::start();
    let mut u = Applicant::new("110102198808080112", "钱经办", "13700137002", true);
    let base = [
        "--portal",
        &portal.url,
        "register",
        "--unit",
        "--credit-code",
        "9135 0100 M000 100Y43",
        "--unit-name",
        "北京某某科技有限公司",
        "--id",
        u.id,
        "--name",
        u.name,
        "--mobile",
        u.mobile,
    ];
    assert_eq!(
        u.json(&[&base[..], &["--send-code"]].concat())["code_sent"],
        true
    );
    let code = portal.sms_code(u.mobile);
    let done = u.json(&[&base[..], &["--code", &code, "--password", PASSWORD]].concat());
    assert_eq!(done["account"]["unit"]["credit_code"], CREDIT_CODE);
    assert_eq!(done["account"]["unit"]["unit_name"], "北京某某科技有限公司");
    portal.post("/v1/operator/clock", json!({ "advance_seconds": 61 }));

    // The unit logs in by its credit code; the code goes to the contact's mobile.
    assert_eq!(
        u.json(&["login", "--credit-code", CREDIT_CODE, "--send-code"])["code_sent"],
        true
    );
    let code = portal.sms_code(u.mobile);
    let out = u.run(&[
        "login",
        "--credit-code",
        CREDIT_CODE,
        "--code",
        &code,
        "--password",
        PASSWORD,
        "--session-env",
        "--json",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let (answer, _) = u.logged_in(&out.stdout, text(&out.stderr));
    assert_eq!(answer["account"]["unit"]["credit_code"], CREDIT_CODE);

    // A person's kind is refused for a unit, with the core's reason; the unit's kind takes an
    // address and the unit's two materials, no driving licence.
    let refused = u.fails(&["apply", "--kind", "individual_ordinary", "--no-input"], 1);
    assert!(refused.contains("单位账户"), "{refused}");
    let licence = format!("business_licence={}", photo());
    let tax = format!("tax_proof={}", photo());
    let submitted = u.json(&[
        "apply",
        "--kind",
        "unit_ordinary",
        "--address",
        ADDRESS,
        "--document",
        &licence,
        "--document",
        &tax,
        "--yes",
        "--no-input",
    ]);
    assert_eq!(
        submitted["submitted"]["status"], "under_review",
        "{submitted}"
    );
    assert_eq!(submitted["submitted"]["kind"], "unit_ordinary");
}

#[test]
fn plain_http_to_another_host_is_refused_and_not_remembered() {
    let home = tempfile::tempdir().unwrap();
    let out = bare(
        home.path(),
        &["--portal", "http://portal.example", "status"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("refusing plain http"),
        "{}",
        text(&out.stderr)
    );
    assert!(!home.path().join("config.toml").exists());
    // Without any portal, portal commands say how to name one.
    let out = bare(home.path(), &["status"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--portal"));
}

#[test]
fn a_one_off_portal_is_not_remembered_and_errors_have_their_exit_codes() {
    let home = tempfile::tempdir().unwrap();
    // Nothing listens on port 9 of loopback.
    let out = bare(home.path(), &["--portal", "http://127.0.0.1:9", "status"]);
    assert_eq!(out.status.code(), Some(3), "not logged in");
    let err = text(&out.stderr);
    assert!(err.contains("yaohao login"), "{err}");
    // A --portal given to one command is not remembered ...
    assert!(!home.path().join("config.toml").exists());
    assert_eq!(bare(home.path(), &["status"]).status.code(), Some(2));
    // ... `config set portal` (or the first login) remembers one.
    let set = bare(
        home.path(),
        &["config", "set", "portal", "http://127.0.0.1:9", "--json"],
    );
    assert!(set.status.success(), "{}", text(&set.stderr));
    let shown: Value = serde_json::from_slice(&set.stdout).unwrap();
    assert_eq!(shown["portal"], "http://127.0.0.1:9");
    let refused = bare(
        home.path(),
        &["config", "set", "portal", "http://portal.example"],
    );
    assert_eq!(refused.status.code(), Some(2));
    // Remembered: no --portal needed. Results need a login (exit 3); the unreachable portal is
    // exit 4 with the JSON error.
    let out = bare(home.path(), &["results", "--json"]);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    let out = bare(
        home.path(),
        &[
            "register",
            "--id",
            "110105199001011232",
            "--name",
            "王小明",
            "--mobile",
            "13800138000",
            "--send-code",
            "--json",
        ],
    );
    assert_eq!(out.status.code(), Some(4), "{}", text(&out.stderr));
    let body: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(body["error"]["code"], "network");
    // Another portal for one command leaves the remembered one alone.
    bare(home.path(), &["--portal", "http://127.0.0.1:10", "status"]);
    let config = std::fs::read_to_string(home.path().join("config.toml")).unwrap();
    assert!(config.contains("http://127.0.0.1:9\""), "{config}");
    // The calendar still answers offline, from the policy's projection.
    let out = bare(home.path(), &["calendar", "--json", "--to", "2027-06-30"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let events: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!events.as_array().unwrap().is_empty());
}

#[test]
fn completions_for_the_common_shells() {
    for shell in ["bash", "zsh", "fish"] {
        let out = Command::new(env!("CARGO_BIN_EXE_yaohao"))
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(out.status.success());
        let script = text(&out.stdout);
        for word in ["yaohao", "apply", "watch", "portal"] {
            assert!(script.contains(word), "{shell} completion lacks {word}");
        }
    }
}

#[test]
fn every_command_documents_examples_and_the_portal_ones_their_exit_codes() {
    let portal = [
        "register",
        "login",
        "logout",
        "status",
        "apply",
        "upload",
        "results",
        "confirm",
        "continue",
        "withdraw",
        "change",
        "export",
        "delete-account",
        "follow",
        "unfollow",
        "watch",
        "calendar",
        "reminders",
    ];
    let offline = [
        "config",
        "demo",
        "policy",
        "validate",
        "eligibility",
        "points",
        "odds",
        "draw",
        "completions",
    ];
    for command in portal.iter().chain(&offline) {
        let out = Command::new(env!("CARGO_BIN_EXE_yaohao"))
            .args([command, "--help"])
            .output()
            .unwrap();
        let help = text(&out.stdout);
        assert!(
            help.contains("Examples"),
            "{command} --help has no examples"
        );
        if portal.contains(command) {
            assert!(
                help.contains("Exit status"),
                "{command} --help has no exit codes"
            );
        }
    }
    let top = text(
        &Command::new(env!("CARGO_BIN_EXE_yaohao"))
            .arg("--help")
            .output()
            .unwrap()
            .stdout,
    );
    for code in ["3 login required", "4 temporarily unavailable"] {
        assert!(
            top.replace('\n', " ").contains(code),
            "yaohao --help lacks {code:?}"
        );
    }
}
