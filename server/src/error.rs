//! The portal's one error type: every failure a client sees is a JSON body
//! `{code, message_zh, message_en, field?, retry_after?, until?}` with a matching HTTP status.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, SubsecRound, Utc};
pub use yaohao_core::api::{ErrorBody, ErrorCode};

/// An error answered to a client: an HTTP status and the contract's [`ErrorBody`] (a stable
/// [`ErrorCode`], text in Chinese and English, and the details a client can act on). Boxed so
/// `Result<T, ApiError>` stays small.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError(Box<Failure>);

#[derive(Debug, Clone, PartialEq, Eq)]
struct Failure {
    status: StatusCode,
    body: ErrorBody,
}

/// Shorthand for handler results.
pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    /// A new error with a status, a code and its two messages.
    pub fn new(
        status: StatusCode,
        code: ErrorCode,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> ApiError {
        ApiError(Box::new(Failure {
            status,
            body: ErrorBody {
                code,
                message_zh: zh.into(),
                message_en: en.into(),
                field: None,
                retry_after: None,
                until: None,
            },
        }))
    }

    /// The error's body.
    pub fn body(&self) -> &ErrorBody {
        &self.0.body
    }

    /// The HTTP status of the answer.
    pub fn status(&self) -> StatusCode {
        self.0.status
    }

    /// Replaces the machine code (for a specialised variant of a general error).
    pub fn with_code(mut self, code: ErrorCode) -> ApiError {
        self.0.body.code = code;
        self
    }

    /// Names the request field the error is about.
    pub fn with_field(mut self, field: impl Into<String>) -> ApiError {
        self.0.body.field = Some(field.into());
        self
    }

    /// Says when the request may be retried.
    pub fn with_retry_after(mut self, seconds: u64) -> ApiError {
        self.0.body.retry_after = Some(seconds.max(1));
        self
    }

    /// Says until when the condition holds (in whole seconds, as every instant the portal shows).
    pub fn with_until(mut self, until: DateTime<Utc>) -> ApiError {
        self.0.body.until = Some(until.trunc_subsecs(0));
        self
    }

    /// 400 `invalid_input` about one field.
    pub fn invalid(field: &str, zh: impl Into<String>, en: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, ErrorCode::InvalidInput, zh, en).with_field(field)
    }

    /// 415 `unsupported_media_type`: an upload that is not `multipart/form-data`.
    pub fn not_multipart() -> ApiError {
        ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::UnsupportedMediaType,
            "请以 multipart/form-data 上传",
            "upload as multipart/form-data",
        )
    }

    /// 404 `not_found`: the resource does not exist or belongs to another account.
    pub fn not_found() -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
            "未找到该资源",
            "not found",
        )
    }

    /// 401 `unauthenticated`: no valid session token.
    pub fn unauthenticated() -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            ErrorCode::Unauthenticated,
            "请先登录",
            "please log in",
        )
    }

    /// 409 `invalid_state`: the action is not allowed in the resource's current state.
    pub fn invalid_state(zh: impl Into<String>, en: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::CONFLICT, ErrorCode::InvalidState, zh, en)
    }

    /// 500 `internal`: a server fault; details go to the log, never to the client.
    pub fn internal(detail: impl std::fmt::Display) -> ApiError {
        tracing::error!(error = %detail, "internal error");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            ErrorCode::Internal,
            "系统内部错误，请稍后再试",
            "internal error, please try again later",
        )
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.0.body.code, self.0.status)?;
        if let Some(field) = &self.0.body.field {
            write!(f, " [{field}]")?;
        }
        write!(f, ": {}", self.0.body.message_en)
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
        let Failure { status, body } = *self.0;
        let retry_after = body.retry_after;
        let mut response = (status, axum::Json(body)).into_response();
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
        let r = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::RateLimited,
            "a",
            "b",
        )
        .with_retry_after(0)
        .into_response();
        assert_eq!(r.headers()[header::RETRY_AFTER], "1");
    }
}
