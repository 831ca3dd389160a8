//! `yaohao status`: the profile, the applications (status and reasons), drafts, the next
//! calendar events and the latest results — refreshed from the portal, or the saved copy offline.

use serde::Serialize;
use yaohao_core::client::ClientError;
use yaohao_core::facade::{Dashboard, ResultCard, UpcomingEvent};
use yaohao_core::i18n::Lang;

use super::views::{AccountView, ApplicationView, applications_table, bj};
use crate::output::{CliError, Output, pairs};
use crate::portal::Portal;
use crate::portal::secrets::StoreKind;

/// Arguments of `yaohao status`.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  yaohao status
  yaohao status --json | jq '.applications[].status'

Offline, the saved copy is shown with a warning. Exit status: 0 shown, 2 usage, 3 not logged in
(or the session ended).")]
pub struct Args {}

#[derive(Serialize)]
struct DraftView {
    local_id: String,
    kind: &'static str,
    revision: i64,
    synced: bool,
    pending_uploads: usize,
}

#[derive(Serialize)]
struct StatusView {
    account: Option<AccountView>,
    applications: Vec<ApplicationView>,
    drafts: Vec<DraftView>,
    next_events: Vec<UpcomingEvent>,
    latest_results: Vec<ResultCard>,
    refreshed_at: Option<chrono::DateTime<chrono::Utc>>,
    /// True when the portal could not be reached and this is the saved copy.
    offline: bool,
    secret_store: StoreKind,
}

/// Refreshes the dashboard, or falls back to the saved one when the portal cannot be reached.
pub fn dashboard(portal: &Portal, out: &Output) -> Result<(Dashboard, bool), CliError> {
    match portal.block_on(portal.app.refresh()) {
        Ok(d) => Ok((d, false)),
        Err(e @ (ClientError::Network { .. } | ClientError::DataFreeze { .. })) => {
            out.note(
                format!("（离线：{}，显示本地保存的数据）", e.message().zh),
                format!("(offline: {} Showing saved data.)", e.message().en),
            );
            let saved = portal
                .app
                .dashboard()
                .map_err(|e| crate::portal::errors::from_client(&e))?;
            Ok((saved, true))
        }
        Err(e) => Err(portal.explain(&e)),
    }
}

/// Runs `yaohao status`.
pub fn run(_args: Args, out: &Output, portal: Option<&str>) -> Result<(), CliError> {
    let portal = Portal::open(portal, out)?;
    portal.require_login()?;
    portal.follow_clock();
    let (d, offline) = dashboard(&portal, out)?;
    let view = StatusView {
        account: d.account.as_ref().map(|c| AccountView::from(&c.account)),
        applications: d.applications.iter().map(ApplicationView::from).collect(),
        drafts: d
            .drafts
            .iter()
            .map(|x| DraftView {
                local_id: x.local_id.clone(),
                kind: x.kind.as_str(),
                revision: x.revision,
                synced: x.synced,
                pending_uploads: x.pending_uploads.len(),
            })
            .collect(),
        next_events: d.next_events,
        latest_results: d.latest_results,
        refreshed_at: d.refreshed_at,
        offline,
        secret_store: portal.secrets.kind(),
    };
    out.emit(&view, |lang| human(&view, &portal.url, lang));
    Ok(())
}

fn human(v: &StatusView, url: &str, lang: Lang) -> String {
    let mut s = String::new();
    let account = v
        .account
        .as_ref()
        .map(AccountView::line)
        .unwrap_or_default();
    let refreshed = v.refreshed_at.map(bj).unwrap_or_else(|| "—".to_owned());
    s += &pairs([
        (lang.pick("门户", "Portal"), url.to_owned()),
        (lang.pick("账号", "Account"), account),
        (
            lang.pick("更新于（北京时间）", "Refreshed (Beijing)"),
            refreshed,
        ),
    ]);
    s += &format!("\n{}\n", lang.pick("申请", "Applications"));
    s += &applications_table(&v.applications, lang);
    if !v.drafts.is_empty() {
        s += &format!(
            "\n{}\n",
            lang.pick(
                "未提交的草稿（yaohao apply 继续填写）",
                "Unsubmitted drafts (continue with yaohao apply)"
            )
        );
        for d in &v.drafts {
            s += &format!(
                "  {}  {}  rev {}{}\n",
                d.local_id,
                d.kind,
                d.revision,
                if d.synced { "" } else { " *" }
            );
        }
    }
    if !v.latest_results.is_empty() {
        s += &format!("\n{}\n", lang.pick("最近结果", "Latest results"));
        for r in &v.latest_results {
            s += &format!("  {}\n", super::outcomes::outcome_line(&r.outcome, lang));
            s += &format!("    {}\n", r.meaning.get(lang));
        }
    }
    s += &format!(
        "\n{}\n",
        lang.pick("接下来（北京时间）", "Next (Beijing time)")
    );
    for e in &v.next_events {
        let days = e.countdown_seconds / 86_400;
        s += &match lang {
            Lang::Zh => format!("  {}  {}（还有 {days} 天）\n", bj(e.at), e.title.zh),
            Lang::En => format!("  {}  {} (in {days} days)\n", bj(e.at), e.title.en),
        };
    }
    s
}
