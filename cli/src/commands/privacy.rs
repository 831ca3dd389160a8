//! `yaohao export` and `yaohao delete-account`: the applicant's data rights. The export is a
//! copy of everything the portal holds (unmasked: keep the file safe); deleting the account asks
//! for the ID number typed out and the password, then forgets everything on this computer too.

use serde::Serialize;
use yaohao_core::actions::{self, ActionKind};
use yaohao_core::i18n::Lang;

use crate::output::{CliError, Output};
use crate::portal::Portal;
use crate::portal::prompt::value_or_ask;

/// Arguments of `yaohao export`.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  yaohao export --out my-yaohao-data.json

Writes everything the portal holds about you (account, applications with their forms and
materials' fingerprints, marital-status requests, quotas, results, devices, sessions) as JSON.
ID number and mobile are unmasked in this file only. Exit status: 0 written, 1 refused,
3 not logged in.")]
pub struct ExportArgs {
    /// The file to write (it must not exist yet).
    #[arg(long)]
    out: std::path::PathBuf,
}

/// Arguments of `yaohao delete-account`.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  yaohao delete-account --confirm 11010519491231002X

Deletes your account on the portal: your personal data, materials, devices and sessions. Past
published results stay, by application code only. Not possible while a won quota waits for its
confirmation. The password may also come from YAOHAO_PASSWORD. Exit status: 0 deleted, 1 refused,
2 usage, 3 not logged in.")]
pub struct DeleteArgs {
    /// Your resident ID number, typed out, to confirm.
    #[arg(long)]
    confirm: Option<String>,
    /// The password (default: YAOHAO_PASSWORD, else asked without echo).
    #[arg(long)]
    password: Option<String>,
}

#[derive(Serialize)]
struct Exported {
    written: String,
    applications: usize,
}

#[derive(Serialize)]
struct Deleted {
    deleted: bool,
}

/// Runs `yaohao export`.
pub fn export(args: ExportArgs, out: &Output, portal: Option<&str>) -> Result<(), CliError> {
    let portal = Portal::open(portal, out)?;
    portal.require_login()?;
    let data = portal.run(portal.app.export_data())?;
    let json = serde_json::to_vec_pretty(&data)
        .map_err(|e| CliError::invalid("io", e.to_string(), e.to_string()))?;
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&args.out)
        .and_then(|mut f| std::io::Write::write_all(&mut f, &json));
    written.map_err(|e| {
        let path = args.out.display();
        CliError::invalid(
            "cannot_write",
            format!("无法写入 {path}：{e}（文件不能已存在）。"),
            format!("cannot write {path}: {e} (the file must not exist yet)."),
        )
    })?;
    let view = Exported {
        written: args.out.display().to_string(),
        applications: data.applications.len(),
    };
    out.emit(&view, |lang| match lang {
        Lang::Zh => format!(
            "✓ 已将账户数据写入 {}（含 {} 个申请）。文件含完整身份证号和手机号，请妥善保管。\n",
            view.written, view.applications
        ),
        Lang::En => format!(
            "✓ Wrote your data to {} ({} applications). It holds your full ID number and mobile: keep it safe.\n",
            view.written, view.applications
        ),
    });
    Ok(())
}

/// Runs `yaohao delete-account`.
pub fn delete(args: DeleteArgs, out: &Output, portal: Option<&str>) -> Result<(), CliError> {
    let portal = Portal::open(portal, out)?;
    portal.require_login()?;
    let dashboard = portal.run(portal.app.refresh())?;
    let account = dashboard.account.ok_or_else(|| {
        CliError::invalid(
            "no_profile",
            "无法读取账户信息。",
            "The account could not be read.",
        )
    })?;
    if let Some(reason) =
        actions::find(&account.actions, ActionKind::DeleteAccount).and_then(|a| a.refusal())
    {
        return Err(CliError::invalid(
            &reason.code,
            reason.message_zh.clone(),
            reason.message_en.clone(),
        ));
    }
    let typed = value_or_ask(
        out,
        args.confirm,
        "--confirm",
        "注销后账户数据将被删除且不能恢复。请输入你的身份证号以确认：",
        "Deleting erases your account's data for good. Type your resident ID number to confirm: ",
        false,
    )?;
    let wanted = &account.account.resident_id;
    if !typed.trim().eq_ignore_ascii_case(wanted) {
        return Err(CliError::invalid(
            "confirmation_mismatch",
            format!(
                "输入的身份证号与账户（{}）不符，账户未注销。",
                account.resident_id_masked
            ),
            format!(
                "The ID number typed does not match the account ({}); nothing was deleted.",
                account.resident_id_masked
            ),
        ));
    }
    let password = value_or_ask(
        out,
        args.password
            .or_else(|| std::env::var("YAOHAO_PASSWORD").ok()),
        "--password",
        "密码：",
        "Password: ",
        true,
    )?;
    portal.run(portal.app.delete_account(password))?;
    out.emit(&Deleted { deleted: true }, |lang| match lang {
        Lang::Zh => "✓ 账户已注销，本机的登录、草稿和缓存已清除。已公布的摇号结果仅以申请编码保留。\n".to_owned(),
        Lang::En => "✓ The account is deleted; this computer's session, drafts and cache are cleared. Published results stay, by application code only.\n".to_owned(),
    });
    Ok(())
}
