//! `yaohao draw`: run the official draw over a pool and publish it in the official layout, or
//! replay the raw stream of positions for a seed.

use super::results::load_pool;
use crate::output::{CliError, Output, pairs};
use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use yaohao_core::draw::{DrawOutcome, layout, replay, run as run_draw};
use yaohao_core::results::{Category, Header, Seed, Template};

/// Arguments of `yaohao draw`.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  yaohao draw run --seed 026498 --pool pool.csv --quota 20 --period 201612 --out result.txt
  yaohao draw replay --seed 390922 --pool-size 3647274 --count 6

Exit status: 0 done, 1 invalid input, 2 usage.")]
pub struct Args {
    #[command(subcommand)]
    command: Sub,
}

#[derive(clap::Subcommand)]
enum Sub {
    /// Draw Q winners from a pool with a seed and print the list in the official layout.
    #[command(
        after_help = "Example:\n  yaohao draw run --seed 026498 --pool pool.csv --quota 20 --period 201612 --out result.txt"
    )]
    Run(RunArgs),
    /// Print the first K positions (next(N)+1) of the stream for a seed, repeats included.
    Replay {
        /// The seed (digits, as published).
        #[arg(long)]
        seed: String,
        /// Pool size N in positions.
        #[arg(long)]
        pool_size: u32,
        /// How many positions to print.
        #[arg(long)]
        count: usize,
    },
}

#[derive(clap::Args)]
struct RunArgs {
    /// The seed: digits, usually 6, leading zeros kept (`026498`).
    #[arg(long)]
    seed: String,
    /// The pool: a `code[,weight]` list or an unpacked verification package (directory).
    #[arg(long)]
    pool: String,
    /// Quota Q: winners to draw.
    #[arg(long)]
    quota: u32,
    /// Header template: 2015 (分期编号…) or 2016 (期号…).
    #[arg(long, default_value = "2016", value_parser = ["2015", "2016"])]
    template: String,
    /// Category: individual_ordinary, individual_nev, unit_ordinary, unit_nev, family_ordinary, family_nev.
    #[arg(long, default_value = "individual_ordinary")]
    category: String,
    /// Period number (期号); defaults to the package's.
    #[arg(long)]
    period: Option<String>,
    /// Title (描述); defaults to one built from the period and category.
    #[arg(long)]
    title: Option<String>,
    /// Draw date YYYY-MM-DD (Beijing); defaults to the run time's date.
    #[arg(long)]
    draw_date: Option<NaiveDate>,
    /// Run time "YYYY-MM-DD HH:MM:SS" (Beijing); defaults to now.
    #[arg(long, value_parser = parse_time)]
    run_time: Option<NaiveDateTime>,
    /// Write the list to this file instead of standard output.
    #[arg(long)]
    out: Option<String>,
}

fn parse_time(s: &str) -> Result<NaiveDateTime, String> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S")
        .map_err(|e| format!("{e}: use \"YYYY-MM-DD HH:MM:SS\""))
}

/// Runs `yaohao draw`.
pub fn run(args: Args, out: &Output) -> Result<(), CliError> {
    match args.command {
        Sub::Run(a) => draw(a, out),
        Sub::Replay {
            seed,
            pool_size,
            count,
        } => {
            let seed = parse_seed(&seed)?;
            let positions = replay(seed.value(), pool_size, count);
            #[derive(Serialize)]
            struct Replay<'a> {
                seed: &'a str,
                pool_size: u32,
                positions: &'a [u32],
            }
            out.emit(
                &Replay {
                    seed: seed.text(),
                    pool_size,
                    positions: &positions,
                },
                |_| positions.iter().map(|p| format!("{p}\n")).collect(),
            );
            Ok(())
        }
    }
}

fn parse_seed(text: &str) -> Result<Seed, CliError> {
    Seed::parse(text.trim()).ok_or_else(|| {
        CliError::invalid(
            "invalid_seed",
            format!("种子数“{text}”应为数字（通常 6 位）"),
            format!("seed '{text}' must be digits (usually 6)"),
        )
    })
}

/// The `draw run` summary printed with `--json`.
#[derive(Serialize)]
struct RunSummary<'a> {
    period: &'a str,
    pool_size: u32,
    quota: u32,
    seed: &'a str,
    #[serde(flatten)]
    outcome: &'a DrawOutcome,
    out: Option<&'a str>,
}

fn draw(a: RunArgs, out: &Output) -> Result<(), CliError> {
    let seed = parse_seed(&a.seed)?;
    let category = ["individual", "unit", "family"]
        .iter()
        .zip(["个人", "单位", "家庭"])
        .flat_map(|(en, zh)| {
            [("ordinary", "普通"), ("nev", "新能源")]
                .map(|(q, qzh)| (format!("{en}_{q}"), format!("{zh}{qzh}")))
        })
        .find(|(name, _)| *name == a.category)
        .and_then(|(_, zh)| Category::detect(&zh))
        .ok_or_else(|| {
            CliError::invalid(
                "invalid_category",
                format!("未知类别“{}”", a.category),
                format!("unknown category '{}'", a.category),
            )
        })?;
    let loaded = load_pool(&a.pool)?;
    let outcome = run_draw(&loaded.pool, a.quota, seed.value()).map_err(|e| {
        CliError::invalid(
            "draw_failed",
            format!("无法完成摇号：{e}（指标数多于申请人数？）"),
            format!("the draw cannot finish: {e}"),
        )
    })?;
    let run_time = a
        .run_time
        .unwrap_or_else(|| yaohao_core::time::to_beijing(chrono::Utc::now()).naive_local());
    let period = a
        .period
        .or(loaded.period)
        .unwrap_or_else(|| run_time.format("%Y%m").to_string());
    let who = format!("{}{}", category.applicant.zh(), category.quota.zh());
    let template = if a.template == "2015" {
        Template::Y2015
    } else {
        Template::Y2016
    };
    let header = Header {
        template,
        category,
        title: a
            .title
            .unwrap_or_else(|| format!("{period}期{who}小客车指标配置结果")),
        period,
        draw_date: Some(a.draw_date.unwrap_or(run_time.date())),
        run_time: Some(run_time),
        pool_size: loaded.pool.size(),
        quota: a.quota,
        seed: Some(seed.clone()),
    };
    let text = layout::render(&layout::lottery_file(header.clone(), &outcome));
    if let Some(path) = &a.out {
        std::fs::write(path, &text).map_err(|e| {
            CliError::invalid(
                "unwritable_output",
                format!("无法写入 {path}：{e}"),
                format!("cannot write {path}: {e}"),
            )
        })?;
    }
    let summary = RunSummary {
        period: &header.period,
        pool_size: header.pool_size,
        quota: header.quota,
        seed: seed.text(),
        outcome: &outcome,
        out: a.out.as_deref(),
    };
    out.emit(&summary, |_| match &a.out {
        None => text.clone(),
        Some(path) => pairs([
            (out.pick("已写入", "written to"), path.clone()),
            (
                out.pick("中签行数", "winners"),
                outcome.rows.len().to_string(),
            ),
            (out.pick("重放次数", "draws"), outcome.draws.to_string()),
            (
                out.pick("重复跳过", "repeats skipped"),
                outcome.repeats.to_string(),
            ),
            (
                out.pick("阶梯副本跳过", "ladder copies skipped"),
                outcome.ladder_copies.to_string(),
            ),
        ]),
    });
    Ok(())
}
