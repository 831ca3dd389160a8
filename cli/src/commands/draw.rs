//! `yaohao draw`: run the official draw over a pool and publish it in the official layout, or
//! replay the raw stream of positions for a seed.

use super::results::load_pool;
use crate::output::{CliError, Output, pairs};
use chrono::NaiveDateTime;
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
    /// Print the first K positions (next(N)+1) of the stream for a seed, repeats included,
    /// as they are produced. K is at most 10·N, the most a draw takes before it gives up.
    Replay {
        /// The seed (digits, as published).
        #[arg(long)]
        seed: String,
        /// Pool size N in positions (1 to 2147483647).
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=i32::MAX as i64))]
        pool_size: u32,
        /// How many positions to print (1 to 10·N).
        #[arg(long)]
        count: u64,
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
    draw_date: Option<String>,
    /// Run time "YYYY-MM-DD HH:MM:SS" (Beijing); defaults to now.
    #[arg(long)]
    run_time: Option<String>,
    /// Write the list to this file instead of standard output.
    #[arg(long)]
    out: Option<String>,
}

/// Parses `--run-time`; an impossible time is invalid input (exit 1).
fn parse_time(s: &str) -> Result<NaiveDateTime, CliError> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").map_err(|e| {
        CliError::invalid(
            "invalid_date",
            format!("--run-time 的值 {s} 不是有效时间（应为 \"YYYY-MM-DD HH:MM:SS\"）：{e}"),
            format!(
                "--run-time value {s} is not a valid time (expected \"YYYY-MM-DD HH:MM:SS\"): {e}"
            ),
        )
    })
}

/// Runs `yaohao draw`.
pub fn run(args: Args, out: &Output) -> Result<(), CliError> {
    match args.command {
        Sub::Run(a) => draw(a, out),
        Sub::Replay {
            seed,
            pool_size,
            count,
        } => replay_stream(&parse_seed(&seed)?, pool_size, count, out),
    }
}

/// Writes the stream as it is produced: one position a line, or one JSON object whose
/// `positions` array is written number by number.
fn replay_stream(seed: &Seed, pool_size: u32, count: u64, out: &Output) -> Result<(), CliError> {
    use std::io::Write;
    let most = 10 * u64::from(pool_size);
    if count == 0 || count > most {
        return Err(CliError::invalid(
            "invalid_count",
            format!("--count 应在 1 至 {most}（10×N）之间：摇号最多使用这么多个随机数"),
            format!("--count must be 1 to {most} (10×N): a draw uses no more numbers than that"),
        ));
    }
    let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = (|| -> std::io::Result<()> {
        let positions = replay(seed.value(), pool_size).take(count as usize);
        if out.json {
            write!(
                stdout,
                "{{\"seed\": \"{}\", \"pool_size\": {pool_size}, \"positions\": [",
                seed.text()
            )?;
            for (i, p) in positions.enumerate() {
                write!(stdout, "{}{p}", if i == 0 { "" } else { ", " })?;
            }
            writeln!(stdout, "]}}")?;
        } else {
            for p in positions {
                writeln!(stdout, "{p}")?;
            }
        }
        stdout.flush()
    })();
    if written.is_err() {
        // The reader went away (`yaohao … | head`): stop quietly.
        std::process::exit(0);
    }
    Ok(())
}

fn parse_seed(text: &str) -> Result<Seed, CliError> {
    let trimmed = text.trim();
    Seed::parse(trimmed).ok_or_else(|| {
        if !trimmed.is_empty() && trimmed.bytes().all(|b| b.is_ascii_digit()) {
            CliError::invalid(
                "invalid_seed",
                format!("种子数“{text}”太长：最多 9 位数字（公布的种子数为 6 位）"),
                format!("seed '{text}' is too long: at most 9 digits (published seeds have 6)"),
            )
        } else {
            CliError::invalid(
                "invalid_seed",
                format!("种子数“{text}”只能包含数字（通常 6 位）"),
                format!("seed '{text}' must be digits only (usually 6)"),
            )
        }
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
    let run_time = match &a.run_time {
        Some(text) => parse_time(text)?,
        None => yaohao_core::time::to_beijing(chrono::Utc::now()).naive_local(),
    };
    let draw_date = match &a.draw_date {
        Some(text) => super::calendar::parse_date("draw-date", text)?,
        None => run_time.date(),
    };
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
        draw_date: Some(draw_date),
        run_time: Some(run_time),
        pool_size: loaded.pool.published_size(a.quota),
        codes: loaded.pool.published_codes(a.quota),
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
