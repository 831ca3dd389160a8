//! Errors: [`ClientError`], the small boundary enum whose every variant is something the app can
//! act on, and the portal's JSON error body it is built from.

use chrono::{DateTime, Utc};

use crate::api::{ErrorBody, ErrorCode};
use crate::i18n::{Lang, Text};

/// What went wrong, as the apps act on it. Every variant carries the text to show.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClientError {
    /// The portal could not be reached or the answer was cut off; try again later (the cache
    /// still answers).
    #[error("network: {}", message.en)]
    Network {
        /// What to show.
        message: Text,
    },
    /// Queries are paused during the data freeze before a draw; this is not a fault.
    #[error("data freeze: {}", message.en)]
    DataFreeze {
        /// When queries resume, if the portal said.
        until: Option<DateTime<Utc>>,
        /// What to show.
        message: Text,
    },
    /// No valid session: log in again.
    #[error("authentication required: {}", message.en)]
    AuthRequired {
        /// What to show.
        message: Text,
    },
    /// The account logged in on another device, which ended this session.
    #[error("logged in elsewhere: {}", message.en)]
    LoggedInElsewhere {
        /// What to show.
        message: Text,
    },
    /// Too many attempts (or the account is locked for a while); retry after the delay.
    #[error("rate limited for {retry_after_seconds} s: {}", message.en)]
    RateLimited {
        /// Seconds to wait before retrying.
        retry_after_seconds: u64,
        /// What to show.
        message: Text,
    },
    /// The input or the action was refused; `field` names the form field to fix.
    #[error("invalid ({code}): {}", message.en)]
    Validation {
        /// The portal's stable code, e.g. `invalid_input`, `invalid_state`, `missing_documents`.
        code: String,
        /// The field at fault, e.g. `licence_file`, if any.
        field: Option<String>,
        /// What to show, with what to do.
        message: Text,
    },
    /// The thing asked for does not exist (any more); the message says what to do.
    #[error("not found: {}", message.en)]
    NotFound {
        /// What to show.
        message: Text,
    },
    /// The portal failed; try again later.
    #[error("server error {status}: {}", message.en)]
    Server {
        /// HTTP status.
        status: u16,
        /// What to show.
        message: Text,
    },
    /// The portal answered in a form this app version does not understand (a field renamed or of
    /// another type, a name it does not know): updating the app is the fix. Never retried; logged
    /// with the field path (never the value).
    #[error("contract error: {endpoint} at {path}: {detail}")]
    Contract {
        /// The call, e.g. `GET /v1/applications` (ID numbers and phones masked).
        endpoint: String,
        /// The field at fault, e.g. `[0].status` (`.` for the whole body).
        path: String,
        /// serde's explanation, without the value.
        detail: String,
        /// What to show.
        message: Text,
    },
    /// Anything else (local storage, the secret store, an unexpected answer).
    #[error("{}", message.en)]
    Other {
        /// What to show.
        message: Text,
    },
}

impl ClientError {
    /// The text to show.
    pub fn message(&self) -> &Text {
        match self {
            ClientError::Network { message }
            | ClientError::DataFreeze { message, .. }
            | ClientError::AuthRequired { message }
            | ClientError::LoggedInElsewhere { message }
            | ClientError::RateLimited { message, .. }
            | ClientError::Validation { message, .. }
            | ClientError::NotFound { message }
            | ClientError::Server { message, .. }
            | ClientError::Contract { message, .. }
            | ClientError::Other { message } => message,
        }
    }

    /// The text to show in `lang`.
    pub fn message_in(&self, lang: Lang) -> &str {
        self.message().get(lang)
    }

    /// Whether repeating the same call later may succeed without any change by the user.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            ClientError::Network { .. }
                | ClientError::DataFreeze { .. }
                | ClientError::RateLimited { .. }
                | ClientError::Server { .. }
        )
    }

    /// A network failure with a generic explanation.
    pub(crate) fn network() -> ClientError {
        ClientError::Network {
            message: Text::new(
                "网络连接失败，请稍后重试（已显示本地保存的数据）",
                "Could not reach the portal; try again later (showing saved data).",
            ),
        }
    }

    /// An answer that was cut off or not what the contract says.
    pub(crate) fn garbled() -> ClientError {
        ClientError::Network {
            message: Text::new(
                "服务器回复不完整，请稍后重试",
                "The portal's answer was incomplete; try again later.",
            ),
        }
    }

    /// An answer that is complete but not the contract's shape.
    pub(crate) fn contract(endpoint: String, path: String, detail: String) -> ClientError {
        ClientError::Contract {
            endpoint,
            path,
            detail,
            message: Text::new(
                "系统的回复格式与此版本的应用不兼容，请更新应用",
                "The portal answered in a form this app version does not understand; update the app.",
            ),
        }
    }

    /// Something local failed (storage, secrets): `detail` goes to the English message.
    pub(crate) fn local(detail: impl std::fmt::Display) -> ClientError {
        ClientError::Other {
            message: Text::new(
                "本地数据出错，请重启应用后重试",
                format!("Local storage failed ({detail}); restart the app and try again."),
            ),
        }
    }

    /// The facade's "log in first" error.
    pub(crate) fn login_first() -> ClientError {
        ClientError::AuthRequired {
            message: Text::new("请先登录", "Please log in."),
        }
    }

    /// An application that does not exist (any more), with what to do.
    pub(crate) fn no_such_application() -> ClientError {
        ClientError::NotFound {
            message: Text::new(
                "申请不存在或已删除，请下拉刷新申请列表",
                "This application does not exist or was deleted; pull to refresh your applications.",
            ),
        }
    }
}

/// Maps a portal error answer to what the app can do about it. `retry_after_header` is the
/// `Retry-After` header in seconds, if any; `now` turns an `until` into a delay.
pub(crate) fn from_answer(
    status: u16,
    body: Option<ErrorBody>,
    retry_after_header: Option<u64>,
    now: DateTime<Utc>,
) -> ClientError {
    let Some(body) = body else {
        return match status {
            401 => ClientError::login_first(),
            404 => ClientError::NotFound {
                message: Text::new("未找到", "Not found."),
            },
            500..=599 => ClientError::Server {
                status,
                message: Text::new(
                    "服务器暂时不可用，请稍后重试",
                    "The portal is unavailable; try again later.",
                ),
            },
            _ => ClientError::Other {
                message: Text::new(
                    format!("服务器返回了意外的状态 {status}"),
                    format!("The portal answered with unexpected status {status}."),
                ),
            },
        };
    };
    let message = Text::new(body.message_zh, body.message_en);
    let wait = |until: Option<DateTime<Utc>>| {
        body.retry_after
            .or(retry_after_header)
            .or_else(|| until.map(|u| (u - now).num_seconds().max(1).unsigned_abs()))
            .unwrap_or(60)
    };
    match (status, &body.code) {
        (_, ErrorCode::DataFreeze) => ClientError::DataFreeze {
            until: body.until,
            message,
        },
        (_, ErrorCode::LoggedInElsewhere) => ClientError::LoggedInElsewhere { message },
        (_, ErrorCode::InvalidCredentials) => ClientError::Validation {
            code: body.code.to_string(),
            field: Some("password".to_owned()),
            message,
        },
        (401, _) => ClientError::AuthRequired { message },
        (423 | 429, _) | (_, ErrorCode::RateLimited | ErrorCode::AccountLocked) => {
            ClientError::RateLimited {
                retry_after_seconds: wait(body.until),
                message,
            }
        }
        (404, _) => ClientError::NotFound { message },
        (500..=599, _) => ClientError::Server { status, message },
        _ => ClientError::Validation {
            code: body.code.to_string(),
            field: body.field,
            message,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(code: &str) -> ErrorBody {
        ErrorBody {
            code: ErrorCode::parse(code),
            message_zh: "中".to_owned(),
            message_en: "en".to_owned(),
            field: Some("mobile".to_owned()),
            retry_after: None,
            until: None,
        }
    }

    #[test]
    fn maps_every_actionable_answer() {
        let now = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        let until = now + chrono::TimeDelta::minutes(15);
        let map = |status, b| from_answer(status, Some(b), None, now);
        assert!(matches!(
            map(401, body("logged_in_elsewhere")),
            ClientError::LoggedInElsewhere { .. }
        ));
        assert!(matches!(
            map(401, body("session_expired")),
            ClientError::AuthRequired { .. }
        ));
        let mut locked = body("account_locked");
        locked.until = Some(until);
        assert!(matches!(
            map(423, locked),
            ClientError::RateLimited {
                retry_after_seconds: 900,
                ..
            }
        ));
        let mut limited = body("rate_limited");
        limited.retry_after = Some(42);
        assert!(matches!(
            map(429, limited),
            ClientError::RateLimited {
                retry_after_seconds: 42,
                ..
            }
        ));
        let mut freeze = body("data_freeze");
        freeze.until = Some(until);
        assert_eq!(
            map(503, freeze),
            ClientError::DataFreeze {
                until: Some(until),
                message: Text::new("中", "en")
            }
        );
        match map(400, body("invalid_input")) {
            ClientError::Validation { code, field, .. } => {
                assert_eq!(code, "invalid_input");
                assert_eq!(field.as_deref(), Some("mobile"));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            map(404, body("not_found")),
            ClientError::NotFound { .. }
        ));
        assert!(matches!(
            map(500, body("internal")),
            ClientError::Server { status: 500, .. }
        ));
        assert!(matches!(
            from_answer(502, None, None, now),
            ClientError::Server { status: 502, .. }
        ));
    }

    #[test]
    fn retryable_only_where_waiting_helps() {
        assert!(ClientError::network().is_retryable());
        assert!(!ClientError::login_first().is_retryable());
        assert!(!ClientError::no_such_application().is_retryable());
        let contract = ClientError::contract("GET /v1/me".into(), ".".into(), "x".into());
        assert!(!contract.is_retryable());
    }
}
