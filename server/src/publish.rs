//! Publication files under `<data>/results/<period>/`: the result list in the official text
//! layout (rendered by the core), the same as JSON, and the pool in the official verification
//! package format (`bjPersonCommonNumberPeriod<P>.csv` plus `bjPersonCommonApplyNumber<P>_0001.csv`
//! … with 100,000 `position,code` lines each), which the core's package reader accepts.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;
use yaohao_core::draw::{DrawOutcome, DrawRow, Pool, layout};
use yaohao_core::results::Header;

use crate::error::{ApiError, ApiResult};

/// Lines per verification-package pool file, as the office published them.
pub const PACKAGE_CHUNK: u32 = 100_000;
/// The result list in the official layout.
pub const RESULT_TEXT: &str = "result.txt";
/// The result list as JSON.
pub const RESULT_JSON: &str = "result.json";

/// Where a period's files live.
pub fn dir(data: &Path, period: &str) -> PathBuf {
    data.join("results").join(period)
}

#[derive(Serialize)]
struct ResultJson<'a> {
    header: &'a Header,
    winners: &'a [DrawRow],
}

/// The package file names and contents for `pool`.
fn package(header: &Header, pool: &Pool) -> Vec<(String, String)> {
    let p = &header.period;
    let mut files = Vec::new();
    let meta = format!(
        "个人普通指标\n{p}\n{}\n{}\n{}\n{}\n{}\n",
        header.title,
        header.draw_date.map(|d| d.to_string()).unwrap_or_default(),
        header
            .run_time
            .map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
            .unwrap_or_default(),
        header.pool_size,
        header.quota
    );
    files.push((format!("bjPersonCommonNumberPeriod{p}.csv"), meta));
    let size = pool.size();
    let mut start = 1u32;
    let mut part = 1;
    while start <= size {
        let end = start.saturating_add(PACKAGE_CHUNK - 1).min(size);
        let mut text = String::with_capacity((end - start + 1) as usize * 22);
        for position in start..=end {
            if let Some(code) = pool.code_at(position) {
                // Writing to a String cannot fail.
                let _ = writeln!(text, "{position},{code}");
            }
        }
        files.push((format!("bjPersonCommonApplyNumber{p}_{part:04}.csv"), text));
        start = end.saturating_add(1);
        part += 1;
        if end == u32::MAX {
            break;
        }
    }
    files
}

/// Writes every publication file of a drawn period, atomically (a temporary directory renamed
/// into place).
pub fn write(data: &Path, header: &Header, outcome: &DrawOutcome, pool: &Pool) -> ApiResult<()> {
    let target = dir(data, &header.period);
    let partial = data
        .join("results")
        .join(format!(".{}.partial", header.period));
    let io = |e: std::io::Error| ApiError::internal(format_args!("writing results: {e}"));
    if partial.exists() {
        std::fs::remove_dir_all(&partial).map_err(io)?;
    }
    std::fs::create_dir_all(&partial).map_err(io)?;
    let file = layout::lottery_file(header.clone(), outcome);
    std::fs::write(partial.join(RESULT_TEXT), layout::render(&file)).map_err(io)?;
    let json = serde_json::to_vec_pretty(&ResultJson {
        header,
        winners: &outcome.rows,
    })
    .map_err(ApiError::internal)?;
    std::fs::write(partial.join(RESULT_JSON), json).map_err(io)?;
    for (name, text) in package(header, pool) {
        std::fs::write(partial.join(name), text).map_err(io)?;
    }
    if target.exists() {
        std::fs::remove_dir_all(&target).map_err(io)?;
    }
    std::fs::rename(&partial, &target).map_err(io)?;
    Ok(())
}
