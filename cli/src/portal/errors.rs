//! The portal's errors ([`ClientError`]) as the tool reports them: the facade's message in both
//! languages (ID and mobile numbers masked), what to do next, and a distinct exit code.

use yaohao_core::client::ClientError;
use yaohao_core::client::redact::redact;
use yaohao_core::time::to_beijing;

use crate::output::{CliError, Exit};

/// The tool's error for a facade error.
pub fn from_client(e: &ClientError) -> CliError {
    let message = e.message();
    let (zh, en) = (redact(&message.zh), redact(&message.en));
    let (exit, code, hint_zh, hint_en) = match e {
        ClientError::Network { .. } => (
            Exit::Unavailable,
            "network".to_owned(),
            "请检查网络连接和门户地址（--portal），稍后重试。".to_owned(),
            "Check the network and the portal URL (--portal), then try again.".to_owned(),
        ),
        ClientError::DataFreeze { until, .. } => {
            let when = until
                .map(|u| to_beijing(u).format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default();
            (
                Exit::Unavailable,
                "data_freeze".to_owned(),
                format!("摇号前数据封存期间暂停查询，不是故障；请于 {when}（北京时间）后再试。"),
                format!("Queries pause during the pre-draw freeze (not a fault); try again after {when} Beijing time."),
            )
        }
        ClientError::AuthRequired { .. } => (
            Exit::Login,
            "login_required".to_owned(),
            "请先运行 yaohao login 登录。".to_owned(),
            "Log in first with `yaohao login`.".to_owned(),
        ),
        ClientError::LoggedInElsewhere { .. } => (
            Exit::Login,
            "logged_in_elsewhere".to_owned(),
            "账号已在其他设备登录，本机会话已结束；请运行 yaohao login 重新登录。".to_owned(),
            "The account logged in on another device, which ended this session; log in again with `yaohao login`.".to_owned(),
        ),
        ClientError::RateLimited {
            retry_after_seconds,
            ..
        } => (
            Exit::Unavailable,
            "rate_limited".to_owned(),
            format!("请 {retry_after_seconds} 秒后再试。"),
            format!("Try again in {retry_after_seconds} s."),
        ),
        ClientError::Validation { code, field, .. } => {
            let (fz, fe) = field
                .as_deref()
                .map(|f| (format!("（字段 {f}）"), format!(" (field {f})")))
                .unwrap_or_default();
            (Exit::Invalid, code.clone(), fz, fe)
        }
        ClientError::NotFound { .. } => (
            Exit::Invalid,
            "not_found".to_owned(),
            String::new(),
            String::new(),
        ),
        ClientError::Server { status, .. } => (
            Exit::Unavailable,
            "server_error".to_owned(),
            format!("门户出错（HTTP {status}），请稍后重试。"),
            format!("The portal failed (HTTP {status}); try again later."),
        ),
        ClientError::Contract { .. } => (
            Exit::Unavailable,
            "contract".to_owned(),
            "请更新 yaohao 到与门户相同的版本。".to_owned(),
            "Update yaohao to the portal's version.".to_owned(),
        ),
        ClientError::Other { .. } => (
            Exit::Invalid,
            "failed".to_owned(),
            String::new(),
            String::new(),
        ),
    };
    CliError::with_exit(
        exit,
        &code,
        join(&zh, &hint_zh, ""),
        join(&en, &hint_en, " "),
    )
}

fn join(message: &str, hint: &str, space: &str) -> String {
    let message = message.trim_end();
    if hint.is_empty() {
        return message.to_owned();
    }
    if hint.starts_with([' ', '（']) {
        return format!("{message}{hint}");
    }
    let ended = message.ends_with(['。', '.', '！', '!', '？', '?', '）', ')']);
    match (ended, space.is_empty()) {
        (true, _) => format!("{message}{space}{hint}"),
        (false, true) => format!("{message}。{hint}"),
        (false, false) => format!("{message}.{space}{hint}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yaohao_core::i18n::Text;

    fn parts(e: CliError) -> (Exit, String, String, String) {
        match e {
            CliError::Invalid { exit, code, zh, en } => (exit, code, zh, en),
            CliError::Reported => panic!("no message"),
        }
    }

    #[test]
    fn each_kind_of_failure_has_its_exit_code_and_next_step() {
        let text = Text::new("请先登录", "Please log in.");
        let (exit, code, zh, en) = parts(from_client(&ClientError::AuthRequired {
            message: text.clone(),
        }));
        assert_eq!((exit, code.as_str()), (Exit::Login, "login_required"));
        assert_eq!(zh, "请先登录。请先运行 yaohao login 登录。");
        assert_eq!(en, "Please log in. Log in first with `yaohao login`.");
        let (exit, ..) = parts(from_client(&ClientError::Network {
            message: text.clone(),
        }));
        assert_eq!(exit, Exit::Unavailable);
        let (exit, code, _, en) = parts(from_client(&ClientError::Validation {
            code: "invalid_input".into(),
            field: Some("mobile".into()),
            message: text,
        }));
        assert_eq!((exit, code.as_str()), (Exit::Invalid, "invalid_input"));
        assert!(en.ends_with("(field mobile)"), "{en}");
    }

    #[test]
    fn numbers_in_portal_messages_are_masked() {
        let e = ClientError::Validation {
            code: "exists".into(),
            field: None,
            message: Text::new(
                "110105199001011232 已注册",
                "110105199001011232 is registered; 13800138000",
            ),
        };
        let (_, _, zh, en) = parts(from_client(&e));
        assert!(!zh.contains("110105199001011232") && !en.contains("13800138000"));
    }
}
