//! `yaohao withdraw`: withdraws a submitted application. It joins no further draw; its code and
//! history stay. The core decides when it may (not from a cut-off until that draw).

use serde::Serialize;
use yaohao_core::actions::{self, ActionKind};
use yaohao_core::facade::Application;

use super::views::ApplicationView;
use crate::output::{CliError, Output};
use crate::portal::Portal;

/// Arguments of `yaohao withdraw`.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  yaohao withdraw --application 7 --yes

Withdrawing cannot be undone: the application joins no further draw (its accumulated draws are
lost if you apply again). Not possible from a cut-off until that period's draw. Exit status:
0 withdrawn, 1 refused, 2 usage, 3 not logged in.")]
pub struct Args {
    /// The application's id (from `yaohao status`).
    #[arg(long)]
    application: i64,
    /// Confirms that the withdrawal is meant (it cannot be undone).
    #[arg(long)]
    yes: bool,
}

#[derive(Serialize)]
struct Withdrawn {
    withdrawn: ApplicationView,
}

/// Runs `yaohao withdraw`.
pub fn run(args: Args, out: &Output, portal: Option<&str>) -> Result<(), CliError> {
    let portal = Portal::open(portal, out)?;
    portal.require_login()?;
    portal.follow_clock();
    let dashboard = portal.run(portal.app.refresh())?;
    let card = dashboard
        .applications
        .iter()
        .find(|c| c.application.id == args.application)
        .ok_or_else(|| {
            CliError::invalid(
                "no_such_application",
                format!(
                    "没有编号为 {} 的申请（查看：yaohao status）。",
                    args.application
                ),
                format!(
                    "No application with id {} (see `yaohao status`).",
                    args.application
                ),
            )
        })?;
    let action = actions::find(&card.actions, ActionKind::Withdraw).ok_or_else(|| {
        CliError::invalid(
            "not_withdrawable",
            format!("该申请（{}）不能撤回。", card.status_label.zh),
            format!(
                "This application ({}) cannot be withdrawn.",
                card.status_label.en
            ),
        )
    })?;
    if let Some(reason) = action.refusal() {
        return Err(CliError::invalid(
            &reason.code,
            reason.message_zh.clone(),
            reason.message_en.clone(),
        ));
    }
    if !args.yes {
        return Err(CliError::invalid(
            "confirmation_required",
            "撤回后该申请不再参加摇号，且不能恢复。确认撤回请加 --yes。",
            "A withdrawn application joins no further draw and cannot be restored. Add --yes to withdraw.",
        ));
    }
    let done: Application = portal.run(portal.app.withdraw_application(args.application))?;
    let view = Withdrawn {
        withdrawn: ApplicationView::from(&done),
    };
    out.emit(&view, |lang| match lang {
        yaohao_core::i18n::Lang::Zh => format!(
            "✓ 已撤回申请 {}（申请编码 {}）\n",
            done.id,
            done.code.as_deref().unwrap_or("—")
        ),
        yaohao_core::i18n::Lang::En => format!(
            "✓ Withdrew application {} (code {})\n",
            done.id,
            done.code.as_deref().unwrap_or("—")
        ),
    });
    Ok(())
}
