//! `yaohao`: the desktop front end over `yaohao-core`.
//!
//! Exit codes: 0 success, 1 invalid input, a failed check or a refusal by the portal, 2 usage
//! error, 3 login required, 4 temporarily unavailable (network, data freeze, rate limit).

mod commands;
mod input;
mod output;
mod portal;

use clap::{CommandFactory, Parser, Subcommand};
use output::Output;
use yaohao_core::i18n::Lang;

/// Yaohao 摇号助手 — 北京市小客车指标申请的好帮手 (Beijing car-quota lottery companion).
#[derive(Parser)]
#[command(
    name = "yaohao",
    version,
    about,
    long_about = None,
    after_help = "Examples:
  yaohao demo
  yaohao --portal https://portal.example register
  yaohao login && yaohao apply && yaohao status
  yaohao results --json
  yaohao validate id 11010519491231002X

Exit status: 0 success; 1 invalid input, a failed check or a refusal by the portal; 2 usage
error (bad option, no portal configured); 3 login required (not logged in or session ended);
4 temporarily unavailable (network, data freeze, rate limit, server error: retry later).
Environment: YAOHAO_HOME (config and cache directory), YAOHAO_SESSION (session token for
scripts), YAOHAO_KEYRING=off (never use the system keyring), YAOHAO_PASSWORD."
)]
struct Cli {
    /// Print machine-readable JSON (snake_case fields) instead of a table.
    #[arg(long, global = true)]
    json: bool,
    /// Language of human output: zh (default) or en.
    #[arg(long, global = true, default_value = "zh", value_parser = parse_lang)]
    lang: Lang,
    /// The portal's URL (https://…; http only to 127.0.0.1/localhost) for this command; the first
    /// login remembers it, as does `yaohao config set portal`.
    #[arg(long, global = true, value_parser = portal::url::parse)]
    portal: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Show the walkthrough of what Yaohao does (the README's main job).
    #[cfg(feature = "demo")]
    Demo(commands::demo::Args),
    /// Create an account on the portal (SMS code).
    Register(commands::register::Args),
    /// Log in: ID number, password and SMS code.
    Login(commands::login::Args),
    /// Log out and forget the session.
    Logout(commands::login::LogoutArgs),
    /// Profile, applications with status and reasons, next events.
    Status(commands::status::Args),
    /// Fill in and submit an application (drafts are saved and resumed).
    Apply(commands::apply::Args),
    /// Upload a material photo for the current draft.
    Upload(commands::upload::Args),
    /// Confirm a won quota (within 72 hours).
    Confirm(commands::confirm::Args),
    /// 继续参与: keep applications in the pool (December), re-activate removed ones.
    Continue(commands::continuation::Args),
    /// Withdraw a submitted application (it joins no further draw).
    Withdraw(commands::withdraw::Args),
    /// Ask for a reviewed change: the marital status or the address, with a photo of the proof.
    Change(commands::change::Args),
    /// Write everything the portal holds about you to a JSON file (unmasked).
    Export(commands::privacy::ExportArgs),
    /// Delete your account (typed confirmation and password).
    DeleteAccount(commands::privacy::DeleteArgs),
    /// Follow application codes without an account (`watch` checks their results).
    Follow(commands::follow::FollowArgs),
    /// Stop following an application code.
    Unfollow(commands::follow::UnfollowArgs),
    /// Wait for result alerts from the portal and check them.
    Watch(commands::watch::Args),
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
    /// Your results from the portal; or read, check and verify official result files.
    Results(commands::results::Args),
    /// Run or replay the official draw algorithm.
    Draw(commands::draw::Args),
    /// Show or set the remembered settings (the portal).
    Config(commands::config::Args),
    /// Print a shell completion script.
    Completions(commands::completions::Args),
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
    let portal = cli.portal.as_deref();
    let result = match cli.command {
        #[cfg(feature = "demo")]
        Command::Demo(a) => commands::demo::run(a, &out),
        Command::Register(a) => commands::register::run(a, &out, portal),
        Command::Login(a) => commands::login::run(a, &out, portal),
        Command::Logout(a) => commands::login::logout(a, &out, portal),
        Command::Status(a) => commands::status::run(a, &out, portal),
        Command::Apply(a) => commands::apply::run(a, &out, portal),
        Command::Upload(a) => commands::upload::run(a, &out, portal),
        Command::Confirm(a) => commands::confirm::run(a, &out, portal),
        Command::Continue(a) => commands::continuation::run(a, &out, portal),
        Command::Withdraw(a) => commands::withdraw::run(a, &out, portal),
        Command::Follow(a) => commands::follow::follow(a, &out, portal),
        Command::Unfollow(a) => commands::follow::unfollow(a, &out, portal),
        Command::Change(a) => commands::change::run(a, &out, portal),
        Command::Export(a) => commands::privacy::export(a, &out, portal),
        Command::DeleteAccount(a) => commands::privacy::delete(a, &out, portal),
        Command::Watch(a) => commands::watch::run(a, &out, portal),
        Command::Calendar(a) => commands::calendar::run(a, &out, portal),
        Command::Policy(a) => commands::policy::run(a, &out),
        Command::Reminders(a) => commands::reminders::run(a, &out, portal),
        Command::Validate(a) => commands::validate::run(a, &out),
        Command::Eligibility(a) => commands::eligibility::run(a, &out),
        Command::Points(a) => commands::points::run(a, &out),
        Command::Odds(a) => commands::odds::run(a, &out),
        Command::Results(a) => commands::results::run(a, &out, portal),
        Command::Draw(a) => commands::draw::run(a, &out),
        Command::Config(a) => commands::config::run(a, &out),
        Command::Completions(a) => {
            commands::completions::run(a, Cli::command());
            Ok(())
        }
    };
    if let Err(e) = result {
        std::process::exit(out.fail(&e));
    }
}
