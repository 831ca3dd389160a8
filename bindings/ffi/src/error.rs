//! The boundary error: each variant is something the app can act on.

use crate::records::Instant;
use yaohao_core::client::ClientError;
use yaohao_core::i18n::{Reason, Text};

/// What went wrong, in terms the app can act on. Messages come in both languages.
#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum YaohaoError {
    /// The input is invalid: `field` names it, the messages say what to do.
    #[error("{field}: {message_en}")]
    InvalidInput {
        /// The field or argument at fault (empty when the portal named none).
        field: String,
        /// Stable code of the problem.
        code: String,
        /// What to do, in Simplified Chinese.
        message_zh: String,
        /// What to do, in English.
        message_en: String,
    },
    /// The portal could not be reached or answered badly; retrying later may work.
    #[error("network: {message_en}")]
    Network {
        /// Explanation in Simplified Chinese.
        message_zh: String,
        /// Explanation in English.
        message_en: String,
    },
    /// Queries are frozen around a draw (not an error of the app): try again after `until`.
    #[error("data freeze: {message_en}")]
    DataFreeze {
        /// When queries open again, if the portal said.
        until: Option<Instant>,
        /// Explanation in Simplified Chinese.
        message_zh: String,
        /// Explanation in English.
        message_en: String,
    },
    /// Log in first.
    #[error("authentication required: {message_en}")]
    AuthRequired {
        /// Explanation in Simplified Chinese.
        message_zh: String,
        /// Explanation in English.
        message_en: String,
    },
    /// The account logged in on another device; this session ended.
    #[error("logged in elsewhere: {message_en}")]
    LoggedInElsewhere {
        /// Explanation in Simplified Chinese.
        message_zh: String,
        /// Explanation in English.
        message_en: String,
    },
    /// Too many requests: wait `retry_after_seconds`.
    #[error("rate limited: {message_en}")]
    RateLimited {
        /// Seconds to wait before trying again.
        retry_after_seconds: u64,
        /// Explanation in Simplified Chinese.
        message_zh: String,
        /// Explanation in English.
        message_en: String,
    },
    /// The thing asked for does not exist (e.g. 申请不存在), with what to do.
    #[error("not found: {message_en}")]
    NotFound {
        /// Explanation in Simplified Chinese.
        message_zh: String,
        /// Explanation in English.
        message_en: String,
    },
    /// The portal failed (5xx).
    #[error("server error {status}: {message_en}")]
    Server {
        /// HTTP status.
        status: u16,
        /// Explanation in Simplified Chinese.
        message_zh: String,
        /// Explanation in English.
        message_en: String,
    },
    /// The portal answered in a form this app version does not understand: update the app
    /// (not retried; the field path is in the log, never a value).
    #[error("contract: {endpoint} at {path}: {message_en}")]
    Contract {
        /// The call, e.g. `GET /v1/applications`.
        endpoint: String,
        /// The field at fault, e.g. `[0].status`.
        path: String,
        /// Explanation in Simplified Chinese.
        message_zh: String,
        /// Explanation in English.
        message_en: String,
    },
    /// The call was cancelled through its `CancelToken`.
    #[error("cancelled")]
    Cancelled,
    /// Anything else (local storage, an unexpected answer).
    #[error("{message_en}")]
    Other {
        /// Explanation in Simplified Chinese.
        message_zh: String,
        /// Explanation in English.
        message_en: String,
    },
}

impl YaohaoError {
    /// A date that is not `YYYY-MM-DD`.
    pub(crate) fn bad_date(value: &str) -> YaohaoError {
        YaohaoError::invalid(
            "date",
            Reason::new(
                "date_format",
                format!("日期“{value}”无效，请使用 YYYY-MM-DD 格式的真实日期。"),
                format!("'{value}' is not a date; use a real date as YYYY-MM-DD."),
            ),
        )
    }

    /// An invalid-input error from a core reason.
    pub(crate) fn invalid(field: &str, reason: Reason) -> YaohaoError {
        YaohaoError::InvalidInput {
            field: field.to_owned(),
            code: reason.code,
            message_zh: reason.message_zh,
            message_en: reason.message_en,
        }
    }
}

impl From<ClientError> for YaohaoError {
    fn from(e: ClientError) -> YaohaoError {
        let split = |t: Text| (t.zh, t.en);
        match e {
            ClientError::Network { message } => {
                let (message_zh, message_en) = split(message);
                YaohaoError::Network {
                    message_zh,
                    message_en,
                }
            }
            ClientError::DataFreeze { until, message } => {
                let (message_zh, message_en) = split(message);
                YaohaoError::DataFreeze {
                    until,
                    message_zh,
                    message_en,
                }
            }
            ClientError::AuthRequired { message } => {
                let (message_zh, message_en) = split(message);
                YaohaoError::AuthRequired {
                    message_zh,
                    message_en,
                }
            }
            ClientError::LoggedInElsewhere { message } => {
                let (message_zh, message_en) = split(message);
                YaohaoError::LoggedInElsewhere {
                    message_zh,
                    message_en,
                }
            }
            ClientError::RateLimited {
                retry_after_seconds,
                message,
            } => {
                let (message_zh, message_en) = split(message);
                YaohaoError::RateLimited {
                    retry_after_seconds,
                    message_zh,
                    message_en,
                }
            }
            ClientError::Validation {
                code,
                field,
                message,
            } => {
                let (message_zh, message_en) = split(message);
                YaohaoError::InvalidInput {
                    field: field.unwrap_or_default(),
                    code,
                    message_zh,
                    message_en,
                }
            }
            ClientError::NotFound { message } => {
                let (message_zh, message_en) = split(message);
                YaohaoError::NotFound {
                    message_zh,
                    message_en,
                }
            }
            ClientError::Server { status, message } => {
                let (message_zh, message_en) = split(message);
                YaohaoError::Server {
                    status,
                    message_zh,
                    message_en,
                }
            }
            ClientError::Contract {
                endpoint,
                path,
                message,
                ..
            } => {
                let (message_zh, message_en) = split(message);
                YaohaoError::Contract {
                    endpoint,
                    path,
                    message_zh,
                    message_en,
                }
            }
            ClientError::Other { message } => {
                let (message_zh, message_en) = split(message);
                YaohaoError::Other {
                    message_zh,
                    message_en,
                }
            }
        }
    }
}
