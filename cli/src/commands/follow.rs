//! `yaohao follow` and `yaohao unfollow`: application codes from the official system followed
//! without an account. `yaohao watch` then checks their results on the draw-day plan, with no
//! login, and announces each code's outcome once.

use serde::Serialize;
use yaohao_core::i18n::Lang;

use crate::output::{CliError, Output};
use crate::portal::Portal;

/// Arguments of `yaohao follow`.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  yaohao --portal https://portal.example follow 1234567890123
  yaohao follow \"1234 5678 90123\" 9876543210987

No login needed: `yaohao watch` checks the followed codes in every published list. Codes may be
typed with spaces, hyphens or full-width digits. Exit status: 0 followed, 1 a code is invalid
(nothing is followed), 2 usage.")]
pub struct FollowArgs {
    /// The application codes (13 digits each).
    #[arg(required = true)]
    codes: Vec<String>,
}

/// Arguments of `yaohao unfollow`.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  yaohao unfollow 1234567890123

Exit status: 0 done, 2 usage.")]
pub struct UnfollowArgs {
    /// The application code.
    code: String,
}

#[derive(Serialize)]
struct Followed {
    followed: Vec<String>,
}

fn emit(out: &Output, followed: Vec<String>) {
    let view = Followed { followed };
    out.emit(&view, |lang| {
        let list = view.followed.join("、");
        match (lang, view.followed.is_empty()) {
            (Lang::Zh, true) => "没有关注的申请编码。\n".to_owned(),
            (Lang::En, true) => "No codes followed.\n".to_owned(),
            (Lang::Zh, false) => format!("关注的申请编码：{list}（yaohao watch 查看结果）\n"),
            (Lang::En, false) => format!("Following: {list} (see results with `yaohao watch`)\n"),
        }
    });
}

/// Runs `yaohao follow`.
pub fn follow(args: FollowArgs, out: &Output, portal: Option<&str>) -> Result<(), CliError> {
    let portal = Portal::open(portal, out)?;
    let followed = portal
        .app
        .follow_codes(args.codes)
        .map_err(|e| portal.explain(&e))?;
    portal.remember()?;
    emit(out, followed);
    Ok(())
}

/// Runs `yaohao unfollow`.
pub fn unfollow(args: UnfollowArgs, out: &Output, portal: Option<&str>) -> Result<(), CliError> {
    let portal = Portal::open(portal, out)?;
    let followed = portal
        .app
        .unfollow_code(args.code)
        .map_err(|e| portal.explain(&e))?;
    emit(out, followed);
    Ok(())
}
