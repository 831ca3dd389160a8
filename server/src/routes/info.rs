//! What the portal publishes so clients follow it rather than guess: its policy, its calendar
//! (projected by the core, with the operator's announced dates) and policy notices.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use chrono::{Days, NaiveDate};
use serde::Deserialize;
use yaohao_core::calendar::{self, Event};
use yaohao_core::policy::Policy;

use crate::error::{ApiError, ApiResult};
use crate::extract::ApiQuery;
use crate::periods;
use crate::state::AppState;
use crate::time::at;

/// The routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/policy", get(policy))
        .route("/v1/calendar", get(calendar_events))
        .route("/v1/announcements", get(announcements))
}

/// `GET /v1/policy`: the policy regime the portal runs, in full (rules, sources, confidence).
async fn policy(State(state): State<AppState>) -> Json<&'static Policy> {
    Json(state.policy)
}

#[derive(Debug, Deserialize)]
struct Range {
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

/// Longest calendar range served at once.
const MAX_DAYS: u64 = 800;

/// `GET /v1/calendar?from=YYYY-MM-DD&to=YYYY-MM-DD`: the portal's calendar (default: the next
/// year from today).
async fn calendar_events(
    State(state): State<AppState>,
    ApiQuery(range): ApiQuery<Range>,
) -> ApiResult<Json<Vec<Event>>> {
    let today = yaohao_core::time::beijing_date(state.clock.now());
    let from = range.from.unwrap_or(today);
    let to = range
        .to
        .unwrap_or_else(|| from.checked_add_days(Days::new(366)).unwrap_or(from));
    let too_long = from
        .checked_add_days(Days::new(MAX_DAYS))
        .is_none_or(|limit| to > limit);
    if to < from || too_long {
        return Err(ApiError::invalid(
            "to",
            "日期范围须为正向且不超过 800 天",
            "the range must run forward and span at most 800 days",
        ));
    }
    let announced = state.db.read(periods::announced_dates).await?;
    Ok(Json(calendar::events(state.policy, from, to, &announced)))
}

pub use yaohao_core::api::Announcement;

/// Every announcement, newest first.
pub fn list_announcements(conn: &rusqlite::Connection) -> ApiResult<Vec<Announcement>> {
    let mut stmt = conn.prepare(
        "SELECT id, title_zh, title_en, body_zh, body_en, published_at FROM announcements
         ORDER BY published_at DESC, id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Announcement {
            id: r.get(0)?,
            title_zh: r.get(1)?,
            title_en: r.get(2)?,
            body_zh: r.get(3)?,
            body_en: r.get(4)?,
            published_at: at(r.get(5)?),
        })
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// `GET /v1/announcements`.
async fn announcements(State(state): State<AppState>) -> ApiResult<Json<Vec<Announcement>>> {
    Ok(Json(state.db.read(list_announcements).await?))
}
