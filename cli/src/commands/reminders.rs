//! `yaohao reminders`: the reminders of an applicant's state, with stable ids and UTC fire times.

use crate::input::read_json;
use crate::output::{CliError, Exit, Output};
use chrono::{DateTime, Utc};
use yaohao_core::i18n::Lang;
use yaohao_core::reminders::{self, ApplicantState, Reminder};
use yaohao_core::time::to_beijing;

/// Arguments of `yaohao reminders`.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  yaohao reminders                                 # with a portal: your account's reminders
  yaohao reminders --state applicant.json --now 2026-05-01T00:00:00Z --json

Without --state, a configured portal's account (refreshed when logged in, else the saved copy)
gives the state. Exit status: 0 shown, 1 invalid state, 2 usage.")]
pub struct Args {
    /// The applicant's state as JSON (a file, or - for standard input); default: the portal's.
    #[arg(long)]
    state: Option<String>,
    /// The current moment, RFC 3339 (default: the system clock).
    #[arg(long, requires = "state")]
    now: Option<String>,
    /// Policy regime (see `yaohao policy list`); default: the one in force on --now's date. A
    /// regime named outside its dates prints a warning.
    #[arg(long)]
    policy: Option<String>,
}

/// Runs `yaohao reminders`.
pub fn run(args: Args, out: &Output, portal: Option<&str>) -> Result<(), CliError> {
    let Some(state_file) = &args.state else {
        return from_portal(out, portal);
    };
    let now = match &args.now {
        Some(s) => DateTime::parse_from_rfc3339(s)
            .map(|t| t.to_utc())
            .map_err(|e| {
                CliError::invalid(
                    "invalid_now",
                    format!("--now 的值 {s} 不是 RFC 3339 时间：{e}"),
                    format!("--now value {s} is not an RFC 3339 time: {e}"),
                )
            })?,
        None => Utc::now(),
    };
    let today = yaohao_core::time::beijing_date(now);
    let policy = super::policy::for_day(args.policy.as_deref(), today, out)?;
    let state: ApplicantState = read_json(state_file)?;
    state.check().map_err(|e| {
        CliError::invalid(
            "invalid_state",
            format!("状态文件的 {} 无效：{}", e.field, e.reason),
            format!("state field {} is invalid: {}", e.field, e.reason),
        )
    })?;
    let list = reminders::compute(&state, policy, now);
    out.emit(&list, |lang| table(&list, now, lang));
    Ok(())
}

/// The reminders of the portal account's state (refreshed when possible).
fn from_portal(out: &Output, portal: Option<&str>) -> Result<(), CliError> {
    let Some((home, config, url)) = crate::portal::configured(portal)? else {
        return Err(CliError::with_exit(
            Exit::Usage,
            "missing_state",
            "没有设置门户时需要 --state。",
            "--state is required without a portal.",
        ));
    };
    let portal = crate::portal::Portal::open_at(home, config, url, out)?;
    portal.follow_clock();
    if portal.app.is_logged_in().unwrap_or(false)
        && let Err(e) = portal.block_on(portal.app.refresh())
    {
        out.note(
            format!("（未能刷新：{}，使用本地保存的数据）", e.message().zh),
            format!("(not refreshed: {} Using saved data.)", e.message().en),
        );
    }
    let list = portal.app.reminders().map_err(|e| portal.explain(&e))?;
    let now = portal.now();
    out.emit(&list, |lang| table(&list, now, lang));
    Ok(())
}

fn table(list: &[Reminder], now: DateTime<Utc>, lang: Lang) -> String {
    let now = to_beijing(now).format("%Y-%m-%d %H:%M");
    let mut s = match lang {
        Lang::Zh => format!("提醒（自 {now} 北京时间起，共 {} 条）\n", list.len()),
        Lang::En => format!(
            "Reminders (from {now} Beijing time, {} in all)\n",
            list.len()
        ),
    };
    for r in list {
        s += &format!(
            "{}  {}\n    {}\n    {}  {}\n",
            to_beijing(r.fire_at).format("%Y-%m-%d %H:%M"),
            r.title.get(lang),
            r.body.get(lang),
            r.id,
            r.deep_link
        );
    }
    s
}
