//! What registration and login share: the resident ID, the SMS code (sent by the portal, then
//! asked for) and the password.

use serde::Serialize;
use yaohao_core::facade::{CodeSent, SmsPurpose};
use yaohao_core::validate;

use crate::output::{CliError, Output};
use crate::portal::Portal;
use crate::portal::prompt::{new_password, valid_value, value_or_ask};
use yaohao_core::validate::mask_mobile;

/// The flags `register` and `login` both take.
#[derive(clap::Args)]
pub struct Credentials {
    /// Resident ID number (身份证号码).
    #[arg(long)]
    id: Option<String>,
    /// Password (else YAOHAO_PASSWORD, else asked without echo).
    #[arg(long)]
    password: Option<String>,
    /// The SMS code already received (skips sending a new one).
    #[arg(long)]
    code: Option<String>,
    /// Only send the SMS code, then stop (finish later with --code).
    #[arg(long, conflicts_with = "code")]
    send_code: bool,
}

impl Credentials {
    /// The resident ID from `--id`, or asked for until it is valid.
    pub fn resident_id(&mut self, out: &Output) -> Result<String, CliError> {
        valid_value(
            out,
            self.id.take(),
            "--id",
            ("身份证号码：", "Resident ID number: "),
            validate::resident_id,
        )
    }

    /// The SMS code (given, or sent to `to` and asked for), then the password (flag,
    /// `YAOHAO_PASSWORD` or asked without echo). `None` after `--send-code`: the code was sent.
    pub fn code_and_password(
        self,
        portal: &Portal,
        out: &Output,
        purpose: SmsPurpose,
        to: Recipient<'_>,
    ) -> Result<Option<(String, String)>, CliError> {
        let mut password = self
            .password
            .or_else(|| std::env::var("YAOHAO_PASSWORD").ok());
        // A new password is checked against the policy before a code is spent on it.
        if matches!(purpose, SmsPurpose::Register) && !self.send_code {
            password = Some(new_password(out, password)?);
        }
        let Some(code) = obtain(portal, out, self.code, self.send_code, purpose, to)? else {
            return Ok(None);
        };
        let password = value_or_ask(out, password, "--password", "密码：", "Password: ", true)?;
        Ok(Some((code, password)))
    }
}

/// A code was sent (JSON of `--send-code`).
#[derive(Serialize)]
struct CodeSentView {
    code_sent: bool,
    /// The number it went to, masked (absent for a login: the portal knows it).
    to: Option<String>,
    expires_in: i64,
    resend_after: i64,
}

impl CodeSentView {
    /// The view of `sent` to `mobile`.
    pub fn new(sent: CodeSent, mobile: &str) -> CodeSentView {
        CodeSentView {
            code_sent: true,
            to: (!mobile.is_empty()).then(|| mask_mobile(mobile)),
            expires_in: sent.expires_in,
            resend_after: sent.resend_after,
        }
    }
}

/// Requests a code and tells the user (on standard error) where it went.
fn send_code(
    portal: &Portal,
    out: &Output,
    purpose: SmsPurpose,
    mobile: Option<&str>,
    resident_id: Option<&str>,
) -> Result<CodeSent, CliError> {
    let sent = portal.run(portal.app.request_sms_code(
        purpose,
        mobile.map(str::to_owned),
        resident_id.map(str::to_owned),
    ))?;
    let to = mobile.map(mask_mobile);
    let minutes = sent.expires_in / 60;
    match to {
        Some(to) => out.note(
            format!("验证码已发送至 {to}，{minutes} 分钟内有效。"),
            format!("Code sent to {to}; valid for {minutes} min."),
        ),
        None => out.note(
            format!("验证码已发送至账号绑定的手机，{minutes} 分钟内有效。"),
            format!("Code sent to the account's mobile; valid for {minutes} min."),
        ),
    }
    Ok(sent)
}

/// Who a code is for: a new mobile (registration) or an account (login).
pub enum Recipient<'a> {
    /// Registration: the code goes to this mobile.
    Mobile(&'a str),
    /// Login: the code goes to the account's mobile.
    Account(&'a str),
}

/// The SMS code to use: the one given, else a new one sent and then asked for. `None` with
/// `send_only` (`--send-code`): the code was sent and the answer printed.
fn obtain(
    portal: &Portal,
    out: &Output,
    given: Option<String>,
    send_only: bool,
    purpose: SmsPurpose,
    to: Recipient<'_>,
) -> Result<Option<String>, CliError> {
    if let Some(code) = given {
        return Ok(Some(code));
    }
    let (mobile, resident_id) = match to {
        Recipient::Mobile(m) => (Some(m), None),
        Recipient::Account(id) => (None, Some(id)),
    };
    let sent = send_code(portal, out, purpose, mobile, resident_id)?;
    if send_only {
        out.emit(
            &CodeSentView::new(sent, mobile.unwrap_or_default()),
            |lang| {
                lang.pick(
                    "验证码已发送；收到后用 --code 继续。",
                    "Code sent; continue with --code once it arrives.",
                )
                .to_owned()
            },
        );
        return Ok(None);
    }
    value_or_ask(out, None, "--code", "短信验证码：", "SMS code: ", false).map(Some)
}
