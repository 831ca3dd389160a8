//! Publication files under `<data>/results/<period>/`: the result list in the official text
//! layout (rendered by the core), the same as a PDF and as JSON, and the pool in the official verification
//! package format (`bjPersonCommonNumberPeriod<P>.csv` plus `bjPersonCommonApplyNumber<P>_0001.csv`
//! … with 100,000 `position,code` lines each; `bjFamilyCommon…` for the family list), which the
//! core's package reader accepts.

use std::fs::File;
use std::io::{BufWriter, Write as _};
use std::path::{Path, PathBuf};

use yaohao_core::draw::{Pool, layout};
use yaohao_core::results::{Applicant, Category, Header, QuotaKind};

use crate::error::{ApiError, ApiResult};
use crate::services::publication::Publication;

/// Lines per verification-package pool file, as the office published them.
pub const PACKAGE_CHUNK: u32 = 100_000;
/// The result list in the official layout.
pub const RESULT_TEXT: &str = "result.txt";
/// The result list as JSON.
pub const RESULT_JSON: &str = "result.json";
/// The result list as a PDF of the official layout.
pub const RESULT_PDF: &str = "result.pdf";

/// Where a period's files live.
pub fn dir(data: &Path, period: &str) -> PathBuf {
    data.join("results").join(period)
}

/// Writes the verification package for `pool` into `dir`: the period file and the pool files of
/// [`PACKAGE_CHUNK`] lines, written by two threads (the pool files are independent).
fn write_package(dir: &Path, header: &Header, pool: &Pool) -> ApiResult<()> {
    let p = &header.period;
    let Category { applicant, quota } = header.category;
    let prefix = format!(
        "bj{}{}",
        match applicant {
            Applicant::Individual => "Person",
            Applicant::Unit => "Unit",
            Applicant::Family => "Family",
        },
        match quota {
            QuotaKind::Ordinary => "Common",
            QuotaKind::Nev => "New",
        }
    );
    let meta = format!(
        "{}{}指标\n{p}\n{}\n{}\n{}\n{}\n{}\n",
        applicant.zh(),
        quota.zh(),
        header.title,
        header.draw_date.map(|d| d.to_string()).unwrap_or_default(),
        header
            .run_time
            .map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
            .unwrap_or_default(),
        header.pool_size,
        header.quota
    );
    std::fs::write(dir.join(format!("{prefix}NumberPeriod{p}.csv")), meta).map_err(io)?;
    // The positions the header states: every one, or the applicants' own when undersubscribed.
    let positions = header.pool_size;
    let parts = positions.div_ceil(PACKAGE_CHUNK);
    let write_part = |part: u32| -> std::io::Result<()> {
        let start = part * PACKAGE_CHUNK + 1;
        let end = start.saturating_add(PACKAGE_CHUNK - 1).min(positions);
        let name = format!("{prefix}ApplyNumber{p}_{:04}.csv", part + 1);
        let mut out = BufWriter::with_capacity(1 << 20, File::create(dir.join(name))?);
        for position in start..=end {
            if let Some(code) = pool.code_at(position) {
                writeln!(out, "{position},{code}")?;
            }
        }
        out.flush()
    };
    std::thread::scope(|scope| {
        let odd = scope.spawn(|| (1..parts).step_by(2).try_for_each(write_part));
        let even = (0..parts).step_by(2).try_for_each(write_part);
        let odd = odd
            .join()
            .unwrap_or_else(|_| Err(std::io::Error::other("package writer panicked")));
        even.and(odd)
    })
    .map_err(io)
}

fn io(e: std::io::Error) -> ApiError {
    ApiError::internal(format_args!("writing results: {e}"))
}

/// The staging directory of `period`'s files (not served: its name starts with a dot).
fn staging(data: &Path, period: &str) -> PathBuf {
    data.join("results").join(format!(".{period}.staged"))
}

/// Writes every publication file of a period into its staging directory (replacing an earlier,
/// unfinished one); [`install`] moves it into place.
pub fn stage(data: &Path, publication: &Publication) -> ApiResult<()> {
    let Publication {
        id,
        header,
        outcome,
        pool,
    } = publication;
    let staged = staging(data, id);
    if staged.exists() {
        std::fs::remove_dir_all(&staged).map_err(io)?;
    }
    std::fs::create_dir_all(&staged).map_err(io)?;
    let file = layout::lottery_file(header.clone(), outcome);
    let text = layout::render(&file);
    std::fs::write(staged.join(RESULT_PDF), crate::pdf::render(&text)?).map_err(io)?;
    std::fs::write(staged.join(RESULT_TEXT), text).map_err(io)?;
    let json = serde_json::to_vec_pretty(&yaohao_core::api::ResultFile {
        header,
        winners: &outcome.rows,
    })
    .map_err(ApiError::internal)?;
    std::fs::write(staged.join(RESULT_JSON), json).map_err(io)?;
    write_package(&staged, header, pool)
}

/// Moves the staged files of `period` into place with one rename.
pub fn install(data: &Path, period: &str) -> ApiResult<()> {
    let target = dir(data, period);
    if target.exists() {
        std::fs::remove_dir_all(&target).map_err(io)?;
    }
    std::fs::rename(staging(data, period), &target).map_err(io)
}

/// Removes the staged files of a publication that did not settle (best effort: a leftover is
/// replaced by the next [`stage`] and never served).
pub fn discard(data: &Path, period: &str) {
    let _ = std::fs::remove_dir_all(staging(data, period));
}
