//! Official result files: read one, look up a code, and verify the draw from the file alone.
//! Mirror records: the core's result types hold more than an app needs (every row); the
//! verification report is the core's own.

use crate::YaohaoError;
use crate::runtime::run_blocking;
use chrono::NaiveDate;
use serde::Serialize;
use yaohao_core::draw::{DrawReport, Verdict};
use yaohao_core::i18n::{Reason, Text};
use yaohao_core::results::{self, Lookup, ResultFile};

/// A result file's header and size.
#[derive(uniffi::Record)]
pub struct ResultSummary {
    /// `person_ordinary`, `unit_ordinary`, `person_nev`, …
    pub category: String,
    /// `lottery`, `undersubscribed`, `queue` or `roster`.
    pub kind: String,
    /// Period number, e.g. `201506`.
    pub period: String,
    /// Title as published.
    pub title: String,
    /// Draw date.
    pub draw_date: Option<NaiveDate>,
    /// Pool size N (positions, ladder copies included).
    pub pool_size: u32,
    /// Quota Q.
    pub quota: u32,
    /// Seed as published (`026498` keeps its zero), none when undersubscribed or a queue.
    pub seed: Option<String>,
    /// Rows in the list.
    pub rows: u32,
}

/// Whether a code is in a result file.
#[derive(uniffi::Enum)]
pub enum CodeLookup {
    /// A lottery list: won, at which row and pool position.
    Draw {
        /// The code is in the list.
        won: bool,
        /// Its 序号.
        row: Option<u32>,
        /// Its 摇号基数序号.
        position: Option<u32>,
    },
    /// A queue list: the code's rank.
    Queue {
        /// The code is in the queue list.
        queued: bool,
        /// Its 轮候序号.
        rank: Option<u32>,
    },
}

/// The verdict on a published list.
#[uniffi::remote(Enum)]
pub enum Verdict {
    Verified,
    Mismatch,
    NotALottery,
    Unverifiable,
    NeedsPool,
}

/// A published list's verification with what it means.
#[uniffi::remote(Record)]
pub struct DrawReport {
    pub period: String,
    pub title: String,
    pub draw_date: Option<NaiveDate>,
    pub seed: Option<String>,
    pub pool_size: u32,
    pub quota: u32,
    pub rows: u32,
    pub draws: u64,
    pub skipped: u64,
    pub verdict: Verdict,
    pub headline: Text,
    pub meaning: Text,
    pub sha256: String,
}

fn read(bytes: &[u8]) -> Result<ResultFile, YaohaoError> {
    results::parse_bytes(bytes).map_err(|e| invalid_file(&e))
}

fn invalid_file(e: &results::ParseError) -> YaohaoError {
    let text = e.text();
    YaohaoError::invalid("file", Reason::new("result_file", text.zh, text.en))
}

/// The snake_case name serde gives an enum value.
fn name<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Reads a result file (PDF, or a UTF-8 / GB18030 text copy) and checks its structure, on the
/// core's blocking pool (files reach 64 MB).
#[uniffi::export]
pub async fn parse_result_file(bytes: Vec<u8>) -> Result<ResultSummary, YaohaoError> {
    run_blocking(move || summary(&bytes)).await
}

fn summary(bytes: &[u8]) -> Result<ResultSummary, YaohaoError> {
    let file = read(bytes)?;
    let h = &file.header;
    Ok(ResultSummary {
        category: name(&h.category),
        kind: name(&file.kind),
        period: h.period.clone(),
        title: h.title.clone(),
        draw_date: h.draw_date,
        pool_size: h.pool_size,
        quota: h.quota,
        seed: h.seed.as_ref().map(|s| s.text().to_owned()),
        rows: u32::try_from(file.rows.len()).unwrap_or(u32::MAX),
    })
}

/// Looks up an application code, as typed (spaces, full-width digits), in a result file, on the
/// core's blocking pool.
#[uniffi::export]
pub async fn check_code(bytes: Vec<u8>, code: String) -> Result<CodeLookup, YaohaoError> {
    run_blocking(move || {
        let wanted = yaohao_core::validate::read_code(&code)
            .map_err(|reason| YaohaoError::invalid("code", reason))?;
        Ok(match results::lookup(&read(&bytes)?, wanted) {
            Lookup::Draw { won, row, position } => CodeLookup::Draw { won, row, position },
            Lookup::Queue { queued, rank, .. } => CodeLookup::Queue { queued, rank },
        })
    })
    .await
}

/// Replays the official algorithm on the file's own header and checks every row, on the core's
/// blocking pool: the verdict, the facts it rests on and what it means.
#[uniffi::export]
pub async fn verify_result_file(bytes: Vec<u8>) -> Result<DrawReport, YaohaoError> {
    run_blocking(move || {
        DrawReport::read(&bytes)
            .map(|(_, report)| report)
            .map_err(|e| invalid_file(&e))
    })
    .await
}
