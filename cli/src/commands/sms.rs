//! What registration and login share: the resident ID, the SMS code (sent by the portal, then
//! asked for) and the password.

use serde::Serialize;
use yaohao_core::facade::{AccountHolder, CodeSent, SmsPurpose};
use yaohao_core::validate;

use crate::output::{CliError, Output};
use crate::portal::Portal;
use crate::portal::prompt::{new_password, valid_value, value_or_ask};
use yaohao_core::validate::mask_mobile;

/// The flags `register` and `login` both take.
#[derive(clap::Args)]
pub struct Credentials {
    /// Resident ID number (身份证号码; a unit's contact person's with `register --unit`).
    #[arg(long)]
    id: Option<String>,
    /// A unit's unified social credit code (统一社会信用代码): `register --unit`, or `login` to
    /// a unit's account.
    #[arg(long)]
    credit_code: Option<String>,
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

    /// The unit's credit code from `--credit-code`, or asked for until it is valid.
    pub fn credit_code(&mut self, out: &Output) -> Result<String, CliError> {
        valid_value(
            out,
            self.credit_code.take(),
            "--credit-code",
            ("统一社会信用代码：", "Unified social credit code: "),
            validate::credit_code,
        )
    }

    /// Whether a credit code was given (a unit's login).
    pub fn names_unit(&self) -> bool {
        self.credit_code.is_some()
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
    to: &Recipient<'_>,
) -> Result<CodeSent, CliError> {
    let (mobile, holder) = match *to {
        Recipient::Mobile(m) => (Some(m.to_owned()), None),
        Recipient::Account(id) => (
            None,
            Some(AccountHolder::Person {
                resident_id: id.to_owned(),
            }),
        ),
        Recipient::Unit(code) => (
            None,
            Some(AccountHolder::Unit {
                credit_code: code.to_owned(),
            }),
        ),
    };
    let sent = portal.run(portal.app.request_sms_code(purpose, mobile, holder))?;
    let minutes = sent.expires_in / 60;
    match to {
        Recipient::Mobile(m) => {
            let to = mask_mobile(m);
            out.note(
                format!("验证码已发送至 {to}，{minutes} 分钟内有效。"),
                format!("Code sent to {to}; valid for {minutes} min."),
            )
        }
        _ => out.note(
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
    /// Login: the code goes to the mobile of the person's account with this resident ID.
    Account(&'a str),
    /// Login: the code goes to the contact's mobile of the unit with this credit code.
    Unit(&'a str),
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
    let sent = send_code(portal, out, purpose, &to)?;
    let mobile = match to {
        Recipient::Mobile(m) => Some(m),
        _ => None,
    };
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
