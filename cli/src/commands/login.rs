//! `yaohao login` and `yaohao logout`: the session, kept in the system keyring (or, without one,
//! in an owner-only session file; scripts may carry it in `YAOHAO_SESSION`).

use serde::Serialize;
use yaohao_core::facade::{AccountHolder, SmsPurpose};
use yaohao_core::i18n::Lang;

use super::sms::{Credentials, Recipient};
use super::views::AccountView;
use crate::output::{CliError, Output, write_stdout};
use crate::portal::Portal;
use crate::portal::secrets::{SESSION_ENV, StoreKind};

/// Arguments of `yaohao login`.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  yaohao login
  yaohao login --id 110105199001011232 --send-code
  yaohao login --id 110105199001011232 --code 123456
  yaohao login --credit-code 91350100M000100Y43 --send-code     # a unit's account
  eval \"$(yaohao login --id 110105199001011232 --code 123456 --session-env)\"

The session token goes to the system keyring. Without a keyring (or with YAOHAO_KEYRING=off) it
goes to a session file in the config folder that only you can read (mode 0600), as the login says.
--session-env prints `export YAOHAO_SESSION=…` so that a script's later commands use it. The
password may also come from YAOHAO_PASSWORD. The first login remembers the portal.
Exit status: 0 logged in (or code sent), 1 refused, 2 usage, 4 portal unreachable.")]
pub struct Args {
    #[command(flatten)]
    credentials: Credentials,
    /// Print `export YAOHAO_SESSION=<token>` (for `eval`) so later commands reuse the session.
    #[arg(long)]
    session_env: bool,
}

#[derive(Serialize)]
struct LoggedIn {
    logged_in: bool,
    account: AccountView,
    secret_store: StoreKind,
    /// The session token, only with `--session-env`.
    #[serde(skip_serializing_if = "Option::is_none")]
    session: Option<String>,
}

/// Runs `yaohao login`.
pub fn run(mut args: Args, out: &Output, portal: Option<&str>) -> Result<(), CliError> {
    let portal = Portal::open(portal, out)?;
    // A unit's account logs in by its credit code, a person's by the resident ID.
    let unit = args.credentials.names_unit();
    let key = if unit {
        args.credentials.credit_code(out)?
    } else {
        args.credentials.resident_id(out)?
    };
    let to = if unit {
        Recipient::Unit(&key)
    } else {
        Recipient::Account(&key)
    };
    let Some((code, password)) =
        args.credentials
            .code_and_password(&portal, out, SmsPurpose::Login, to)?
    else {
        return Ok(());
    };
    let holder = if unit {
        AccountHolder::Unit { credit_code: key }
    } else {
        AccountHolder::Person { resident_id: key }
    };
    let account = portal.run(portal.app.login(holder, password, code))?;
    portal.remember()?;
    if let Some((zh, en)) = portal.secrets.file_notice() {
        out.note(zh, en);
    }
    let view = LoggedIn {
        logged_in: true,
        account: AccountView::from(&account),
        secret_store: portal.secrets.kind(),
        session: args.session_env.then(|| portal.token()).flatten(),
    };
    if args.session_env && !out.json {
        // Standard output is for `eval`: only the export line.
        if let Some(token) = &view.session {
            write_stdout(&format!("export {SESSION_ENV}={token}\n"));
        }
        out.note(
            format!("✓ 已登录：{}", view.account.line()),
            format!("✓ Logged in: {}", view.account.line()),
        );
        return Ok(());
    }
    out.emit(&view, |lang| match lang {
        Lang::Zh => format!("✓ 已登录：{}\n", view.account.line()),
        Lang::En => format!("✓ Logged in: {}\n", view.account.line()),
    });
    Ok(())
}

/// Arguments of `yaohao logout`.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  yaohao logout

Ends the session on the portal and forgets the token and the account's cached data (local
drafts stay). Exit status: 0 logged out, 2 usage.")]
pub struct LogoutArgs {}

/// Runs `yaohao logout`.
pub fn logout(_args: LogoutArgs, out: &Output, portal: Option<&str>) -> Result<(), CliError> {
    let portal = Portal::open(portal, out)?;
    portal.run(portal.app.logout())?;
    out.emit(&serde_json::json!({ "logged_out": true }), |lang| {
        lang.pick("✓ 已退出登录。", "✓ Logged out.").to_owned()
    });
    Ok(())
}
