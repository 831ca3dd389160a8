//! Shared helpers of the client integration tests: a real portal on a loopback port (simulated
//! clock, SMS outbox), operator calls, and a facade pointed at it.
#![allow(dead_code)]

pub mod proxy;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use yaohao_core::client::{HttpOptions, RetryPolicy, TestClock};
use yaohao_core::facade::{AccountHolder, Registration, SmsPurpose, Yaohao, YaohaoConfig};
use yaohao_core::i18n::Lang;
use yaohao_core::secrets::MemorySecretStore;
use yaohao_portal::config::{ClockConfig, PortalConfig};
use yaohao_portal::{Portal, start_ephemeral};

pub const OPERATOR: &str = "client-test-operator";
pub const ID_A: &str = "110105199001011232";
pub const NAME_A: &str = "张三";
pub const MOBILE_A: &str = "13800138000";
pub const PASSWORD: &str = "Secret123";
pub const LICENCE_FILE: &str = "110000123456";
pub const ADDRESS: &str = "北京市海淀区中关村大街1号院2号楼";

/// 2026-03-01 08:00 Beijing time.
pub fn start_instant() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-01T00:00:00Z")
        .unwrap()
        .to_utc()
}

/// A running portal, its files and an operator HTTP client.
pub struct TestPortal {
    pub portal: Portal,
    pub operator: reqwest::Client,
    pub dir: tempfile::TempDir,
}

pub async fn portal() -> TestPortal {
    portal_with_policy("bimonthly-2014").await
}

/// A portal running the policy regime `policy`.
pub async fn portal_with_policy(policy: &str) -> TestPortal {
    let dir = tempfile::tempdir().unwrap();
    let mut config = PortalConfig::new(dir.path().join("portal.db"), dir.path().join("data"));
    config.policy = policy.to_owned();
    config.clock = ClockConfig::Simulated(start_instant());
    config.operator_token = OPERATOR.to_owned();
    let portal = start_ephemeral(config).await.unwrap();
    TestPortal {
        portal,
        operator: reqwest::Client::new(),
        dir,
    }
}

impl TestPortal {
    pub fn url(&self) -> String {
        self.portal.base_url.clone()
    }

    async fn operator_call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<String>,
    ) -> Value {
        let mut req = self
            .operator
            .request(method, format!("{}{path}", self.portal.base_url))
            .header("x-operator-token", OPERATOR);
        if let Some(body) = body {
            req = req.body(body).header("content-type", "application/json");
        }
        let r = req.send().await.unwrap();
        let status = r.status();
        let text = r.text().await.unwrap();
        assert!(status.is_success(), "{path}: {status} {text}");
        serde_json::from_str(&text).unwrap_or(Value::Null)
    }

    /// The operator approves change request `id` of `kind` (`marital` or `address`).
    pub async fn approve_change(&self, kind: &str, id: i64) -> Value {
        self.operator_call(
            reqwest::Method::POST,
            &format!("/v1/operator/{kind}-changes/{id}"),
            Some(r#"{"approve":true}"#.to_owned()),
        )
        .await
    }

    /// Moves the portal clock forward.
    pub async fn advance(&self, seconds: i64) {
        self.operator_call(
            reqwest::Method::POST,
            "/v1/operator/clock",
            Some(json!({ "advance_seconds": seconds }).to_string()),
        )
        .await;
    }

    /// Posts an announcement with the same title in both languages.
    pub async fn announce(&self, title: &str) {
        let body = json!({ "title_zh": title, "title_en": title, "body_zh": "……", "body_en": "…" });
        self.operator_call(
            reqwest::Method::POST,
            "/v1/operator/announcements",
            Some(body.to_string()),
        )
        .await;
    }

    /// The newest 6-digit code sent to `mobile`.
    pub async fn last_code(&self, mobile: &str) -> String {
        let entries = self
            .operator_call(
                reqwest::Method::GET,
                &format!("/v1/operator/sms-outbox?mobile={mobile}"),
                None,
            )
            .await;
        let body = entries.as_array().unwrap().last().unwrap()["body"]
            .as_str()
            .unwrap()
            .to_owned();
        body.split(|c: char| !c.is_ascii_digit())
            .find(|run| run.len() == 6)
            .unwrap()
            .to_owned()
    }

    /// Imports registry rows making `id` an eligible Beijing-hukou applicant.
    pub async fn make_eligible(&self, id: &str) {
        let csv = format!(
            "resident_id,record,value,valid_until\n{id},hukou,,\n{id},driving_licence,{LICENCE_FILE},2032-01-01\n"
        );
        let r = self
            .operator
            .post(format!("{}/v1/operator/registry", self.portal.base_url))
            .header("x-operator-token", OPERATOR)
            .body(csv)
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success(), "{}", r.text().await.unwrap());
    }

    /// Creates the next period with `quota` quotas; returns its id.
    pub async fn create_period(&self, quota: u32) -> String {
        let period = self
            .operator_call(
                reqwest::Method::POST,
                "/v1/operator/periods",
                Some(json!({ "quota": quota }).to_string()),
            )
            .await;
        period["id"].as_str().unwrap().to_owned()
    }

    /// Creates the next period with `quota` quotas, freezes its pool, draws with `seed` and
    /// publishes; returns the period id.
    pub async fn run_period(&self, quota: u32, seed: &str) -> String {
        let id = self.create_period(quota).await;
        self.run_created(&id, seed).await;
        id
    }

    /// Freezes the pool of the created period `id`, draws it with `seed` and publishes it.
    pub async fn run_created(&self, id: &str, seed: &str) {
        let base = format!("/v1/operator/periods/{id}");
        self.operator_call(reqwest::Method::POST, &format!("{base}/freeze"), None)
            .await;
        self.operator_call(
            reqwest::Method::POST,
            &format!("{base}/draw"),
            Some(json!({ "seed": seed }).to_string()),
        )
        .await;
        self.operator_call(reqwest::Method::POST, &format!("{base}/publish"), None)
            .await;
    }

    /// Runs the review of everything under review.
    pub async fn review(&self) -> Value {
        self.operator_call(reqwest::Method::POST, "/v1/operator/reviews", None)
            .await
    }
}

/// A facade on its own data directory, pointed at `base_url`.
pub struct Device {
    pub app: Yaohao,
    pub secrets: Arc<MemorySecretStore>,
    pub clock: Arc<TestClock>,
    pub dir: tempfile::TempDir,
}

pub fn device(base_url: &str) -> Device {
    let dir = tempfile::tempdir().unwrap();
    device_in(base_url, dir)
}

pub fn device_in(base_url: &str, dir: tempfile::TempDir) -> Device {
    device_with(YaohaoConfig::new(base_url, dir.path(), Lang::Zh), dir)
}

/// A facade with `config` (its data directory inside `dir`).
pub fn device_with(config: YaohaoConfig, dir: tempfile::TempDir) -> Device {
    let secrets = Arc::new(MemorySecretStore::new());
    let clock = Arc::new(TestClock::new(start_instant()));
    let app = Yaohao::open(config, secrets.clone(), clock.clone()).unwrap();
    Device {
        app,
        secrets,
        clock,
        dir,
    }
}

/// Registers `ID_A` through the facade.
pub async fn register(portal: &TestPortal, app: &Yaohao) {
    portal.advance(61).await;
    app.request_sms_code(SmsPurpose::Register, Some(MOBILE_A.into()), None)
        .await
        .unwrap();
    let code = portal.last_code(MOBILE_A).await;
    let account = app
        .register(Registration {
            resident_id: ID_A.into(),
            name: NAME_A.into(),
            mobile: MOBILE_A.into(),
            password: PASSWORD.into(),
            sms_code: code,
        })
        .await
        .unwrap();
    assert_eq!(account.resident_id, ID_A);
}

/// The account holder of a person's resident ID.
pub fn person(resident_id: &str) -> AccountHolder {
    AccountHolder::Person {
        resident_id: resident_id.to_owned(),
    }
}

/// Logs `ID_A` in through the facade.
pub async fn login(portal: &TestPortal, app: &Yaohao) {
    portal.advance(61).await;
    app.request_sms_code(SmsPurpose::Login, None, Some(person(ID_A)))
        .await
        .unwrap();
    let code = portal.last_code(MOBILE_A).await;
    app.login(person(ID_A), PASSWORD.into(), code)
        .await
        .unwrap();
}

/// A complete individual form (the licence file and the address of the test applicant).
pub fn form() -> yaohao_core::facade::ApplicationForm {
    yaohao_core::facade::ApplicationForm {
        licence_file: Some(LICENCE_FILE.into()),
        address: Some(ADDRESS.into()),
        ..Default::default()
    }
}

/// Drafts, fills, documents and submits an ordinary application through the facade, then has
/// the portal approve it; returns its code.
pub async fn approved_application(portal: &TestPortal, app: &Yaohao) -> String {
    use yaohao_core::documents::DocumentKind;
    use yaohao_core::facade::ApplicationKind;
    let draft = app
        .create_draft(ApplicationKind::IndividualOrdinary)
        .unwrap();
    app.save_draft(draft.local_id.clone(), form()).unwrap();
    add_documents(
        app,
        &draft.local_id,
        &[
            DocumentKind::IdCardFront,
            DocumentKind::IdCardBack,
            DocumentKind::DrivingLicence,
        ],
    )
    .await;
    let submitted = app.submit(draft.local_id).await.unwrap();
    portal.make_eligible(ID_A).await;
    portal.review().await;
    app.refresh_applications().await.unwrap();
    submitted.code.unwrap()
}

/// Adds a photo of each material in `kinds` to the draft `local_id`.
pub async fn add_documents(
    app: &Yaohao,
    local_id: &str,
    kinds: &[yaohao_core::documents::DocumentKind],
) {
    for &kind in kinds {
        app.add_document(local_id.to_owned(), kind, photo(900, 700))
            .await
            .unwrap();
    }
}

/// A camera-like JPEG photo (textured, so it is sharp enough) of `width`×`height`.
pub fn photo(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        let v = ((x * 7 + y * 13) % 256) as u8;
        let check = if (x / 8 + y / 8) % 2 == 0 { 40 } else { 210 };
        image::Rgb([v, check, v.wrapping_add(check)])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
    out.into_inner()
}

/// Every byte of the cache database and its WAL.
pub fn cache_bytes(dir: &std::path::Path) -> Vec<u8> {
    let mut all = Vec::new();
    for name in ["cache.sqlite3", "cache.sqlite3-wal"] {
        if let Ok(bytes) = std::fs::read(dir.join(name)) {
            all.extend(bytes);
        }
    }
    all
}

/// Attempts of idempotent calls in the fault tests.
pub const ATTEMPTS: u32 = 4;

/// A registered, logged-in facade talking to the portal through a fault proxy, with short
/// timeouts and backoff and a new connection per request (one fault per request).
pub async fn faulty_device(portal: &TestPortal) -> (proxy::FaultProxy, Device) {
    let proxy = proxy::FaultProxy::start(portal.portal.addr).await;
    let dir = tempfile::tempdir().unwrap();
    let mut config = YaohaoConfig::new(proxy.url.clone(), dir.path(), Lang::Zh);
    config.http = HttpOptions {
        connect_timeout: std::time::Duration::from_secs(2),
        request_timeout: std::time::Duration::from_secs(1),
        retry: RetryPolicy {
            max_attempts: ATTEMPTS,
            base_delay: std::time::Duration::from_millis(10),
            max_delay: std::time::Duration::from_millis(100),
            budget: std::time::Duration::from_secs(20),
        },
        max_idle_connections: 0,
    };
    let device = device_with(config, dir);
    register(portal, &device.app).await;
    login(portal, &device.app).await;
    (proxy, device)
}
