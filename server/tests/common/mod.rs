//! Shared helpers for the HTTP tests: a real portal on a loopback port with a temporary SQLite
//! file, a simulated clock and the SMS outbox, driven with reqwest.
#![allow(dead_code)]

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use reqwest::{Method, RequestBuilder, Response, StatusCode};
use serde_json::{Value, json};
use yaohao_portal::config::{ClockConfig, PortalConfig};
use yaohao_portal::{Portal, start_ephemeral};

/// The operator token the test portals use.
pub const OPERATOR: &str = "test-operator-token";
/// Valid GB 11643 resident IDs.
pub const ID_A: &str = "110105199001011232";
pub const ID_B: &str = "110102198506154569";
pub const ID_C: &str = "110108199511207891";
/// Mobile numbers.
pub const MOBILE_A: &str = "13800138000";
pub const MOBILE_B: &str = "13900139000";
pub const MOBILE_C: &str = "13700137000";
/// A password that meets the policy.
pub const PASSWORD: &str = "Secret123";

/// A running test portal and the directory holding its files.
pub struct TestPortal {
    pub portal: Portal,
    pub client: reqwest::Client,
    pub dir: tempfile::TempDir,
}

/// The simulated clock's start: 2026-03-01 08:00 Beijing time.
pub fn start_instant() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-01T00:00:00Z")
        .unwrap()
        .to_utc()
}

fn config(dir: &tempfile::TempDir) -> PortalConfig {
    let mut config = PortalConfig::new(dir.path().join("portal.db"), dir.path().join("data"));
    config.clock = ClockConfig::Simulated(start_instant());
    config.operator_token = OPERATOR.to_owned();
    // Every test client is 127.0.0.1: the per-client limits are raised here and lowered only by
    // the tests of those limits (tests/abuse.rs).
    config.limits.sms_per_minute = 100_000;
    config.limits.captchas_per_minute = 100_000;
    config.limits.logins_per_minute = 100_000;
    config
}

/// Starts a portal with a fresh database.
pub async fn start() -> TestPortal {
    start_with(|_| {}).await
}

/// Starts a portal with a fresh database and a configuration adjusted by `adjust`.
pub async fn start_with(adjust: impl FnOnce(&mut PortalConfig)) -> TestPortal {
    let dir = tempfile::tempdir().unwrap();
    let mut config = config(&dir);
    adjust(&mut config);
    let portal = start_ephemeral(config).await.unwrap();
    TestPortal {
        portal,
        client: reqwest::Client::new(),
        dir,
    }
}

impl TestPortal {
    /// Stops the server and starts a new one on the same files, with the clock where it was.
    pub async fn restart(self) -> TestPortal {
        let now = self.portal.state.clock.now();
        self.portal.shutdown().await.unwrap();
        let mut config = config(&self.dir);
        config.clock = ClockConfig::Simulated(now);
        let portal = start_ephemeral(config).await.unwrap();
        TestPortal {
            portal,
            client: self.client,
            dir: self.dir,
        }
    }

    pub fn db_path(&self) -> PathBuf {
        self.dir.path().join("portal.db")
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.portal.base_url)
    }

    pub fn req(&self, method: Method, path: &str, token: Option<&str>) -> RequestBuilder {
        let builder = self.client.request(method, self.url(path));
        match token {
            Some(token) => builder.bearer_auth(token),
            None => builder,
        }
    }

    pub fn operator(&self, method: Method, path: &str) -> RequestBuilder {
        self.client
            .request(method, self.url(path))
            .header("x-operator-token", OPERATOR)
    }

    /// Sends JSON and returns the status and the JSON body (Null when empty).
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut builder = self.req(method, path, token);
        if let Some(body) = body {
            builder = builder.json(&body);
        }
        read(builder.send().await.unwrap()).await
    }

    /// Moves the simulated clock forward.
    pub async fn advance(&self, seconds: i64) {
        let r = self
            .operator(Method::POST, "/v1/operator/clock")
            .json(&json!({ "advance_seconds": seconds }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
    }

    /// The newest SMS code sent to `mobile`, read from the operator outbox.
    pub async fn last_code(&self, mobile: &str) -> String {
        let r = self
            .operator(
                Method::GET,
                &format!("/v1/operator/sms-outbox?mobile={mobile}"),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        let entries: Vec<Value> = r.json().await.unwrap();
        let body = entries.last().expect("a message was sent")["body"]
            .as_str()
            .unwrap()
            .to_owned();
        let digits: String = body
            .split(|c: char| !c.is_ascii_digit())
            .find(|run| run.len() == 6)
            .expect("a 6-digit code")
            .to_owned();
        digits
    }

    /// Requests a code (after waiting out the resend interval) and returns it.
    pub async fn code(&self, body: Value, mobile: &str) -> String {
        self.advance(61).await;
        let (status, answer) = self
            .call(Method::POST, "/v1/sms-codes", None, Some(body))
            .await;
        assert_eq!(status, StatusCode::ACCEPTED, "{answer}");
        self.last_code(mobile).await
    }

    /// Registers an account and returns its JSON.
    pub async fn register(&self, id: &str, name: &str, mobile: &str) -> Value {
        let code = self
            .code(json!({ "purpose": "register", "mobile": mobile }), mobile)
            .await;
        let (status, body) = self
            .call(
                Method::POST,
                "/v1/accounts",
                None,
                Some(json!({
                    "resident_id": id, "name": name, "mobile": mobile,
                    "password": PASSWORD, "sms_code": code
                })),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        body
    }

    /// Logs in and returns the session token.
    pub async fn login(&self, id: &str, mobile: &str) -> String {
        self.session(json!({ "resident_id": id }), mobile).await
    }

    /// Logs the account named by `identity` (`resident_id` or `credit_code`) in with a fresh
    /// code sent to `mobile`; the session token.
    async fn session(&self, identity: Value, mobile: &str) -> String {
        let mut request = identity.clone();
        request["purpose"] = json!("login");
        let code = self.code(request, mobile).await;
        let mut login = identity;
        login["password"] = json!(PASSWORD);
        login["sms_code"] = json!(code);
        let (status, body) = self
            .call(Method::POST, "/v1/sessions", None, Some(login))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        body["token"].as_str().unwrap().to_owned()
    }

    /// Registers and logs in.
    pub async fn applicant(&self, id: &str, name: &str, mobile: &str) -> String {
        self.register(id, name, mobile).await;
        self.login(id, mobile).await
    }

    /// Registers the unit `credit_code` with a contact (`contact_id`, `mobile`), logs it in by
    /// its credit code, and returns the session.
    pub async fn unit(&self, credit_code: &str, contact_id: &str, mobile: &str) -> String {
        let code = self
            .code(json!({ "purpose": "register", "mobile": mobile }), mobile)
            .await;
        let (status, body) = self
            .call(
                Method::POST,
                "/v1/units",
                None,
                Some(json!({
                    "credit_code": credit_code, "unit_name": "北京某某科技有限公司",
                    "contact_resident_id": contact_id, "contact_name": "王经办",
                    "mobile": mobile, "password": PASSWORD, "sms_code": code
                })),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        self.session(json!({ "credit_code": credit_code }), mobile)
            .await
    }

    /// Draws the frozen period `id` with `seed` and publishes it.
    pub async fn draw_and_publish(&self, id: &str, seed: &str) {
        let (status, body) = self
            .operate(
                &format!("/v1/operator/periods/{id}/draw"),
                Some(json!({ "seed": seed })),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "draw {id}: {body}");
        let (status, body) = self
            .operate(&format!("/v1/operator/periods/{id}/publish"), None)
            .await;
        assert_eq!(status, StatusCode::OK, "publish {id}: {body}");
    }

    /// The bytes `GET path` answers (a published file).
    pub async fn bytes(&self, path: &str) -> Vec<u8> {
        let response = self.client.get(self.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        response.bytes().await.unwrap().to_vec()
    }

    /// An operator `POST` with an optional JSON body: status and JSON answer.
    pub async fn operate(&self, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        let mut r = self.operator(Method::POST, path);
        if let Some(body) = body {
            r = r.json(&body);
        }
        read(r.send().await.unwrap()).await
    }
}

/// Status and JSON body of a response.
pub async fn read(response: Response) -> (StatusCode, Value) {
    let status = response.status();
    let text = response.text().await.unwrap();
    let value = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap()
    };
    (status, value)
}

/// A small valid PNG.
pub fn png() -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    image::RgbImage::from_pixel(8, 8, image::Rgb([200, 30, 30]))
        .write_to(&mut out, image::ImageFormat::Png)
        .unwrap();
    out.into_inner()
}

/// A small valid JPEG.
pub fn jpeg() -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    image::RgbImage::from_pixel(8, 8, image::Rgb([30, 200, 30]))
        .write_to(&mut out, image::ImageFormat::Jpeg)
        .unwrap();
    out.into_inner()
}

/// A licence file number that passes the core check.
pub const LICENCE_FILE: &str = "110000123456";
/// An address that passes the core check.
pub const ADDRESS: &str = "北京市海淀区中关村大街1号院2号楼";

impl TestPortal {
    /// Uploads `bytes` as the material `kind` of application `id`.
    pub async fn upload(
        &self,
        token: &str,
        id: i64,
        kind: &str,
        bytes: Vec<u8>,
    ) -> (StatusCode, Value) {
        let part = reqwest::multipart::Part::bytes(bytes).file_name("scan.png");
        let form = reqwest::multipart::Form::new().part("file", part);
        let r = self
            .req(
                Method::PUT,
                &format!("/v1/applications/{id}/documents/{kind}"),
                Some(token),
            )
            .multipart(form)
            .send()
            .await
            .unwrap();
        read(r).await
    }

    /// Creates an individual ordinary application with a complete form and every required
    /// material, and returns its id.
    pub async fn complete_draft(&self, token: &str) -> i64 {
        let (status, app) = self
            .call(
                Method::POST,
                "/v1/applications",
                Some(token),
                Some(json!({ "kind": "individual_ordinary",
                             "form": { "licence_file": LICENCE_FILE, "address": ADDRESS } })),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{app}");
        let id = app["id"].as_i64().unwrap();
        for kind in ["id_front", "id_back", "driving_licence"] {
            let (status, body) = self.upload(token, id, kind, png()).await;
            assert_eq!(status, StatusCode::OK, "{body}");
        }
        id
    }

    /// Submits application `id` and returns its JSON.
    pub async fn submit(&self, token: &str, id: i64) -> Value {
        let (status, body) = self
            .call(
                Method::POST,
                &format!("/v1/applications/{id}/submit"),
                Some(token),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body
    }

    /// Imports a registry CSV (without header) and asserts success.
    pub async fn import_registry(&self, rows: &str) {
        let csv = format!("resident_id,record,value,valid_until\n{rows}");
        let r = self
            .operator(Method::POST, "/v1/operator/registry")
            .body(csv)
            .send()
            .await
            .unwrap();
        let (status, body) = read(r).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }

    /// Registry rows making `id` an eligible Beijing-hukou applicant with a valid licence.
    pub fn eligible_rows(id: &str) -> String {
        format!("{id},hukou,,\n{id},driving_licence,{LICENCE_FILE},2032-01-01\n")
    }

    /// Runs the review and returns its summary.
    pub async fn review(&self) -> Value {
        let r = self
            .operator(Method::POST, "/v1/operator/reviews")
            .send()
            .await
            .unwrap();
        let (status, body) = read(r).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body
    }
}

impl TestPortal {
    /// Takes the account of `token` through one period (202602, quota 1) up to the draw: a
    /// complete application, submitted and reviewed, a period frozen and drawn.
    pub async fn one_participant_cycle(&self, token: &str) {
        let app = self.complete_draft(token).await;
        self.submit(token, app).await;
        self.review().await;
        for (path, body) in [
            ("/v1/operator/periods", Some(json!({ "quota": 1 }))),
            ("/v1/operator/periods/202602/freeze", None),
            (
                "/v1/operator/periods/202602/draw",
                Some(json!({ "seed": "100001" })),
            ),
        ] {
            let mut r = self.operator(Method::POST, path);
            if let Some(body) = body {
                r = r.json(&body);
            }
            assert!(r.send().await.unwrap().status().is_success(), "{path}");
        }
    }

    /// Publishes period 202602.
    pub async fn publish(&self) {
        let r = self
            .operator(Method::POST, "/v1/operator/periods/202602/publish")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
    }

    /// Registers a device of `provider` with `device` as its token for the session `token`.
    pub async fn device(&self, token: &str, provider: &str, device: &str) {
        let (status, body) = self
            .call(
                Method::POST,
                "/v1/me/devices",
                Some(token),
                Some(json!({ "provider": provider, "token": device })),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }

    /// Opens the `dev` push stream of `device` with the session `token`.
    pub async fn push_stream(&self, token: &str, device: &str) -> Response {
        let stream = self
            .req(
                Method::GET,
                &format!("/v1/me/push/stream?device={device}"),
                Some(token),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(stream.status(), StatusCode::OK);
        stream
    }
}

/// What an event stream sends within `wait`, and whether it ended by then.
pub async fn stream_text(stream: &mut Response, wait: std::time::Duration) -> (String, bool) {
    let mut text = String::new();
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        match tokio::time::timeout_at(deadline, stream.chunk()).await {
            Err(_) => return (text, false),
            Ok(Ok(Some(chunk))) => text.push_str(&String::from_utf8_lossy(&chunk)),
            Ok(_) => return (text, true),
        }
    }
}

/// A PNG whose header declares `width` × `height` 8-bit grey pixels, with a tiny compressed
/// stream behind it: what a decompression bomb looks like before anything is decoded.
pub fn png_declaring(width: u32, height: u32) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &byte in bytes {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let start = out.len();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        let crc = crc32(&out[start..]);
        out.extend_from_slice(&crc.to_be_bytes());
    }
    let mut out = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    let mut header = Vec::new();
    header.extend_from_slice(&width.to_be_bytes());
    header.extend_from_slice(&height.to_be_bytes());
    header.extend_from_slice(&[8, 0, 0, 0, 0]); // 8-bit greyscale, deflate, no interlace
    chunk(&mut out, b"IHDR", &header);
    // A zlib stream of one empty stored block: a decoder that starts decoding finds it short.
    chunk(
        &mut out,
        b"IDAT",
        &[
            0x78, 0x01, 0x01, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x01,
        ],
    );
    chunk(&mut out, b"IEND", &[]);
    out
}

/// The `serial`-th valid resident ID of a Beijing-born adult (born 1980-01-01, region 110105).
pub fn resident_id(serial: u32) -> String {
    let first17 = format!("11010519800101{:03}", serial % 1000);
    let digits: Vec<u32> = first17.chars().filter_map(|c| c.to_digit(10)).collect();
    let check = yaohao_core::validate::check_char(&digits.try_into().unwrap());
    format!("{first17}{check}")
}

/// The `serial`-th valid unified social credit code of a Beijing company (`91110108…`), with
/// both check characters computed here by GB 11714 and GB 32100, independently of the core.
pub fn credit_code(serial: u32) -> String {
    const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    let org: Vec<char> = format!("{:08}", 55_000_000 + serial).chars().collect();
    let sum: u32 = org
        .iter()
        .zip([3, 7, 9, 10, 5, 8, 4, 2])
        .map(|(c, w)| c.to_digit(10).unwrap() * w)
        .sum();
    let org_check = match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        n => char::from_digit(n, 10).unwrap(),
    };
    let first17: String = format!("91110108{}{org_check}", org.iter().collect::<String>());
    let sum: u32 = first17
        .chars()
        .enumerate()
        .map(|(i, c)| ALPHABET.find(c).unwrap() as u32 * 3u32.pow(i as u32) % 31)
        .sum();
    let check = ALPHABET
        .chars()
        .nth(((31 - sum % 31) % 31) as usize)
        .unwrap();
    format!("{first17}{check}")
}
