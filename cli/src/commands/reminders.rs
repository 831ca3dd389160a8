//! `yaohao reminders`: the reminders of an applicant's state, with stable ids and UTC fire times.

use crate::input::read_json;
use crate::output::{CliError, Output};
use chrono::{DateTime, Utc};
use yaohao_core::i18n::Lang;
use yaohao_core::reminders::{self, ApplicantState, Reminder};
use yaohao_core::time::to_beijing;

/// Arguments of `yaohao reminders`.
#[derive(clap::Args)]
pub struct Args {
    /// The applicant's state as JSON (a file, or - for standard input).
    #[arg(long)]
    state: String,
    /// The current moment, RFC 3339 (default: the system clock).
    #[arg(long)]
    now: Option<String>,
    /// Policy regime (see `yaohao policy list`); default bimonthly-2014.
    #[arg(long)]
    policy: Option<String>,
}

/// Runs `yaohao reminders`.
pub fn run(args: Args, out: &Output) -> Result<(), CliError> {
    let policy = super::policy::resolve(args.policy.as_deref())?;
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
    let state: ApplicantState = read_json(&args.state)?;
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
