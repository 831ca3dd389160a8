//! The portal's one error type: every failure a client sees is a JSON body
//! `{code, message_zh, message_en, field?, retry_after?, until?}` with a matching HTTP status.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;

/// An error answered to a client: a stable machine code, text in Chinese and English, and the
/// details a client can act on. Boxed so `Result<T, ApiError>` stays small.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError(Box<ErrorBody>);

/// The fields of an [`ApiError`], serialised as the response body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorBody {
    /// HTTP status of the answer.
    #[serde(skip)]
    pub status: StatusCode,
    /// Stable machine-readable code (snake_case), documented in the OpenAPI contract.
    pub code: &'static str,
    /// Message in Simplified Chinese.
    pub message_zh: String,
    /// Message in English.
    pub message_en: String,
    /// The request field the error is about, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Seconds after which the request may be retried.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
    /// Instant (RFC 3339, UTC) until which the condition holds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
}

/// Shorthand for handler results.
pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    /// A new error with a status, a code and its two messages.
    pub fn new(
        status: StatusCode,
        code: &'static str,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> ApiError {
        ApiError(Box::new(ErrorBody {
            status,
            code,
            message_zh: zh.into(),
            message_en: en.into(),
            field: None,
            retry_after: None,
            until: None,
        }))
    }

    /// The error's fields.
    pub fn body(&self) -> &ErrorBody {
        &self.0
    }

    /// Replaces the machine code (for a specialised variant of a general error).
    pub fn with_code(mut self, code: &'static str) -> ApiError {
        self.0.code = code;
        self
    }

    /// Names the request field the error is about.
    pub fn with_field(mut self, field: impl Into<String>) -> ApiError {
        self.0.field = Some(field.into());
        self
    }

    /// Says when the request may be retried.
    pub fn with_retry_after(mut self, seconds: u64) -> ApiError {
        self.0.retry_after = Some(seconds.max(1));
        self
    }

    /// Says until when the condition holds.
    pub fn with_until(mut self, until: DateTime<Utc>) -> ApiError {
        self.0.until = Some(until.to_rfc3339_opts(SecondsFormat::Secs, true));
        self
    }

    /// 400 `invalid_input` about one field.
    pub fn invalid(field: &str, zh: impl Into<String>, en: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "invalid_input", zh, en).with_field(field)
    }

    /// 404 `not_found`: the resource does not exist or belongs to another account.
    pub fn not_found() -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "未找到该资源",
            "not found",
        )
    }

    /// 401 `unauthenticated`: no valid session token.
    pub fn unauthenticated() -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
            "请先登录",
            "please log in",
        )
    }

    /// 409 `invalid_state`: the action is not allowed in the resource's current state.
    pub fn invalid_state(zh: impl Into<String>, en: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::CONFLICT, "invalid_state", zh, en)
    }

    /// 500 `internal`: a server fault; details go to the log, never to the client.
    pub fn internal(detail: impl std::fmt::Display) -> ApiError {
        eprintln!("yaohao-portal: internal error: {detail}");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "系统内部错误，请稍后再试",
            "internal error, please try again later",
        )
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.0.code, self.0.status)?;
        if let Some(field) = &self.0.field {
            write!(f, " [{field}]")?;
        }
        write!(f, ": {}", self.0.message_en)
    }
}

impl std::error::Error for ApiError {}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> ApiError {
        ApiError::internal(format_args!("database: {e}"))
    }
}

impl From<tokio::task::JoinError> for ApiError {
    fn from(e: tokio::task::JoinError) -> ApiError {
        ApiError::internal(format_args!("task: {e}"))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.0.status;
        let retry_after = self.0.retry_after;
        let mut response = (status, axum::Json(self.0)).into_response();
        if let Some(seconds) = retry_after
            && let Ok(value) = HeaderValue::from_str(&seconds.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_only_present_details() {
        let e = ApiError::invalid("mobile", "手机号无效", "invalid mobile");
        let v = serde_json::to_value(e.body()).unwrap();
        assert_eq!(v["code"], "invalid_input");
        assert_eq!(v["field"], "mobile");
        assert!(v.get("retry_after").is_none());
        let r = ApiError::new(StatusCode::TOO_MANY_REQUESTS, "rate_limited", "a", "b")
            .with_retry_after(0)
            .into_response();
        assert_eq!(r.headers()[header::RETRY_AFTER], "1");
    }
}
