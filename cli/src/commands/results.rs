//! `yaohao results`: read an official result list (PDF or text), look a code up, and prove
//! whether the published draw is what the official algorithm gives for the published seed.

use crate::input::{POOL_FILE_BYTES, read_bytes};
use crate::output::{CliError, Output, pairs};
use serde::Serialize;
use yaohao_core::draw::{LoadedPool, Verdict, read_pool, verify};
use yaohao_core::results::{Lookup, ResultFile, Row, lookup, parse_bytes};

/// Arguments of `yaohao results`.
#[derive(clap::Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "Examples:
  yaohao results                      # with a portal: check every published period
  yaohao results --period 202606      # one period, as the portal numbers it
  yaohao results check result.pdf --code 1234567890123
  yaohao results verify result.txt

Without a subcommand the portal's published lists are fetched, verified and matched against your
application codes. Exit status: 0 shown, 1 invalid file or failed check, 2 usage, 4 portal
unreachable."
)]
pub struct Args {
    #[command(subcommand)]
    command: Option<Sub>,
    /// With a portal: only this period (the id the portal gives, e.g. in `yaohao status`).
    #[arg(long)]
    period: Option<String>,
}

#[derive(clap::Subcommand)]
enum Sub {
    /// Read a result file (PDF, or a UTF-8/GB18030 text copy) and show its header.
    Parse {
        /// The result file (`-` for standard input).
        file: String,
        /// Also list every row.
        #[arg(long)]
        rows: bool,
    },
    /// Did this application code win (lottery) or where is it queued (NEV queue)?
    Check {
        /// The result file.
        file: String,
        /// The 13-digit application code (申请编码).
        #[arg(long)]
        code: String,
    },
    /// Replay the official draw from the file's seed and compare every row.
    #[command(after_help = "Exit status: 0 verified or not a lottery, 1 mismatch or unverifiable.")]
    Verify {
        /// The result file.
        file: String,
        /// The pool: an unpacked verification package (directory) or a `code[,weight]` list.
        #[arg(long)]
        pool: Option<String>,
    },
}

/// Runs `yaohao results`.
pub fn run(args: Args, out: &Output, portal: Option<&str>) -> Result<(), CliError> {
    match args.command {
        None => super::outcomes::run(args.period.as_deref(), out, portal),
        Some(Sub::Parse { file, rows }) => parse(&file, rows, out),
        Some(Sub::Check { file, code }) => check(&file, &code, out),
        Some(Sub::Verify { file, pool }) => verify_file(&file, pool.as_deref(), out),
    }
}

/// Reads and parses a result file, turning a rejection into a bilingual error.
pub fn load(path: &str) -> Result<ResultFile, CliError> {
    let bytes = read_bytes(path, yaohao_core::results::MAX_FILE_BYTES)?;
    parse_bytes(&bytes).map_err(|e| {
        let text = e.text();
        CliError::invalid(
            "invalid_result_file",
            format!("{path}：{}", text.zh),
            format!("{path}: {}", text.en),
        )
    })
}

/// The `results parse` answer.
#[derive(Serialize)]
struct Summary<'a> {
    category: &'a str,
    template: yaohao_core::results::Template,
    kind: yaohao_core::results::ListKind,
    period: &'a str,
    title: &'a str,
    draw_date: Option<chrono::NaiveDate>,
    run_time: Option<chrono::NaiveDateTime>,
    pool_size: u32,
    quota: u32,
    seed: Option<&'a str>,
    rows: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    list: Option<&'a [Row]>,
}

fn parse(path: &str, with_rows: bool, out: &Output) -> Result<(), CliError> {
    let file = load(path)?;
    let h = &file.header;
    let summary = Summary {
        category: h.category.as_str(),
        template: h.template,
        kind: file.kind,
        period: &h.period,
        title: &h.title,
        draw_date: h.draw_date,
        run_time: h.run_time,
        pool_size: h.pool_size,
        quota: h.quota,
        seed: h.seed.as_ref().map(|s| s.text()),
        rows: file.rows.len(),
        list: with_rows.then_some(file.rows.as_slice()),
    };
    out.emit(&summary, |_| {
        let none = || "—".to_owned();
        let mut s = pairs([
            (
                out.pick("类别", "category"),
                format!("{}{}", h.category.applicant.zh(), h.category.quota.zh()),
            ),
            (out.pick("期号", "period"), h.period.clone()),
            (out.pick("描述", "title"), h.title.clone()),
            (
                out.pick("指标配置日期", "draw date"),
                h.draw_date.map_or_else(none, |d| d.to_string()),
            ),
            (
                out.pick("实际配置时间（北京时间）", "run at (Beijing)"),
                h.run_time.map_or_else(none, |t| t.to_string()),
            ),
            (
                out.pick("编码总数 N", "pool size N"),
                h.pool_size.to_string(),
            ),
            (out.pick("指标总数 Q", "quota Q"), h.quota.to_string()),
            (
                out.pick("种子数", "seed"),
                h.seed.as_ref().map_or_else(none, |s| s.text().to_owned()),
            ),
            (out.pick("名单行数", "rows"), file.rows.len().to_string()),
        ]);
        if with_rows {
            for row in &file.rows {
                let position = row.position.map_or_else(String::new, |p| p.to_string());
                let at = row.queued_at.map_or_else(String::new, |t| t.to_string());
                let name = row.name.as_deref().unwrap_or("");
                let fields = [
                    row.seq.to_string(),
                    position,
                    at,
                    row.code.to_string(),
                    name.to_owned(),
                ];
                let line: Vec<&str> = fields
                    .iter()
                    .map(String::as_str)
                    .filter(|f| !f.is_empty())
                    .collect();
                s.push_str(&line.join("\t"));
                s.push('\n');
            }
        }
        s
    });
    Ok(())
}

fn check(path: &str, code: &str, out: &Output) -> Result<(), CliError> {
    let code = yaohao_core::validate::read_code(code).map_err(|r| {
        CliError::invalid(
            "invalid_code",
            format!("申请编码“{code}”无效：{}", r.message_zh),
            format!("application code '{code}' is invalid: {}", r.message_en),
        )
    })?;
    let file = load(path)?;
    let answer = lookup(&file, code);
    out.emit(&answer, |_| match &answer {
        Lookup::Draw {
            won: true,
            row,
            position,
        } => {
            let row = row.unwrap_or_default();
            match position {
                Some(p) => out
                    .pick(
                        &format!("恭喜！{code} 中签：第 {row} 行，摇号基数序号 {p}。"),
                        &format!("{code} won: row {row}, position {p}."),
                    )
                    .to_owned(),
                None => out
                    .pick(
                        &format!("恭喜！{code} 中签：第 {row} 行。"),
                        &format!("{code} won: row {row}."),
                    )
                    .to_owned(),
            }
        }
        Lookup::Draw { .. } => out
            .pick(
                &format!(
                    "{code} 本期未中签（{} 期，{} 个指标）。",
                    file.header.period, file.header.quota
                ),
                &format!(
                    "{code} did not win in period {} ({} quotas).",
                    file.header.period, file.header.quota
                ),
            )
            .to_owned(),
        Lookup::Queue {
            queued: true,
            rank,
            queued_at,
        } => {
            let rank = rank.unwrap_or_default();
            let at = queued_at.map_or_else(String::new, |t| t.to_string());
            out.pick(
                &format!("{code} 在轮候名单中：轮候序号 {rank}，轮候时间 {at}（北京时间）。"),
                &format!("{code} is queued: rank {rank}, queued at {at} (Beijing)."),
            )
            .to_owned()
        }
        Lookup::Queue { .. } => out
            .pick(
                &format!("{code} 不在本期轮候名单中。"),
                &format!("{code} is not in this queue list."),
            )
            .to_owned(),
    });
    Ok(())
}

/// Reads `--pool`: every file of a directory (a verification package), or one file.
pub fn load_pool(path: &str) -> Result<LoadedPool, CliError> {
    let unreadable = |e: std::io::Error| {
        CliError::invalid(
            "unreadable_input",
            format!("无法读取 {path}：{e}"),
            format!("cannot read {path}: {e}"),
        )
    };
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    let mut files = Vec::new();
    if meta.is_dir() {
        for entry in std::fs::read_dir(path).map_err(unreadable)? {
            let entry_path = entry.map_err(unreadable)?.path();
            if entry_path.is_file() {
                let name = entry_path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let entry = entry_path.to_string_lossy().into_owned();
                files.push((name, read_bytes(&entry, POOL_FILE_BYTES)?));
            }
        }
    } else {
        let name = std::path::Path::new(path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        files.push((name, read_bytes(path, POOL_FILE_BYTES)?));
    }
    read_pool(&files).map_err(|e| {
        CliError::invalid(
            "invalid_pool",
            format!("申请池 {path} 无法读取：{e}"),
            format!("pool {path} cannot be read: {e}"),
        )
    })
}

fn verify_file(path: &str, pool: Option<&str>, out: &Output) -> Result<(), CliError> {
    let file = load(path)?;
    let pool = pool.map(load_pool).transpose()?;
    let v = verify(&file, pool.as_ref().map(|p| &p.pool));
    out.emit(&v, |lang| {
        let hint = match v.verdict {
            Verdict::NeedsPool | Verdict::Unverifiable if !v.with_pool => out.pick(
                "（用 --pool 提供核验数据包）",
                " (give the verification package with --pool)",
            ),
            _ => "",
        };
        let verdict = format!(
            "{}：{}{hint}",
            v.verdict.headline().get(lang),
            v.verdict.meaning().get(lang)
        );
        let mut s = pairs([
            (out.pick("结论", "verdict"), verdict),
            (out.pick("期号", "period"), v.period.clone()),
            (
                out.pick("编码总数 N", "pool size N"),
                v.pool_size.to_string(),
            ),
            (out.pick("指标总数 Q", "quota Q"), v.quota.to_string()),
            (
                out.pick("种子数", "seed"),
                v.seed
                    .as_ref()
                    .map_or_else(|| "—".to_owned(), |s| s.text().to_owned()),
            ),
            (out.pick("名单行数", "rows"), v.rows.to_string()),
            (out.pick("重放次数", "draws"), v.draws.to_string()),
            (out.pick("跳过次数", "skipped"), v.skipped.to_string()),
            (
                out.pick("其中可解释（重复）", "explained (repeats)"),
                v.explained.to_string(),
            ),
            (
                out.pick("其中只能是阶梯副本", "only ladder copies explain"),
                v.unattributed.to_string(),
            ),
            (
                out.pick("使用申请池", "with pool"),
                out.pick(
                    if v.with_pool { "是" } else { "否" },
                    if v.with_pool { "yes" } else { "no" },
                )
                .to_owned(),
            ),
        ]);
        if let Some(m) = &v.first_mismatch {
            s.push_str(&format!(
                "{}: {}\n",
                out.pick("首个不一致", "first mismatch"),
                m.message.get(lang)
            ));
        }
        if let Some(u) = &v.needs_pool {
            s.push_str(&format!(
                "{}: {}\n",
                out.pick("需要申请池", "needs the pool"),
                u.message.get(lang)
            ));
        }
        s
    });
    if matches!(
        v.verdict,
        Verdict::Mismatch | Verdict::Unverifiable | Verdict::NeedsPool
    ) {
        // The report is printed; the exit status tells scripts the list is not proved.
        return Err(CliError::Reported);
    }
    Ok(())
}
