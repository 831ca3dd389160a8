//! Official result files: look up a code, and verify the draw from the file alone (the
//! verification report, with the file's header facts, is the core's own).

use crate::YaohaoError;
use crate::runtime::run_blocking;
use chrono::NaiveDate;
use yaohao_core::draw::{DrawReport, Verdict};
use yaohao_core::i18n::{Reason, Text};
use yaohao_core::results::{self, Lookup, ResultFile};

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
