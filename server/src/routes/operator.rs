//! Operator endpoints (guarded by `X-Operator-Token`): the simulated clock and the SMS outbox.

use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::auth::operator::Operator;
use crate::clock::ClockError;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery};
use crate::registry;
use crate::review::{self, ReviewSummary};
use crate::sms::{self, OutboxEntry};
use crate::state::AppState;
use crate::time::{iso, ms};

/// The operator routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/operator/clock", post(advance_clock))
        .route("/v1/operator/sms-outbox", get(sms_outbox))
        .route("/v1/operator/registry", post(import_registry))
        .route("/v1/operator/reviews", post(run_reviews))
}

#[derive(Debug, Deserialize)]
struct ClockMove {
    /// Seconds to move forward.
    advance_seconds: Option<i64>,
    /// Or an instant to move to.
    to: Option<DateTime<Utc>>,
}

/// The portal clock.
#[derive(Debug, Serialize)]
pub struct ClockView {
    /// Current instant (RFC 3339, UTC).
    pub now: String,
    /// Whether the clock is simulated.
    pub simulated: bool,
}

/// The clock as clients see it.
pub fn clock_view(state: &AppState) -> ClockView {
    ClockView {
        now: iso(ms(state.clock.now())),
        simulated: state.clock.is_simulated(),
    }
}

/// `POST /v1/operator/clock`: moves the simulated clock forward.
async fn advance_clock(
    State(state): State<AppState>,
    _operator: Operator,
    ApiJson(body): ApiJson<ClockMove>,
) -> ApiResult<Json<ClockView>> {
    let moved = match (body.advance_seconds, body.to) {
        (Some(seconds), None) if seconds >= 0 => state.clock.advance(Duration::seconds(seconds)),
        (None, Some(to)) => state.clock.set(to),
        _ => {
            return Err(ApiError::invalid(
                "advance_seconds",
                "请给出非负的 advance_seconds 或 to 之一",
                "give exactly one of a non-negative advance_seconds or to",
            ));
        }
    };
    match moved {
        Ok(_) => Ok(Json(clock_view(&state))),
        Err(ClockError::NotSimulated) => Err(ApiError::invalid_state(
            "系统时钟不能调整",
            "the portal runs on the system clock, which cannot be advanced",
        )),
        Err(ClockError::Backwards) => Err(ApiError::invalid(
            "to",
            "时钟只能向前调整",
            "the clock only moves forward",
        )),
    }
}

#[derive(Debug, Deserialize)]
struct OutboxQuery {
    mobile: Option<String>,
}

/// `GET /v1/operator/sms-outbox`: messages stored by the outbox gateway.
async fn sms_outbox(
    State(state): State<AppState>,
    _operator: Operator,
    ApiQuery(query): ApiQuery<OutboxQuery>,
) -> ApiResult<Json<Vec<OutboxEntry>>> {
    let db = state.db.clone();
    let entries =
        tokio::task::spawn_blocking(move || sms::read_outbox(&db, query.mobile.as_deref()))
            .await??;
    Ok(Json(entries))
}

/// What a registry import stored.
#[derive(Debug, Serialize)]
pub struct ImportSummary {
    /// People whose records were replaced.
    pub people: usize,
    /// Records stored.
    pub records: usize,
}

/// `POST /v1/operator/registry`: imports a registry CSV (`text/csv` body), all or nothing.
async fn import_registry(
    State(state): State<AppState>,
    _operator: Operator,
    body: axum::body::Bytes,
) -> ApiResult<Json<ImportSummary>> {
    let records = tokio::task::spawn_blocking(move || registry::parse_csv(&body)).await??;
    let now = ms(state.clock.now());
    let (people, records) = state
        .db
        .write(move |tx| registry::import(tx, &records, now))
        .await?;
    Ok(Json(ImportSummary { people, records }))
}

/// `POST /v1/operator/reviews`: reviews every application under review against the registry.
async fn run_reviews(
    State(state): State<AppState>,
    _operator: Operator,
) -> ApiResult<Json<ReviewSummary>> {
    let now = state.clock.now();
    let today = yaohao_core::time::beijing_date(now);
    Ok(Json(
        state
            .db
            .write(move |tx| review::review_all(tx, today, ms(now)))
            .await?,
    ))
}
