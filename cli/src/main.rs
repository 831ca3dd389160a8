//! `yaohao`: the desktop front end over `yaohao-core`.
//!
//! Exit codes: 0 success, 1 invalid input or a failed check, 2 usage error.

mod commands;
mod input;
mod output;

use clap::{Parser, Subcommand};
use output::Output;
use yaohao_core::i18n::Lang;

/// Yaohao 摇号助手 — 北京市小客车指标申请的好帮手 (Beijing car-quota lottery companion).
#[derive(Parser)]
#[command(name = "yaohao", version, about, long_about = None)]
struct Cli {
    /// Print machine-readable JSON (snake_case fields) instead of a table.
    #[arg(long, global = true)]
    json: bool,
    /// Language of human output: zh (default) or en.
    #[arg(long, global = true, default_value = "zh", value_parser = parse_lang)]
    lang: Lang,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Show the walkthrough of what Yaohao does (the README's main job).
    Demo(commands::demo::Args),
    /// Policy calendar: cut-offs, draws, results, freezes, continuation (Beijing time).
    Calendar(commands::calendar::Args),
    /// List or show the policy regimes.
    Policy(commands::policy::Args),
    /// Reminders for an applicant's state (stable ids, fire times in UTC).
    Reminders(commands::reminders::Args),
    /// Validate one form field: id, name, phone, licence-file, code, address.
    Validate(commands::validate::Args),
    /// Eligibility of an individual or a family, with every failed condition.
    Eligibility(commands::eligibility::Args),
    /// Family points and ladder weights.
    Points(commands::points::Args),
    /// Odds of winning one draw and the expected wait.
    Odds(commands::odds::Args),
    /// Read, check and verify official result files.
    Results(commands::results::Args),
    /// Run or replay the official draw algorithm.
    Draw(commands::draw::Args),
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("unknown language '{s}': use zh or en"))
}

fn main() {
    let cli = Cli::parse();
    let out = Output {
        json: cli.json,
        lang: cli.lang,
    };
    let result = match cli.command {
        Command::Demo(a) => commands::demo::run(a, &out),
        Command::Calendar(a) => commands::calendar::run(a, &out),
        Command::Policy(a) => commands::policy::run(a, &out),
        Command::Reminders(a) => commands::reminders::run(a, &out),
        Command::Validate(a) => commands::validate::run(a, &out),
        Command::Eligibility(a) => commands::eligibility::run(a, &out),
        Command::Points(a) => commands::points::run(a, &out),
        Command::Odds(a) => commands::odds::run(a, &out),
        Command::Results(a) => commands::results::run(a, &out),
        Command::Draw(a) => commands::draw::run(a, &out),
    };
    if let Err(e) = result {
        std::process::exit(out.fail(&e));
    }
}
