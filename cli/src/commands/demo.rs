//! `yaohao demo`: the whole applicant journey against an embedded portal on loopback, narrated.
//!
//! An in-process `yaohao-portal` (temporary SQLite database, simulated clock) with a synthetic
//! pool; the applicant goes through the core facade exactly as the apps do; the operator side
//! (SMS outbox, registry, review, the draw) goes through the portal's operator API.

mod operator;
mod steps;
mod unit;

use crate::output::{CliError, Output};
use yaohao_core::policy::DEFAULT_POLICY;

/// Arguments of `yaohao demo`.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  yaohao demo
  yaohao demo --lang en --seed 390922 --applicants 20000
  yaohao demo --policy annual-2021
  yaohao demo --unit            # and a unit's application, unit draw and verification
  yaohao demo --json            # one JSON object per step

The seed fixes the whole run: the synthetic pool, every application code and the draw. Without
--seed one is chosen at random and printed, so any run can be repeated.
Exit status: 0 the journey completed and verified, 1 a step failed (the message names it).")]
pub struct Args {
    /// The draw's seed (6 digits); it also fixes the pool and the codes. Random when absent.
    #[arg(long, value_parser = parse_seed)]
    seed: Option<String>,
    /// Synthetic applicants in the pool besides you.
    #[arg(long, default_value_t = 100_000, value_parser = clap::value_parser!(u32).range(1..=3_000_000))]
    applicants: u32,
    /// Quotas in the demo draw.
    #[arg(long, default_value_t = 2_000, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    quota: u32,
    /// The regime the embedded portal runs: bimonthly-2014 (every step of the applicant's
    /// guide, dates projected) or annual-2021 (the rules in force now).
    #[arg(long, default_value = DEFAULT_POLICY, value_parser = ["bimonthly-2014", "annual-2021"])]
    policy: String,
    /// Then a unit (单位) too: its account by credit code, its application with the business
    /// licence and tax proof, its review, a unit lottery of its own, and the verification.
    #[arg(long)]
    unit: bool,
}

fn parse_seed(s: &str) -> Result<String, String> {
    match s.len() {
        6 if s.bytes().all(|b| b.is_ascii_digit()) => Ok(s.to_owned()),
        _ if s.bytes().all(|b| b.is_ascii_digit()) => Err(format!(
            "'{s}' has {} digits: a seed has exactly 6 (leading zeros kept, e.g. 026498)",
            s.len()
        )),
        _ => Err(format!(
            "'{s}' is not a seed: use exactly 6 digits (e.g. 026498)"
        )),
    }
}

/// Runs `yaohao demo`.
pub fn run(args: Args, out: &Output) -> Result<(), CliError> {
    let seed = match args.seed {
        Some(seed) => seed,
        None => yaohao_portal::random::digits(6).map_err(|e| {
            CliError::invalid(
                "demo_failed",
                format!("无法取得随机种子数：{e}"),
                format!("cannot pick a random seed: {e}"),
            )
        })?,
    };
    let plan = steps::Plan {
        seed,
        applicants: args.applicants as usize,
        quota: args.quota,
        policy: super::policy::named(&args.policy)?,
        unit: args.unit,
    };
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
    runtime.block_on(steps::journey(&plan, out))
}
