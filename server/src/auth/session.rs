//! Sessions: a 256-bit random token given to the client once, stored only as its SHA-256 hash,
//! expiring; a new login ends the account's other sessions, which then answer
//! `logged_in_elsewhere`. Sessions are cached in memory ([`crate::cache`]); whoever ends one
//! calls [`crate::cache::Caches::sessions_changed`] after committing.

use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::StatusCode;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, Transaction};

use crate::cache::SessionRow;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::hashing::sha256_hex;
use crate::random;
use crate::state::AppState;
use crate::store;
use crate::time::{from_ms, ms};

/// Why a session ended before its expiry.
const ENDED_ELSEWHERE: &str = "logged_in_elsewhere";
const ENDED_LOGOUT: &str = "logout";

/// A freshly created session: the token is shown to the client exactly once.
#[derive(Debug, Clone)]
pub struct NewSession {
    /// The bearer token (64 hex characters).
    pub token: String,
    /// When it expires.
    pub expires_at: DateTime<Utc>,
}

/// Ends every active session of `account_id` as logged in elsewhere and opens a new one.
pub fn create(
    tx: &Transaction<'_>,
    account_id: i64,
    now: DateTime<Utc>,
    hours: i64,
) -> ApiResult<NewSession> {
    store::sessions::end_active(tx, account_id, ENDED_ELSEWHERE)?;
    let token = hex::encode(random::token_bytes()?);
    let expires_at = now + Duration::hours(hours);
    store::sessions::insert(
        tx,
        &sha256_hex(token.as_bytes()),
        account_id,
        ms(now),
        ms(expires_at),
    )?;
    Ok(NewSession { token, expires_at })
}

/// Ends every active session of `account_id` (after a password reset).
pub fn end_all(tx: &Transaction<'_>, account_id: i64) -> ApiResult<()> {
    store::sessions::end_active(tx, account_id, ENDED_LOGOUT)
}

/// An authenticated applicant: handlers taking it only run with a live session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Session {
    /// The session's account.
    pub account_id: i64,
}

/// Ends the session whose token hashes to `token_hash` (logout).
pub fn end(tx: &Transaction<'_>, token_hash: &str) -> ApiResult<()> {
    store::sessions::end(tx, token_hash, ENDED_LOGOUT)
}

/// The SHA-256 hash of the request's bearer token.
pub fn bearer_hash(headers: &HeaderMap) -> ApiResult<String> {
    let header = headers
        .get(AUTHORIZATION)
        .ok_or_else(ApiError::unauthenticated)?;
    // The scheme is case-insensitive (RFC 9110 §11.1): `bearer` is as good as `Bearer`.
    let token = header
        .to_str()
        .ok()
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim())
        .filter(|t| !t.is_empty())
        .ok_or_else(ApiError::unauthenticated)?;
    Ok(sha256_hex(token.as_bytes()))
}

/// The stored session of `token_hash`, if any.
pub fn row(conn: &Connection, token_hash: &str) -> ApiResult<Option<SessionRow>> {
    store::sessions::row(conn, token_hash)
}

/// Whether a stored session (or its absence) admits a request at `now`.
pub fn admit(row: Option<&SessionRow>, now: DateTime<Utc>) -> ApiResult<Session> {
    let Some(row) = row else {
        return Err(ApiError::unauthenticated());
    };
    match row.ended.as_deref() {
        Some(ENDED_ELSEWHERE) => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            ErrorCode::LoggedInElsewhere,
            "您的账号已在其他设备登录，本次登录已失效",
            "your account logged in on another device; this session has ended",
        )),
        Some(_) => Err(ApiError::unauthenticated()),
        None if now >= from_ms(row.expires_at) => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            ErrorCode::SessionExpired,
            "登录已过期，请重新登录",
            "your session has expired, please log in again",
        )),
        None => Ok(Session {
            account_id: row.account_id,
        }),
    }
}

impl FromRequestParts<AppState> for Session {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Session> {
        let hash = bearer_hash(&parts.headers)?;
        let now = state.clock.now();
        if let Some(cached) = state.caches.sessions.get(&hash) {
            return admit(Some(&cached), now);
        }
        let generation = state.caches.sessions.generation();
        let key = hash.clone();
        let found = state.db.read(move |conn| row(conn, &key)).await?;
        if let Some(found) = &found {
            state
                .caches
                .sessions
                .insert(generation, hash, found.clone());
        }
        admit(found.as_ref(), now)
    }
}
