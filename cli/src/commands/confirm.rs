//! `yaohao confirm`: confirms a won quota before its deadline (72 hours after the draw).

use serde::Serialize;
use yaohao_core::actions::{self, Action, ActionKind};
use yaohao_core::facade::Quota;
use yaohao_core::i18n::Lang;

use super::views::bj;
use crate::output::{CliError, Output};
use crate::portal::Portal;

/// Arguments of `yaohao confirm`.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  yaohao confirm
  yaohao confirm --quota 12 --json

Confirms every quota waiting for confirmation (or the one given). Exit status: 0 confirmed,
1 nothing to confirm or refused (e.g. past the deadline), 2 usage, 3 not logged in.")]
pub struct Args {
    /// The quota's id (from `yaohao confirm --json` or the results); default every pending one.
    #[arg(long)]
    quota: Option<i64>,
}

#[derive(Serialize)]
struct Confirmed {
    confirmed: Vec<Quota>,
}

/// Runs `yaohao confirm`.
pub fn run(args: Args, out: &Output, portal: Option<&str>) -> Result<(), CliError> {
    let portal = Portal::open(portal, out)?;
    portal.require_login()?;
    portal.follow_clock();
    let quotas = portal.run(portal.app.quotas())?;
    let now = portal.now();
    // What the core allows on each asked-for quota now (pending, before its deadline).
    let offered: Vec<(&Quota, Action)> = quotas
        .iter()
        .filter(|q| args.quota.is_none_or(|id| q.id == id))
        .filter_map(|q| {
            let confirm = actions::find(&actions::quota(q, now), ActionKind::Confirm).cloned();
            confirm.map(|a| (q, a))
        })
        .collect();
    if let Some(reason) = offered
        .iter()
        .find_map(|(_, a)| a.refusal())
        .filter(|_| offered.iter().all(|(_, a)| !a.allowed))
    {
        return Err(CliError::invalid(
            &reason.code,
            reason.message_zh.clone(),
            reason.message_en.clone(),
        ));
    }
    let pending: Vec<&Quota> = offered
        .iter()
        .filter(|(_, a)| a.allowed)
        .map(|(q, _)| *q)
        .collect();
    if pending.is_empty() {
        return Err(CliError::invalid(
            "nothing_to_confirm",
            "没有待确认的指标（中签后 72 小时内可确认；查看结果：yaohao results）。",
            "No quota waits for confirmation (a won quota is confirmed within 72 hours; see `yaohao results`).",
        ));
    }
    let mut confirmed = Vec::new();
    for quota in pending {
        let now = portal.run(portal.app.confirm_quota(quota.id))?;
        confirmed.extend(now.into_iter().filter(|q| q.id == quota.id));
    }
    let view = Confirmed { confirmed };
    out.emit(&view, |lang| {
        view.confirmed
            .iter()
            .map(|q| match lang {
                Lang::Zh => format!(
                    "✓ 已确认第 {} 期指标，指标证明编号 {}，有效期至 {}\n",
                    q.period,
                    q.certificate,
                    bj(q.expires_at)
                ),
                Lang::En => format!(
                    "✓ Confirmed the quota of period {}: certificate {}, valid until {}\n",
                    q.period,
                    q.certificate,
                    bj(q.expires_at)
                ),
            })
            .collect()
    });
    Ok(())
}
