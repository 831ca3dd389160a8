//! Results: "my results" (the draw-day hot path, cached), the anonymous query and the
//! data-freeze windows that close both.

use std::net::IpAddr;
use std::sync::Arc;

use axum::body::Bytes;
use rusqlite::Connection;
use yaohao_core::api::ResultEntry;

use crate::auth::session;
use crate::cache::FreezeWindows;
use crate::error::{ApiError, ApiResult};
use crate::revalidate::TaggedJson;
use crate::services::periods;
use crate::state::AppState;
use crate::store;

/// The freeze windows, cached or read.
async fn freeze_windows(state: &AppState) -> ApiResult<FreezeWindows> {
    let cache = &state.caches.freeze;
    if let Some(windows) = cache.get(&()) {
        return Ok(windows);
    }
    let generation = cache.generation();
    let windows = Arc::new(state.db.read(store::periods::freeze_windows).await?);
    cache.insert(generation, (), windows.clone());
    Ok(windows)
}

/// Refuses during a period's data-freeze window (`503 data_freeze` with `until`).
async fn check_freeze(state: &AppState) -> ApiResult<()> {
    match periods::frozen_until(&freeze_windows(state).await?, state.clock.now()) {
        Some(until) => Err(periods::freeze_error(until)),
        None => Ok(()),
    }
}

/// An account's results as tagged JSON.
fn results_body(conn: &Connection, account: i64) -> ApiResult<TaggedJson> {
    let entries = store::results::of_account(conn, account)?;
    TaggedJson::new(Bytes::from(
        serde_json::to_vec(&entries).map_err(ApiError::internal)?,
    ))
}

/// The outcomes of the session whose token hashes to `hash`, in every period it took part in.
/// With the session, the freeze windows and the account's results cached it is answered from
/// memory; otherwise one database read fetches whatever is missing.
pub async fn my_results(state: &AppState, hash: String) -> ApiResult<TaggedJson> {
    let now = state.clock.now();
    let caches = state.caches.clone();
    let cached_session = caches.sessions.get(&hash);
    let cached_windows = caches.freeze.get(&());
    if let (Some(row), Some(windows)) = (&cached_session, &cached_windows) {
        let account = session::admit(Some(row), now)?.account_id;
        if let Some(until) = periods::frozen_until(windows, now) {
            return Err(periods::freeze_error(until));
        }
        if let Some(body) = caches.results.get(&account) {
            return Ok(body);
        }
    }
    let generations = (
        caches.sessions.generation(),
        caches.freeze.generation(),
        caches.results.generation(),
    );
    let key = hash.clone();
    let (row, windows, body) = state
        .db
        .read(move |c| {
            let row = match cached_session {
                Some(row) => Some(row),
                None => session::row(c, &key)?,
            };
            let windows = match cached_windows {
                Some(windows) => windows,
                None => Arc::new(store::periods::freeze_windows(c)?),
            };
            let body = match session::admit(row.as_ref(), now) {
                Ok(s) if periods::frozen_until(&windows, now).is_none() => {
                    Some((s.account_id, results_body(c, s.account_id)?))
                }
                _ => None,
            };
            Ok((row, windows, body))
        })
        .await?;
    if let Some(row) = &row {
        caches.sessions.insert(generations.0, hash, row.clone());
    }
    caches.freeze.insert(generations.1, (), windows.clone());
    session::admit(row.as_ref(), now)?;
    if let Some(until) = periods::frozen_until(&windows, now) {
        return Err(periods::freeze_error(until));
    }
    let (account, body) = body.ok_or_else(|| ApiError::internal("results were not read"))?;
    caches.results.insert(generations.2, account, body.clone());
    Ok(body)
}

/// The outcomes of one application code, for a client `peer` that solved the captcha.
pub async fn anonymous_query(
    state: &AppState,
    peer: IpAddr,
    code: &str,
    captcha_id: &str,
    captcha_answer: &str,
) -> ApiResult<Vec<ResultEntry>> {
    let now = state.clock.now();
    state.guard.allow(peer, now)?;
    check_freeze(state).await?;
    let code = crate::rules::accept("code", yaohao_core::validate::application_code(code))?;
    state.guard.check(captcha_id, captcha_answer, now)?;
    state
        .db
        .read(move |c| store::results::of_code(c, &code))
        .await
}
