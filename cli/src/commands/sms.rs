//! Asking the portal for an SMS code (registration and login share it).

use serde::Serialize;
use yaohao_core::facade::{CodeSent, SmsPurpose};

use crate::output::{CliError, Output};
use crate::portal::Portal;
use crate::portal::privacy::mask_mobile;

/// A code was sent (JSON of `--send-code`).
#[derive(Serialize)]
pub struct CodeSentView {
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
pub fn send_code(
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
