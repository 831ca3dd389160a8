//! Operator endpoints (guarded by `X-Operator-Token`): the simulated clock, the SMS outbox, the
//! registry, reviews, the scheduler tick, periods, announcements and calendar dates.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use yaohao_core::api::{
    AnnouncedDate, Announcement, Clock, ClockMove, DrawRequest, ImportSummary, NewAnnouncement,
    NewPeriod, Period, ReviewSummary, SmsOutboxEntry, TickReport,
};

use crate::auth::operator::Operator;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::services::operator;
use crate::state::AppState;

/// The operator routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/operator/clock", post(advance_clock))
        .route("/v1/operator/sms-outbox", get(sms_outbox))
        .route("/v1/operator/registry", post(import_registry))
        .route("/v1/operator/reviews", post(run_reviews))
        .route("/v1/operator/tick", post(tick))
        .route("/v1/operator/periods", post(create_period))
        .route("/v1/operator/periods/{id}/freeze", post(freeze_period))
        .route("/v1/operator/periods/{id}/draw", post(draw_period))
        .route("/v1/operator/periods/{id}/publish", post(publish_period))
        .route("/v1/operator/announcements", post(post_announcement))
        .route("/v1/operator/calendar", post(announce_date))
}

/// `POST /v1/operator/clock`: moves the simulated clock forward.
async fn advance_clock(
    State(state): State<AppState>,
    _operator: Operator,
    ApiJson(body): ApiJson<ClockMove>,
) -> ApiResult<Json<Clock>> {
    Ok(Json(operator::advance_clock(&state, body).await?))
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
) -> ApiResult<Json<Vec<SmsOutboxEntry>>> {
    Ok(Json(operator::sms_outbox(&state, query.mobile).await?))
}

/// `POST /v1/operator/registry`: imports a registry CSV (`text/csv` body), all or nothing.
async fn import_registry(
    State(state): State<AppState>,
    _operator: Operator,
    body: axum::body::Bytes,
) -> ApiResult<Json<ImportSummary>> {
    Ok(Json(operator::import_registry(&state, body).await?))
}

/// `POST /v1/operator/reviews`: reviews every application under review against the registry.
async fn run_reviews(
    State(state): State<AppState>,
    _operator: Operator,
) -> ApiResult<Json<ReviewSummary>> {
    Ok(Json(operator::run_reviews(&state).await?))
}

/// `POST /v1/operator/tick`: runs whatever is due now (also runs after every clock move).
async fn tick(State(state): State<AppState>, _operator: Operator) -> ApiResult<Json<TickReport>> {
    Ok(Json(operator::run_tick(&state).await?))
}

/// `POST /v1/operator/periods`: schedules the next ordinary draw of the policy (or the one on
/// `draw_date`) with `quota` quotas.
async fn create_period(
    State(state): State<AppState>,
    _operator: Operator,
    ApiJson(body): ApiJson<NewPeriod>,
) -> ApiResult<(StatusCode, Json<Period>)> {
    let period = operator::create_period(&state, body).await?;
    Ok((StatusCode::CREATED, Json(period)))
}

/// `POST /v1/operator/periods/{id}/freeze`: freezes the pool now.
async fn freeze_period(
    State(state): State<AppState>,
    _operator: Operator,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Json<Period>> {
    Ok(Json(operator::freeze_period(&state, id).await?))
}

/// `POST /v1/operator/periods/{id}/draw`: draws with the given seed or one from OS randomness.
async fn draw_period(
    State(state): State<AppState>,
    _operator: Operator,
    ApiPath(id): ApiPath<String>,
    body: axum::body::Bytes,
) -> ApiResult<Json<Period>> {
    let request: DrawRequest = if body.is_empty() {
        DrawRequest::default()
    } else {
        serde_json::from_slice(&body).map_err(|e| {
            ApiError::invalid(
                "seed",
                format!("请求内容无效：{e}"),
                format!("invalid body: {e}"),
            )
        })?
    };
    Ok(Json(operator::draw_period(&state, id, request).await?))
}

/// `POST /v1/operator/periods/{id}/publish`: writes the result files and settles the period.
async fn publish_period(
    State(state): State<AppState>,
    _operator: Operator,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Json<Period>> {
    Ok(Json(operator::publish_period(&state, id).await?))
}

/// `POST /v1/operator/announcements`: posts a policy notice.
async fn post_announcement(
    State(state): State<AppState>,
    _operator: Operator,
    ApiJson(body): ApiJson<NewAnnouncement>,
) -> ApiResult<(StatusCode, Json<Announcement>)> {
    let posted = operator::post_announcement(&state, body).await?;
    Ok((StatusCode::CREATED, Json(posted)))
}

/// `POST /v1/operator/calendar`: announces the actual moment of a projected calendar event.
async fn announce_date(
    State(state): State<AppState>,
    _operator: Operator,
    ApiJson(body): ApiJson<AnnouncedDate>,
) -> ApiResult<Json<AnnouncedDate>> {
    Ok(Json(operator::announce_date(&state, body).await?))
}
