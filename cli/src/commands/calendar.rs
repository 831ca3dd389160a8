//! `yaohao calendar`: a policy's events in a date range, in Beijing time.

use crate::input::read_json;
use crate::output::{CliError, Output};
use chrono::NaiveDate;
use yaohao_core::calendar::{self, AnnouncedDate, Event};
use yaohao_core::i18n::Lang;

/// The longest range one call may ask for, in years.
const MAX_YEARS: i32 = 50;

/// Arguments of `yaohao calendar`.
#[derive(clap::Args)]
pub struct Args {
    /// Policy regime (see `yaohao policy list`); default bimonthly-2014.
    #[arg(long)]
    policy: Option<String>,
    /// First Beijing date, YYYY-MM-DD.
    #[arg(long)]
    from: String,
    /// Last Beijing date (included), YYYY-MM-DD.
    #[arg(long)]
    to: String,
    /// Move draws on weekends and public holidays to the next working day.
    #[arg(long)]
    weekend_shift: bool,
    /// JSON file (or -) of dates the portal announced: [{"kind", "projected", "at"}].
    #[arg(long)]
    announced: Option<String>,
}

/// Runs `yaohao calendar`.
pub fn run(args: Args, out: &Output) -> Result<(), CliError> {
    let mut policy = super::policy::resolve(args.policy.as_deref())?.clone();
    policy.rules.weekend_shift.enabled |= args.weekend_shift;
    let from = parse_date("from", &args.from)?;
    let to = parse_date("to", &args.to)?;
    if to < from || to.years_since(from).is_some_and(|y| y >= MAX_YEARS as u32) {
        return Err(CliError::invalid(
            "invalid_range",
            format!("--to 必须不早于 --from，且跨度小于 {MAX_YEARS} 年。"),
            format!(
                "--to must not be before --from, and the range must be under {MAX_YEARS} years."
            ),
        ));
    }
    let announced: Vec<AnnouncedDate> = match &args.announced {
        Some(path) => read_json(path)?,
        None => Vec::new(),
    };
    let events = calendar::events(&policy, from, to, &announced);
    out.emit(&events, |lang| table(policy.title.get(lang), &events, lang));
    Ok(())
}

/// Parses a YYYY-MM-DD option value.
pub fn parse_date(field: &str, value: &str) -> Result<NaiveDate, CliError> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|e| {
        CliError::invalid(
            "invalid_date",
            format!("--{field} 的值 {value} 不是有效日期（应为 YYYY-MM-DD）：{e}"),
            format!("--{field} value {value} is not a valid date (expected YYYY-MM-DD): {e}"),
        )
    })
}

fn table(title: &str, events: &[Event], lang: Lang) -> String {
    let (head, none, announced) = match lang {
        Lang::Zh => (
            "日期        时间   事件（北京时间）",
            "该时间段内没有事件。",
            "（已公布）",
        ),
        Lang::En => (
            "Date        Time   Event (Beijing time)",
            "No events in this range.",
            " (announced)",
        ),
    };
    let mut s = format!("{title}\n{head}\n");
    if events.is_empty() {
        s += none;
    }
    for e in events {
        s += &format!(
            "{}  {}  {}{}  — {}\n",
            e.date,
            e.at.format("%H:%M"),
            e.kind.label().get(lang),
            if e.announced { announced } else { "" },
            e.note.get(lang)
        );
    }
    s
}
