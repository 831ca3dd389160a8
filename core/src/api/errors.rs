//! The one error body of every failed request, and its machine codes.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::status::open_status;

open_status! {
    /// The stable machine code of an [`ErrorBody`]. Open: a code a newer portal adds decodes to
    /// `Other { raw }`, so an error answer is always readable (its messages are shown as sent).
    ErrorCode {
        /// A field is invalid (`field` names it).
        InvalidInput = "invalid_input",
        /// The body's media type is not the one the route takes.
        UnsupportedMediaType = "unsupported_media_type",
        /// No such resource, or it belongs to another account.
        NotFound = "not_found",
        /// No such endpoint.
        UnknownRoute = "unknown_route",
        /// The endpoint does not take this method.
        MethodNotAllowed = "method_not_allowed",
        /// No valid session token.
        Unauthenticated = "unauthenticated",
        /// The session expired.
        SessionExpired = "session_expired",
        /// A login on another device ended this session.
        LoggedInElsewhere = "logged_in_elsewhere",
        /// Wrong resident ID or password.
        InvalidCredentials = "invalid_credentials",
        /// Too many wrong passwords: locked `until`.
        AccountLocked = "account_locked",
        /// The resident ID is already registered.
        AccountExists = "account_exists",
        /// Operator token missing or wrong.
        Forbidden = "forbidden",
        /// Wrong SMS code.
        SmsCodeInvalid = "sms_code_invalid",
        /// The SMS code expired.
        SmsCodeExpired = "sms_code_expired",
        /// The SMS code was used wrongly too often.
        SmsCodeExhausted = "sms_code_exhausted",
        /// One code per number per minute.
        SmsRateLimited = "sms_rate_limited",
        /// The number's daily codes are used up.
        SmsDailyLimit = "sms_daily_limit",
        /// The SMS gateway failed.
        SmsUnavailable = "sms_unavailable",
        /// The action is not allowed in the resource's current state.
        InvalidState = "invalid_state",
        /// The applicant already has an application of this kind.
        AlreadyApplied = "already_applied",
        /// Required materials are missing.
        MissingDocuments = "missing_documents",
        /// The file is over its size limit.
        FileTooLarge = "file_too_large",
        /// Not a JPEG or PNG.
        UnsupportedFileType = "unsupported_file_type",
        /// The image does not decode.
        CorruptImage = "corrupt_image",
        /// More pixels or decoding memory than allowed.
        ImageTooLarge = "image_too_large",
        /// The request body is over the route's limit.
        BodyTooLarge = "body_too_large",
        /// The password does not meet the policy.
        PasswordTooWeak = "password_too_weak",
        /// The request took longer than allowed.
        RequestTimeout = "request_timeout",
        /// The period already exists.
        PeriodExists = "period_exists",
        /// Wrong or expired captcha.
        CaptchaInvalid = "captcha_invalid",
        /// Too many requests from this client (`retry_after`).
        RateLimited = "rate_limited",
        /// Queries are paused around a draw (`until`); not a fault.
        DataFreeze = "data_freeze",
        /// A server fault.
        Internal = "internal",
    }
}

/// Every failed request's body: `{code, message_zh, message_en, field?, retry_after?, until?}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// Stable machine code.
    pub code: ErrorCode,
    /// Message in Simplified Chinese, with what to do.
    pub message_zh: String,
    /// Message in English, with what to do.
    pub message_en: String,
    /// The request field at fault, if any (`form.family.members[0].name`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Seconds after which the request may be retried.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
    /// Until when the condition holds (a lockout, the data freeze).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<DateTime<Utc>>,
}
