//! SMS verification codes: 6 digits, valid 5 minutes, 5 attempts; at most one code per number
//! every 60 seconds and 10 per Beijing day.

use axum::http::StatusCode;
use chrono::{DateTime, Duration, NaiveTime, Utc};
use rusqlite::Transaction;

use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::hashing::sha256_hex;
use crate::random;
use crate::store;
use crate::time::{from_ms, ms};

/// How long a code is valid.
pub const CODE_TTL_SECONDS: i64 = 5 * 60;
/// Wrong entries allowed per code.
pub const MAX_ATTEMPTS: i64 = 5;
/// Minimum interval between two codes to one number.
pub const RESEND_SECONDS: i64 = 60;
/// Codes per number per Beijing calendar day.
pub const DAILY_LIMIT: i64 = 10;

/// What a code is for; a code only confirms the action it was sent for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Confirms a new account's mobile.
    Register,
    /// Second factor of a login.
    Login,
    /// Password reset.
    ResetPassword,
    /// Mobile change, sent to the current number.
    ChangeMobileOld,
    /// Mobile change, sent to the new number.
    ChangeMobileNew,
}

impl Purpose {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Register => "register",
            Purpose::Login => "login",
            Purpose::ResetPassword => "reset_password",
            Purpose::ChangeMobileOld => "change_mobile_old",
            Purpose::ChangeMobileNew => "change_mobile_new",
        }
    }
}

fn code_hash(mobile: &str, code: &str) -> String {
    sha256_hex(format!("{mobile}:{code}").as_bytes())
}

/// The next Beijing midnight after `now`.
fn next_beijing_midnight(now: DateTime<Utc>) -> DateTime<Utc> {
    let today = yaohao_core::time::beijing_date(now);
    let tomorrow = today.succ_opt().unwrap_or(today);
    yaohao_core::time::beijing_instant(tomorrow, NaiveTime::MIN)
}

/// 429 `sms_rate_limited`: a code was asked for less than [`RESEND_SECONDS`] ago.
pub fn resend_too_soon(wait: u64) -> ApiError {
    ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        ErrorCode::SmsRateLimited,
        "验证码发送过于频繁，请稍后再试",
        "a code was asked for less than 60 seconds ago",
    )
    .with_retry_after(wait)
}

/// Checks the sending limits for `mobile`, stores a new code and returns the message text.
pub fn issue(
    tx: &Transaction<'_>,
    mobile: &str,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> ApiResult<String> {
    let last = store::sms::last_code_ms(tx, mobile)?;
    if let Some(last) = last {
        let wait = RESEND_SECONDS - (now - from_ms(last)).num_seconds();
        if wait > 0 {
            return Err(resend_too_soon(wait as u64).with_field("mobile"));
        }
    }
    let midnight = next_beijing_midnight(now);
    let day_start = ms(midnight - Duration::days(1));
    let today = store::sms::codes_since(tx, mobile, day_start)?;
    if today >= DAILY_LIMIT {
        return Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::SmsDailyLimit,
            "该号码今日验证码次数已用完",
            "this number has received the maximum of 10 codes today",
        )
        .with_field("mobile")
        .with_until(midnight)
        .with_retry_after((midnight - now).num_seconds().max(1) as u64));
    }
    let code = random::digits(6)?;
    store::sms::insert_code(
        tx,
        mobile,
        purpose.as_str(),
        &code_hash(mobile, &code),
        ms(now),
        ms(now + Duration::seconds(CODE_TTL_SECONDS)),
    )?;
    Ok(format!(
        "【北京市小客车指标调控管理】验证码 {code}，5分钟内有效，请勿告诉他人。\
         Your verification code is {code}, valid for 5 minutes."
    ))
}

fn code_error(code: ErrorCode, zh: &str, en: &str) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, code, zh, en).with_field("sms_code")
}

/// Checks `code` against the newest code sent to `mobile` for `purpose`, and spends it when
/// right.
///
/// The outer result fails only on a database fault (roll back); the inner one is the verdict,
/// and a wrong entry has already been counted when it is returned, so commit it.
pub fn verify(
    tx: &Transaction<'_>,
    mobile: &str,
    purpose: Purpose,
    code: &str,
    now: DateTime<Utc>,
) -> ApiResult<ApiResult<()>> {
    Ok(match check(tx, mobile, purpose, code, now)? {
        Ok(id) => {
            spend(tx, id)?;
            Ok(())
        }
        Err(e) => Err(e),
    })
}

/// Checks `code` against the newest code sent to `mobile` for `purpose` without spending it:
/// right, it gives the code's row for [`spend`] (the action succeeded) or [`failed_use`] (the
/// action failed for another reason). A wrong entry is counted before it is returned.
pub fn check(
    tx: &Transaction<'_>,
    mobile: &str,
    purpose: Purpose,
    code: &str,
    now: DateTime<Utc>,
) -> ApiResult<ApiResult<i64>> {
    let row = store::sms::newest_code(tx, mobile, purpose.as_str())?;
    let Some(store::sms::CodeRow {
        id,
        hash,
        expires_at,
        attempts,
        used,
    }) = row
    else {
        return Ok(Err(code_error(
            ErrorCode::SmsCodeInvalid,
            "验证码错误，请先获取验证码",
            "wrong code: request a code first",
        )));
    };
    if used {
        return Ok(Err(code_error(
            ErrorCode::SmsCodeInvalid,
            "验证码已使用，请重新获取",
            "this code was already used: request a new one",
        )));
    }
    if attempts >= MAX_ATTEMPTS {
        return Ok(Err(code_error(
            ErrorCode::SmsCodeExhausted,
            "验证码错误次数过多，请重新获取",
            "too many wrong entries: request a new code",
        )));
    }
    if ms(now) >= expires_at {
        return Ok(Err(code_error(
            ErrorCode::SmsCodeExpired,
            "验证码已过期，请重新获取",
            "the code has expired: request a new one",
        )));
    }
    if code_hash(mobile, code.trim()) != hash {
        failed_use(tx, id)?;
        return Ok(Err(code_error(
            ErrorCode::SmsCodeInvalid,
            "验证码错误",
            "wrong verification code",
        )));
    }
    Ok(Ok(id))
}

/// Spends the code `id`: it confirmed the action it was sent for.
pub fn spend(tx: &Transaction<'_>, id: i64) -> ApiResult<()> {
    store::sms::spend(tx, id)
}

/// Counts a failed use of the code `id`, whatever the failure (wrong code, wrong password, an ID
/// already registered, a field refused): after [`MAX_ATTEMPTS`] the code is burnt.
pub fn failed_use(tx: &Transaction<'_>, id: i64) -> ApiResult<()> {
    store::sms::count_failure(tx, id)
}

/// Counts a failed use of the newest unspent code sent to `mobile` for `purpose`, if any (a
/// request presenting it failed before the code was checked).
pub fn failed_use_of_newest(tx: &Transaction<'_>, mobile: &str, purpose: Purpose) -> ApiResult<()> {
    store::sms::count_failure_of_newest(tx, mobile, purpose.as_str())
}
