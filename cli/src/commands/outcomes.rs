//! `yaohao results` with a portal: the published lists fetched, verified by the core and matched
//! against the account's application codes; won or not, in colour on a terminal.

use console::style;
use serde::Serialize;
use yaohao_core::api::period_label;
use yaohao_core::facade::ResultOutcome;
use yaohao_core::i18n::Lang;

use crate::output::{CliError, Output};
use crate::portal::Portal;

#[derive(Serialize)]
struct OutcomeView {
    #[serde(flatten)]
    outcome: ResultOutcome,
    /// First time this device sees this outcome.
    new: bool,
}

#[derive(Serialize)]
struct ResultsView {
    period: Option<String>,
    outcomes: Vec<OutcomeView>,
}

/// One outcome as a line: code, period, won or not (coloured where the terminal supports it).
pub fn outcome_line(o: &ResultOutcome, lang: Lang) -> String {
    let verdict = match (o.won, lang) {
        (true, Lang::Zh) => style("中签".to_owned()).green().bold(),
        (true, Lang::En) => style("WON".to_owned()).green().bold(),
        (false, Lang::Zh) => style("未中签".to_owned()).red(),
        (false, Lang::En) => style("not drawn".to_owned()).red(),
    };
    let row = o
        .row
        .filter(|_| o.won)
        .map(|r| format!(" {} {r}", lang.pick("序号", "row")))
        .unwrap_or_default();
    // Not verified is not a failure: `results verify` says which it is.
    let unverified = if o.verified {
        ""
    } else {
        lang.pick("（名单尚未验证）", " (list not verified yet)")
    };
    let period = period_label(&o.period);
    format!(
        "{}  {}  {verdict}{row}{unverified}",
        period.get(lang),
        o.code
    )
}

/// Runs `yaohao results [--period P]` against the portal.
pub fn run(period: Option<&str>, out: &Output, portal: Option<&str>) -> Result<(), CliError> {
    let portal = Portal::open(portal, out)?;
    // The account's codes as the portal has them now: an ended session is "log in again" (exit
    // 3), while offline the saved results are shown.
    if let Err(e) = portal.block_on(portal.app.refresh_applications()) {
        if !e.is_retryable() {
            return Err(portal.explain(&e));
        }
        out.note(
            format!("（离线：{}，显示本地保存的结果）", e.message().zh),
            format!("(offline: {} Showing the saved results.)", e.message().en),
        );
    }
    let fresh = match period {
        Some(p) => portal.run(portal.app.check_results(p.to_owned()))?,
        None => portal.run(portal.app.check_published_results())?,
    };
    let saved = portal
        .app
        .latest_results()
        .map_err(|e| portal.explain(&e))?;
    let outcomes: Vec<OutcomeView> = saved
        .into_iter()
        .filter(|o| period.is_none_or(|p| o.period == p))
        .map(|o| OutcomeView {
            new: fresh
                .iter()
                .any(|n| n.outcome.code == o.code && n.outcome.period == o.period),
            outcome: o,
        })
        .collect();
    let view = ResultsView {
        period: period.map(str::to_owned),
        outcomes,
    };
    out.emit(&view, |lang| {
        if view.outcomes.is_empty() {
            return lang
                .pick(
                    "还没有结果：结果在摇号日公布（建议 14:00 后查询）。",
                    "No results yet: they are published on the draw day (check after 14:00).",
                )
                .to_owned();
        }
        let mut s = String::new();
        for o in &view.outcomes {
            s += &outcome_line(&o.outcome, lang);
            if o.new {
                s += lang.pick("  ★ 新", "  ★ new");
            }
            s.push('\n');
            if o.outcome.won {
                s += lang.pick(
                    "  请在 72 小时内确认指标：yaohao confirm\n",
                    "  Confirm the quota within 72 hours: yaohao confirm\n",
                );
            }
        }
        s
    });
    Ok(())
}
