//! `yaohao calendar`: a policy's events in a date range, in Beijing time.

use crate::input::read_json;
use crate::output::{CliError, Exit, Output};
use chrono::{Days, NaiveDate};
use yaohao_core::calendar::{self, AnnouncedDate, Event};
use yaohao_core::i18n::Lang;
use yaohao_core::time::beijing_date;

/// The longest range one call may ask for, in years.
const MAX_YEARS: i32 = 50;

/// Days shown from today when a portal's calendar has no `--to`.
const PORTAL_DAYS: u64 = 180;

/// Arguments of `yaohao calendar`.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  yaohao calendar                                  # with a portal: its announced calendar
  yaohao calendar --from 2026-01-01 --to 2026-12-31 --offline
  yaohao calendar --policy bimonthly-2014 --from 2026-01-01 --to 2026-06-30 --json

With a portal configured (and none of --offline, --policy, --announced, --weekend-shift) the
portal's policy and announced dates are used (the saved copy when offline); otherwise the
projection of the policy, which needs --from and --to. Exit status: 0 shown, 1 invalid input,
2 usage.")]
pub struct Args {
    /// Policy regime to project (see `yaohao policy list`); default: the regimes in force over
    /// the range. A regime projected outside its dates prints a warning.
    #[arg(long)]
    policy: Option<String>,
    /// First Beijing date, YYYY-MM-DD (with a portal: default today).
    #[arg(long)]
    from: Option<String>,
    /// Last Beijing date (included), YYYY-MM-DD (with a portal: default 180 days on).
    #[arg(long)]
    to: Option<String>,
    /// Move draws on weekends and public holidays to the next working day.
    #[arg(long)]
    weekend_shift: bool,
    /// JSON file (or -) of dates the portal announced: [{"kind", "projected", "at"}].
    #[arg(long)]
    announced: Option<String>,
    /// Ignore the configured portal: the policy's projection only.
    #[arg(long)]
    offline: bool,
}

/// Runs `yaohao calendar`.
pub fn run(args: Args, out: &Output, portal: Option<&str>) -> Result<(), CliError> {
    let offline_only =
        args.offline || args.policy.is_some() || args.announced.is_some() || args.weekend_shift;
    if !offline_only && let Some((home, config, url)) = crate::portal::configured(portal)? {
        let portal = crate::portal::Portal::open_at(home, config, url, out)?;
        return from_portal(&args, &portal, out);
    }
    let (Some(from), Some(to)) = (&args.from, &args.to) else {
        return Err(CliError::with_exit(
            Exit::Usage,
            "missing_range",
            "没有设置门户时需要 --from 和 --to。",
            "--from and --to are required without a portal.",
        ));
    };
    let from = parse_date("from", from)?;
    let to = parse_date("to", to)?;
    check_range(from, to)?;
    let announced: Vec<AnnouncedDate> = match &args.announced {
        Some(path) => read_json(path)?,
        None => Vec::new(),
    };
    let regimes = super::policy::for_range(args.policy.as_deref(), from, to, out)?;
    let mut events = Vec::new();
    for (policy, start, end) in &regimes {
        let mut policy = (*policy).clone();
        policy.rules.weekend_shift.enabled |= args.weekend_shift;
        events.extend(calendar::events(&policy, *start, *end, &announced));
    }
    out.emit(&events, |lang| {
        let titles: Vec<String> = regimes
            .iter()
            .map(|(p, start, end)| format!("{} ({start} – {end})", p.title.get(lang)))
            .collect();
        table(&titles.join(" / "), &events, lang)
    });
    Ok(())
}

/// The portal's calendar: its policy with its announced dates (the saved copy when offline).
fn from_portal(args: &Args, portal: &crate::portal::Portal, out: &Output) -> Result<(), CliError> {
    portal.follow_clock();
    let today = beijing_date(portal.now());
    let from = match &args.from {
        Some(s) => parse_date("from", s)?,
        None => today,
    };
    let to = match &args.to {
        Some(s) => parse_date("to", s)?,
        None => from
            .checked_add_days(Days::new(PORTAL_DAYS))
            .unwrap_or(from),
    };
    check_range(from, to)?;
    if let Err(e) = portal.block_on(portal.app.refresh_calendar()) {
        if !e.is_retryable() {
            return Err(portal.explain(&e));
        }
        out.note(
            format!("（离线：{}，显示本地保存的日程）", e.message().zh),
            format!("(offline: {} Showing the saved calendar.)", e.message().en),
        );
    }
    let events = portal
        .app
        .calendar(from, to)
        .map_err(|e| portal.explain(&e))?;
    let title = format!("{} {}", out.pick("门户", "Portal"), portal.url);
    out.emit(&events, |lang| table(&title, &events, lang));
    Ok(())
}

fn check_range(from: NaiveDate, to: NaiveDate) -> Result<(), CliError> {
    if to < from || to.years_since(from).is_some_and(|y| y >= MAX_YEARS as u32) {
        return Err(CliError::invalid(
            "invalid_range",
            format!("--to 必须不早于 --from，且跨度小于 {MAX_YEARS} 年。"),
            format!(
                "--to must not be before --from, and the range must be under {MAX_YEARS} years."
            ),
        ));
    }
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
