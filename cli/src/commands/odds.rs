//! `yaohao odds`: the chance of winning one ordinary draw and the expected wait (an estimate).

use crate::output::{CliError, Output, pairs};
use yaohao_core::odds::{HORIZON, OddsInput, odds};

/// Arguments of `yaohao odds`.
#[derive(clap::Args)]
#[command(
    after_help = "Examples (June 2015, individual ordinary):\n  yaohao odds --pool-size 3647274 --quota 17804 --weight 1 --draws 10\n\nExit status: 0 computed, 1 invalid input, 2 usage."
)]
pub struct Args {
    /// Pool size N in positions (ladder copies included), as in the result file.
    #[arg(long)]
    pool_size: u64,
    /// Quota Q: winners per draw.
    #[arg(long)]
    quota: u64,
    /// Your weight k (阶梯倍数) as the official system shows it.
    #[arg(long, default_value_t = 1)]
    weight: u32,
    /// Unsuccessful draws so far: the weight then grows by the 2014 ladder rule.
    #[arg(long)]
    draws: Option<u32>,
    /// With --draws: you hold a C5 licence.
    #[arg(long)]
    c5: bool,
    /// Policy whose draws per year give the wait in years (default: the one in force today).
    #[arg(long)]
    policy: Option<String>,
    /// Override the policy's ordinary draws per year.
    #[arg(long)]
    draws_per_year: Option<f64>,
}

/// Runs `yaohao odds`.
pub fn run(args: Args, out: &Output) -> Result<(), CliError> {
    let today = yaohao_core::time::beijing_date(chrono::Utc::now());
    let policy = super::policy::for_day(args.policy.as_deref(), today, out)?;
    let input = OddsInput {
        pool_size: args.pool_size,
        quota: args.quota,
        weight: args.weight,
        unsuccessful_draws: args.draws,
        c5: args.c5,
        draws_per_year: args
            .draws_per_year
            .unwrap_or(f64::from(policy.ordinary_draws_per_year())),
    };
    let result =
        odds(&input).map_err(|r| CliError::invalid(&r.code, r.message_zh, r.message_en))?;
    let at_least = if result.capped {
        out.pick("≥ ", "≥ ")
    } else {
        ""
    };
    out.emit(&result, |_| {
        let mut s = pairs([
            (
                out.pick("本期中签概率", "chance this draw").to_owned(),
                format!("{:.4}%", result.probability * 100.0),
            ),
            (
                out.pick("约为", "about").to_owned(),
                format!("1 / {:.0}", result.one_in),
            ),
            (
                out.pick("预计等待（期）", "expected wait (draws)")
                    .to_owned(),
                format!("{at_least}{:.1}", result.expected_draws),
            ),
            (
                out.pick("预计等待（年）", "expected wait (years)")
                    .to_owned(),
                format!("{at_least}{:.1}", result.expected_years),
            ),
            (
                out.pick("半数机会（期）", "even chance after (draws)")
                    .to_owned(),
                format!("{at_least}{}", result.median_draws),
            ),
        ]);
        if result.capped {
            s.push_str(out.pick(
                &format!("等待期数只计算到 {HORIZON} 期：实际等待更长。\n"),
                &format!(
                    "The wait is computed over {HORIZON} draws at most: the real wait is longer.\n"
                ),
            ));
        }
        s.push_str(out.pick(
            "以上为估算：假设号池和指标数保持不变。\n",
            "An estimate: assumes the pool and the quota stay as they are.\n",
        ));
        s
    });
    Ok(())
}
