//! What the portal publishes so clients follow it rather than guess: its policy, its calendar
//! (projected by the core, with the operator's announced dates) and policy notices.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use chrono::{Days, NaiveDate};
use serde::Deserialize;
use yaohao_core::api::Announcement;
use yaohao_core::calendar::Event;
use yaohao_core::policy::Policy;

use crate::error::{ApiError, ApiResult};
use crate::extract::ApiQuery;
use crate::services::info;
use crate::state::AppState;

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
    Ok(Json(info::calendar(&state, from, to).await?))
}

/// `GET /v1/announcements`.
async fn announcements(State(state): State<AppState>) -> ApiResult<Json<Vec<Announcement>>> {
    Ok(Json(info::announcements(&state).await?))
}
