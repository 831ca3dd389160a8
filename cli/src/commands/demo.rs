//! `yaohao demo`: the whole applicant journey against an embedded portal on loopback, narrated.
//!
//! An in-process `yaohao-portal` (temporary SQLite database, simulated clock) with a synthetic
//! pool; the applicant goes through the core facade exactly as the apps do; the operator side
//! (SMS outbox, registry, review, the draw) goes through the portal's operator API.

mod operator;
mod steps;

use crate::output::{CliError, Output};

/// Arguments of `yaohao demo`.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  yaohao demo\n  yaohao demo --lang en --seed 390922 --applicants 20000"
)]
pub struct Args {
    /// The draw's seed (6 digits, announced before the draw); random when absent.
    #[arg(long, value_parser = parse_seed)]
    seed: Option<String>,
    /// Synthetic applicants in the pool besides you.
    #[arg(long, default_value_t = 100_000, value_parser = clap::value_parser!(u32).range(1..=3_000_000))]
    applicants: u32,
    /// Quotas in the demo draw.
    #[arg(long, default_value_t = 2_000, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    quota: u32,
}

fn parse_seed(s: &str) -> Result<String, String> {
    if s.len() == 6 && s.bytes().all(|b| b.is_ascii_digit()) {
        Ok(s.to_owned())
    } else {
        Err(format!("'{s}' is not a 6-digit seed"))
    }
}

/// Runs `yaohao demo`.
pub fn run(args: Args, out: &Output) -> Result<(), CliError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| {
            CliError::invalid(
                "demo_failed",
                format!("无法启动运行时：{e}"),
                format!("cannot start the runtime: {e}"),
            )
        })?;
    runtime.block_on(steps::journey(
        args.seed,
        args.applicants as usize,
        args.quota,
        out,
    ))
}
