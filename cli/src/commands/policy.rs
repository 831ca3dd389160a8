//! `yaohao policy list|show`: the policy regimes, with every rule's source and confidence.

use crate::output::{CliError, Output};
use chrono::NaiveDate;
use serde::Serialize;
use yaohao_core::i18n::Lang;
use yaohao_core::policy::{self, Confidence, Policy};

/// Arguments of `yaohao policy`.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  yaohao policy list
  yaohao policy show bimonthly-2014 --json

Exit status: 0 shown, 1 unknown policy, 2 usage.")]
pub struct Args {
    #[command(subcommand)]
    command: PolicyCommand,
}

#[derive(clap::Subcommand)]
enum PolicyCommand {
    /// List the regimes.
    List,
    /// Show one regime with its draws, windows and rules.
    Show {
        /// Regime name, e.g. bimonthly-2014.
        name: String,
    },
}

/// One line of `policy list`.
#[derive(Serialize)]
struct Listed<'a> {
    name: &'a str,
    title: &'a yaohao_core::i18n::Text,
    effective_from: chrono::NaiveDate,
    effective_to: Option<chrono::NaiveDate>,
    confidence: Confidence,
    in_force: bool,
}

/// Runs `yaohao policy`.
pub fn run(args: Args, out: &Output) -> Result<(), CliError> {
    match args.command {
        PolicyCommand::List => {
            let today = yaohao_core::time::beijing_date(chrono::Utc::now());
            let listed: Vec<Listed> = policy::all()
                .iter()
                .map(|p| Listed {
                    name: &p.name,
                    title: &p.title,
                    effective_from: p.effective_from,
                    effective_to: p.effective_to,
                    confidence: p.confidence,
                    in_force: p.in_force_on(today),
                })
                .collect();
            out.emit(&listed, |lang| list_text(&listed, lang));
        }
        PolicyCommand::Show { name } => {
            let p = named(&name)?;
            out.emit(p, |lang| show_text(p, lang));
        }
    }
    Ok(())
}

/// The policy called `name`; an unknown name is invalid input.
pub fn named(name: &str) -> Result<&'static Policy, CliError> {
    policy::by_name(name).ok_or_else(|| {
        let known: Vec<&str> = policy::all().iter().map(|p| p.name.as_str()).collect();
        CliError::invalid(
            "unknown_policy",
            format!("没有名为 {name} 的政策。可用：{}", known.join("、")),
            format!("no policy called {name}. Known: {}", known.join(", ")),
        )
    })
}

/// The regime for the day `on`: the one named (with a warning on standard error when it was not
/// in force that day), or the one in force then.
pub fn for_day(
    name: Option<&str>,
    on: NaiveDate,
    out: &Output,
) -> Result<&'static Policy, CliError> {
    match name {
        Some(name) => {
            let p = named(name)?;
            warn_outside(p, on, on, out);
            Ok(p)
        }
        None => policy::in_force(on).ok_or_else(|| no_regime(on)),
    }
}

/// The regimes for `from..=to`, each with the part of the range it covers: the one named over the
/// whole range (with a warning when it was not in force throughout), or those in force.
pub fn for_range(
    name: Option<&str>,
    from: NaiveDate,
    to: NaiveDate,
    out: &Output,
) -> Result<Vec<(&'static Policy, NaiveDate, NaiveDate)>, CliError> {
    match name {
        Some(name) => {
            let p = named(name)?;
            warn_outside(p, from, to, out);
            Ok(vec![(p, from, to)])
        }
        None if policy::in_force(from).is_none() => Err(no_regime(from)),
        None => Ok(policy::in_force_between(from, to)),
    }
}

/// Warns that `p` is projected onto days it was not in force.
fn warn_outside(p: &Policy, from: NaiveDate, to: NaiveDate, out: &Output) {
    if p.in_force_on(from) && p.in_force_on(to) {
        return;
    }
    let until_zh = until(p.effective_to, Lang::Zh);
    let until_en = until(p.effective_to, Lang::En);
    out.note(
        format!(
            "注意：{} 的实施期为 {} 至 {until_zh}；{from} 至 {to} 的日期是按该规则推算的，并非当时实行的规则。",
            p.name, p.effective_from
        ),
        format!(
            "warning: {} was in force {} – {until_en}; the dates for {from} – {to} are a projection of it, not the rules then in force.",
            p.name, p.effective_from
        ),
    );
}

/// No regime was in force on `day`.
fn no_regime(day: NaiveDate) -> CliError {
    let first = policy::all()
        .first()
        .map(|p| p.effective_from)
        .unwrap_or_default();
    CliError::invalid(
        "no_policy_in_force",
        format!(
            "{day} 没有实行中的摇号政策（最早的政策自 {first} 起）：请选择 {first} 以后的日期，或用 --policy 指定要推算的政策"
        ),
        format!(
            "no lottery regime was in force on {day} (the first began {first}): pick a later date, or name a regime to project with --policy"
        ),
    )
}

fn until(to: Option<chrono::NaiveDate>, lang: Lang) -> String {
    to.map_or_else(|| lang.pick("至今", "now").to_owned(), |d| d.to_string())
}

fn list_text(listed: &[Listed], lang: Lang) -> String {
    let mut s = String::new();
    for l in listed {
        let mark = if l.in_force {
            lang.pick("（现行）", " (in force)")
        } else {
            ""
        };
        s += &format!(
            "{:<16} {} – {:<10}  {:?}  {}{mark}\n",
            l.name,
            l.effective_from,
            until(l.effective_to, lang),
            l.confidence,
            l.title.get(lang)
        );
    }
    s
}

/// Display name of a rule key.
fn rule_label(key: &str, lang: Lang) -> &str {
    let (zh, en) = match key {
        "application_cutoff" => ("每月申请截止", "Monthly application cut-off"),
        "data_freeze" => ("数据封存", "Data freeze"),
        "results" => ("结果公布", "Results publication"),
        "confirmation" => ("中签确认时限", "Winner confirmation"),
        "quota_validity" => ("指标有效期", "Quota validity"),
        "code_renewal" => ("申请编码确认周期", "Code renewal"),
        "continuation" => ("继续参与", "Continuation"),
        "cleanup" => ("年度清理", "Yearly clean-up"),
        "lapse" => ("失效期限", "Lapse"),
        "marital_review" => ("婚姻状况审核", "Marital-status review"),
        "weekend_shift" => ("遇周末节假日顺延", "Weekend/holiday shift"),
        "ladder" => ("阶梯权重", "Ladder weights"),
        other => (other, other),
    };
    lang.pick(zh, en)
}

fn show_text(p: &Policy, lang: Lang) -> String {
    let pick = |zh, en| lang.pick(zh, en);
    let mut s = format!(
        "{}  {}\n{}\n{}{} – {}   {}{:?}\n{}{}\n",
        p.name,
        p.title.get(lang),
        p.summary.get(lang),
        pick("有效期：", "Effective: "),
        p.effective_from,
        until(p.effective_to, lang),
        pick("可信度：", "Confidence: "),
        p.confidence,
        pick("来源：", "Source (Chinese): "),
        p.source
    );
    s += &format!("\n{}\n", pick("摇号/配置", "Draws and allocations"));
    for d in &p.draws {
        let months: Vec<String> = d.months.iter().map(u32::to_string).collect();
        let limits = match (d.from, d.to) {
            (None, None) => String::new(),
            (f, t) => format!(
                " [{} – {}]",
                f.map_or_else(String::new, |d| d.to_string()),
                t.map_or_else(String::new, |d| d.to_string())
            ),
        };
        s += &format!(
            "  {} {} {} {}{limits}  {:?}  {}\n",
            pick("月份", "months"),
            months.join(","),
            d.day,
            d.time.format("%H:%M"),
            d.confidence,
            d.note.get(lang)
        );
    }
    for w in &p.windows {
        s += &format!(
            "  {} {}-{} – {}-{}  {:?}\n",
            pick("申报窗口", "window"),
            w.opens_month,
            w.opens_day,
            w.closes_month,
            w.closes_day,
            w.confidence
        );
    }
    s += &format!("\n{}\n", pick("规则", "Rules"));
    let rules = serde_json::to_value(&p.rules).unwrap_or_default();
    for (key, rule) in rules.as_object().into_iter().flatten() {
        let on = rule
            .get("enabled")
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        let params: Vec<String> = rule
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(k, _)| !matches!(k.as_str(), "enabled" | "source" | "confidence"))
            .map(|(k, v)| {
                format!(
                    "{k}={}",
                    v.as_str().map_or_else(|| v.to_string(), str::to_owned)
                )
            })
            .collect();
        s += &format!(
            "  [{}] {}  {}  {}\n      {}{}\n",
            if on {
                pick("开", "on")
            } else {
                pick("关", "off")
            },
            rule_label(key, lang),
            rule.get("confidence")
                .and_then(|v| v.as_str())
                .unwrap_or(""),
            params.join(" "),
            pick("来源：", "source (Chinese): "),
            rule.get("source").and_then(|v| v.as_str()).unwrap_or("")
        );
    }
    s
}
