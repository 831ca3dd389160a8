//! `yaohao continue`: 继续参与 — keeps active applications in the pool through the yearly
//! clean-up (in the continuation month), and re-activates applications the clean-up removed.

use serde::Serialize;
use yaohao_core::actions::{self, ActionKind};

use super::views::{ApplicationView, applications_table};
use crate::output::{CliError, Output};
use crate::portal::Portal;

/// Arguments of `yaohao continue`.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  yaohao continue
  yaohao continue --application 7

Active (approved) applications are continued — only in the policy's continuation month
(December); removed ones are re-activated (they go back to review). Exit status: 0 done, 1 nothing
to do or refused, 2 usage, 3 not logged in.")]
pub struct Args {
    /// The application's id (from `yaohao status`); default every eligible one.
    #[arg(long)]
    application: Option<i64>,
}

#[derive(Serialize)]
struct Continued {
    continued: Vec<ApplicationView>,
    reactivated: Vec<ApplicationView>,
}

/// Runs `yaohao continue`.
pub fn run(args: Args, out: &Output, portal: Option<&str>) -> Result<(), CliError> {
    let portal = Portal::open(portal, out)?;
    portal.require_login()?;
    portal.follow_clock();
    let dashboard = portal.run(portal.app.refresh())?;
    let mut view = Continued {
        continued: Vec::new(),
        reactivated: Vec::new(),
    };
    let mut refusal = None;
    // What the core offers on each card: continue or reactivate, done when allowed now.
    for card in dashboard
        .applications
        .iter()
        .filter(|c| args.application.is_none_or(|id| c.application.id == id))
    {
        let id = card.application.id;
        for kind in [ActionKind::Continue, ActionKind::Reactivate] {
            let Some(action) = actions::find(&card.actions, kind) else {
                continue;
            };
            if let Some(reason) = action.refusal() {
                refusal.get_or_insert_with(|| reason.clone());
                continue;
            }
            if kind == ActionKind::Continue {
                let done = portal.run(portal.app.continue_application(id))?;
                view.continued.push(ApplicationView::from(&done));
            } else {
                let done = portal.run(portal.app.reactivate_application(id))?;
                view.reactivated.push(ApplicationView::from(&done));
            }
        }
    }
    if view.continued.is_empty() && view.reactivated.is_empty() {
        return Err(match refusal {
            Some(reason) => CliError::invalid(&reason.code, reason.message_zh, reason.message_en),
            None => CliError::invalid(
                "nothing_to_continue",
                "没有可继续参与或重新激活的申请（只有审核通过或已移出的申请可以）。",
                "No application to continue or re-activate (only approved or removed ones can be).",
            ),
        });
    }
    out.emit(&view, |lang| {
        let mut s = String::new();
        if !view.continued.is_empty() {
            s += lang.pick("✓ 已确认继续参与：\n", "✓ Continued:\n");
            s += &applications_table(&view.continued, lang);
        }
        if !view.reactivated.is_empty() {
            s += lang.pick(
                "✓ 已重新激活（将重新审核）：\n",
                "✓ Re-activated (back to review):\n",
            );
            s += &applications_table(&view.reactivated, lang);
        }
        s
    });
    Ok(())
}
