//! The portal operator's side of the demo, over the portal's operator API.

use serde_json::{Value, json};

/// Calls the embedded portal's operator endpoints.
pub struct Operator {
    http: reqwest::Client,
    base_url: String,
    token: String,
}

/// A failed operator call, with what was being done.
pub type OpResult<T> = Result<T, String>;

impl Operator {
    /// An operator of the portal at `base_url` holding `token`.
    pub fn new(base_url: &str, token: &str) -> Operator {
        Operator {
            http: reqwest::Client::new(),
            base_url: base_url.to_owned(),
            token: token.to_owned(),
        }
    }

    async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<(&str, String)>,
    ) -> OpResult<Value> {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base_url))
            .header("x-operator-token", &self.token);
        if let Some((content_type, body)) = body {
            request = request.header("content-type", content_type).body(body);
        }
        let response = request.send().await.map_err(|e| format!("{path}: {e}"))?;
        let status = response.status();
        let text = response.text().await.map_err(|e| format!("{path}: {e}"))?;
        if !status.is_success() {
            return Err(format!("{path}: {status} {text}"));
        }
        serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))
    }

    async fn post(&self, path: &str, body: Value) -> OpResult<Value> {
        self.call(
            reqwest::Method::POST,
            path,
            Some(("application/json", body.to_string())),
        )
        .await
    }

    /// The newest SMS code sent to `mobile` (the outbox a real gateway would deliver from).
    pub async fn sms_code(&self, mobile: &str) -> OpResult<String> {
        let entries = self
            .call(
                reqwest::Method::GET,
                &format!("/v1/operator/sms-outbox?mobile={mobile}"),
                None,
            )
            .await?;
        let body = entries
            .as_array()
            .and_then(|e| e.last())
            .and_then(|e| e["body"].as_str())
            .unwrap_or_default();
        body.split(|c: char| !c.is_ascii_digit())
            .find(|run| run.len() == 6)
            .map(str::to_owned)
            .ok_or_else(|| format!("no SMS code for the number in {entries}"))
    }

    /// Sets the simulated clock.
    pub async fn set_clock(&self, to: chrono::DateTime<chrono::Utc>) -> OpResult<()> {
        self.post("/v1/operator/clock", json!({ "to": to.to_rfc3339() }))
            .await
            .map(drop)
    }

    /// Imports registry rows that make `id` an eligible Beijing-hukou applicant with a licence.
    pub async fn make_eligible(&self, id: &str, licence_file: &str) -> OpResult<()> {
        self.import_registry(&format!(
            "{id},hukou,,\n{id},driving_licence,{licence_file},2032-01-01\n"
        ))
        .await
    }

    /// Records that the unit `credit_code` is registered in Beijing and paid `tax_cny` last year.
    pub async fn make_unit_eligible(&self, credit_code: &str, tax_cny: u64) -> OpResult<()> {
        self.import_registry(&format!(
            "{credit_code},unit_registered,,\n{credit_code},unit_tax_cny,{tax_cny},\n"
        ))
        .await
    }

    /// Imports registry `rows` (CSV without its header).
    async fn import_registry(&self, rows: &str) -> OpResult<()> {
        let csv = format!("resident_id,record,value,valid_until\n{rows}");
        self.call(
            reqwest::Method::POST,
            "/v1/operator/registry",
            Some(("text/csv", csv)),
        )
        .await
        .map(drop)
    }

    /// Reviews every submitted application against the registry.
    pub async fn review(&self) -> OpResult<()> {
        self.post("/v1/operator/reviews", json!({})).await.map(drop)
    }

    /// Schedules the policy's next ordinary draw with `quota` quotas.
    pub async fn create_period(&self, quota: u32) -> OpResult<Value> {
        self.post("/v1/operator/periods", json!({ "quota": quota }))
            .await
    }

    /// Schedules the unit ordinary draw on `draw_date` with `quota` quotas of its own.
    pub async fn create_unit_period(
        &self,
        quota: u32,
        draw_date: chrono::NaiveDate,
    ) -> OpResult<Value> {
        self.post(
            "/v1/operator/periods",
            json!({ "quota": quota, "kind": "unit_draw", "draw_date": draw_date }),
        )
        .await
    }

    /// Draws `period` with `seed` (or one from OS randomness).
    pub async fn draw(&self, period: &str, seed: Option<&str>) -> OpResult<Value> {
        self.post(
            &format!("/v1/operator/periods/{period}/draw"),
            json!({ "seed": seed }),
        )
        .await
    }

    /// The published result file of `period`, as text.
    pub async fn result_file(&self, period: &str) -> OpResult<Vec<u8>> {
        let url = format!("{}/v1/results/{period}/result.txt", self.base_url);
        let response = self.http.get(url).send().await.map_err(|e| e.to_string())?;
        response
            .bytes()
            .await
            .map(|b| b.to_vec())
            .map_err(|e| e.to_string())
    }

    /// Opens the `dev` event stream of `device` (session `token`); returns once it is connected.
    pub async fn subscribe(&self, token: &str, device: &str) -> OpResult<reqwest::Response> {
        let url = format!("{}/v1/me/push/stream?device={device}", self.base_url);
        let response = self
            .http
            .get(url)
            .bearer_auth(token)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        if response.status().is_success() {
            Ok(response)
        } else {
            Err(format!("push stream: {}", response.status()))
        }
    }
}

/// Waits for the first event on an open stream and returns its JSON data.
pub async fn next_push(mut stream: reqwest::Response) -> OpResult<Value> {
    let mut buffer = String::new();
    while let Some(chunk) = stream.chunk().await.map_err(|e| e.to_string())? {
        buffer.push_str(&String::from_utf8_lossy(&chunk));
        if let Some(data) = buffer.lines().find_map(|l| l.strip_prefix("data:")) {
            return serde_json::from_str(data.trim()).map_err(|e| e.to_string());
        }
    }
    Err("the event stream ended without a push".to_owned())
}
