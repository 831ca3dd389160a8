//! Limits applied in the handlers: the request timeout and the per-client rate limits. (Body
//! sizes are set per route, the header-read timeout and the connection cap in the accept loop,
//! [`crate::serve::accept`].)

use std::collections::HashMap;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Mutex;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Duration, Utc};

use crate::config::Limits;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::hashing::sha256_hex;
use crate::sms::codes;
use crate::state::AppState;

/// Answers `408 request_timeout` when a request (reading its body included) takes longer than
/// `limits.request_timeout`. Operator routes are exempt: freezing or publishing millions of
/// applications may take minutes, and only the operator token reaches them.
pub async fn request_timeout(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if request.uri().path().starts_with("/v1/operator/") {
        return next.run(request).await;
    }
    let limit = state.config.limits.request_timeout;
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            ErrorCode::RequestTimeout,
            "请求超时，请重试",
            "the request took too long: try again",
        )
        .into_response(),
    }
}

/// Clients remembered per limiter before the ones that are back to a full allowance are
/// forgotten.
const CLIENTS: usize = 100_000;

/// A per-client-address limiter (GCRA, from `governor`).
type PerClient = governor::DefaultKeyedRateLimiter<IpAddr>;

/// Per-client-address rate limits of the actions worth abusing (sending SMS, creating captchas,
/// trying logins), and the per-ID resend interval of login and reset codes.
pub struct Throttles {
    sms: PerClient,
    captchas: PerClient,
    logins: PerClient,
    /// Code requests by (purpose, resident ID) hash: when each was last accepted.
    resends: Mutex<HashMap<String, DateTime<Utc>>>,
}

fn per_minute(n: u32) -> PerClient {
    let n = NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN);
    governor::RateLimiter::keyed(governor::Quota::per_minute(n))
}

impl Throttles {
    /// Limiters with the allowances of `limits`.
    pub fn new(limits: &Limits) -> Throttles {
        Throttles {
            sms: per_minute(limits.sms_per_minute),
            captchas: per_minute(limits.captchas_per_minute),
            logins: per_minute(limits.logins_per_minute),
            resends: Mutex::default(),
        }
    }

    /// Counts an SMS code request from `client` (429 `rate_limited` beyond `sms_per_minute`).
    pub fn sms(&self, client: IpAddr) -> ApiResult<()> {
        admit(&self.sms, client)
    }

    /// Counts a captcha from `client` (429 beyond `captchas_per_minute`).
    pub fn captcha(&self, client: IpAddr) -> ApiResult<()> {
        admit(&self.captchas, client)
    }

    /// Counts a login attempt from `client` (429 beyond `logins_per_minute`).
    pub fn login(&self, client: IpAddr) -> ApiResult<()> {
        admit(&self.logins, client)
    }

    /// Admits a login or reset code request for `key` (its purpose and resident ID) at most
    /// once per resend interval, whether an account has that ID or not, so the answer (202 or
    /// 429) does not tell which.
    pub fn resend(&self, key: &str, now: DateTime<Utc>) -> ApiResult<()> {
        let key = sha256_hex(key.as_bytes());
        let interval = Duration::seconds(codes::RESEND_SECONDS);
        let mut resends = self.resends.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(last) = resends.get(&key)
            && now < *last + interval
        {
            let wait = (*last + interval - now).num_seconds().max(1);
            return Err(codes::resend_too_soon(wait as u64));
        }
        if resends.len() >= CLIENTS {
            resends.retain(|_, last| now < *last + interval);
            if resends.len() >= CLIENTS
                && let Some(oldest) = resends
                    .iter()
                    .min_by_key(|(_, at)| **at)
                    .map(|(k, _)| k.clone())
            {
                resends.remove(&oldest);
            }
        }
        resends.insert(key, now);
        Ok(())
    }
}

fn admit(limiter: &PerClient, client: IpAddr) -> ApiResult<()> {
    use governor::clock::Clock;
    if limiter.len() >= CLIENTS {
        limiter.retain_recent();
    }
    limiter.check_key(&client).map_err(|not_until| {
        let wait = not_until.wait_time_from(limiter.clock().now());
        ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::RateLimited,
            "请求过于频繁，请稍后再试",
            "too many requests from this address: wait a moment",
        )
        .with_retry_after(wait.as_secs() + 1)
    })
}
