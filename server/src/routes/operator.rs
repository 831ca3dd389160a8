//! Operator endpoints (guarded by `X-Operator-Token`): the simulated clock and the SMS outbox.

use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::Duration;
use serde::Deserialize;
use yaohao_core::api::{
    AnnouncedDate, Clock, ClockMove, DrawRequest, ImportSummary, NewAnnouncement, NewPeriod,
    Period, ReviewSummary, SmsOutboxEntry, TickReport,
};

use crate::auth::operator::Operator;
use crate::clock::ClockError;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::periods;
use crate::registry;
use crate::review;
use crate::routes::info::{Announcement, list_announcements};
use crate::rules;
use crate::scheduler;
use crate::sms;
use crate::state::AppState;
use crate::time::{at, ms};

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

/// The clock as clients see it.
pub fn clock_view(state: &AppState) -> Clock {
    Clock {
        now: at(ms(state.clock.now())),
        simulated: state.clock.is_simulated(),
    }
}

/// `POST /v1/operator/clock`: moves the simulated clock forward.
async fn advance_clock(
    State(state): State<AppState>,
    _operator: Operator,
    ApiJson(body): ApiJson<ClockMove>,
) -> ApiResult<Json<Clock>> {
    let out_of_range = |field: &str| {
        ApiError::invalid(
            field,
            "模拟时钟只能在 2000 至 2099 年之间",
            "the simulated clock stays between 2000 and 2099",
        )
    };
    let field = if body.to.is_some() {
        "to"
    } else {
        "advance_seconds"
    };
    let moved = match (body.advance_seconds, body.to) {
        // Beyond chrono's range (about 292 million years) is certainly beyond 2099.
        (Some(seconds), None) if seconds >= 0 => match Duration::try_seconds(seconds) {
            Some(by) => state.clock.advance(by),
            None => return Err(out_of_range(field)),
        },
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
        Ok(_) => {
            run_tick(&state).await?;
            Ok(Json(clock_view(&state)))
        }
        Err(ClockError::NotSimulated) => Err(ApiError::invalid_state(
            "系统时钟不能调整",
            "the portal runs on the system clock, which cannot be advanced",
        )),
        Err(ClockError::OutOfRange) => Err(out_of_range(field)),
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
) -> ApiResult<Json<Vec<SmsOutboxEntry>>> {
    let db = state.db.clone();
    let entries =
        tokio::task::spawn_blocking(move || sms::read_outbox(&db, query.mobile.as_deref()))
            .await??;
    Ok(Json(entries))
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

/// Runs everything due on the portal clock.
pub async fn run_tick(state: &AppState) -> ApiResult<TickReport> {
    let now = state.clock.now();
    let policy = state.policy;
    let data = state.config.data.clone();
    let db = state.db.clone();
    let report =
        tokio::task::spawn_blocking(move || scheduler::tick(&db, policy, &data, now)).await;
    state.caches.periods_changed();
    let mut report = report??;
    for period in &report.published {
        state.results.invalidate(period);
    }
    report.push = crate::push::deliver_due(&state.db, &state.push, now).await?;
    let now_ms = ms(now);
    state
        .db
        .write(move |tx| crate::sms::redact_expired(tx, now_ms))
        .await?;
    Ok(report)
}

/// `POST /v1/operator/tick`: runs whatever is due now (also runs after every clock move).
async fn tick(State(state): State<AppState>, _operator: Operator) -> ApiResult<Json<TickReport>> {
    Ok(Json(run_tick(&state).await?))
}

/// `POST /v1/operator/periods`: schedules the next ordinary draw of the policy (or the one on
/// `draw_date`) with `quota` quotas.
async fn create_period(
    State(state): State<AppState>,
    _operator: Operator,
    ApiJson(body): ApiJson<NewPeriod>,
) -> ApiResult<(axum::http::StatusCode, Json<Period>)> {
    let policy = state.policy;
    let today = yaohao_core::time::beijing_date(state.clock.now());
    let view = period_write(&state, move |tx| {
        periods::create(tx, policy, today, body.draw_date, body.quota)
    })
    .await?;
    Ok((axum::http::StatusCode::CREATED, Json(view)))
}

/// Runs a write that changes periods, then drops what the caches read from them (whether or not
/// it succeeded).
async fn period_write<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(&rusqlite::Transaction<'_>) -> ApiResult<T> + Send + 'static,
) -> ApiResult<T> {
    let result = state.db.write(f).await;
    state.caches.periods_changed();
    result
}

/// `POST /v1/operator/periods/{id}/freeze`: freezes the pool now.
async fn freeze_period(
    State(state): State<AppState>,
    _operator: Operator,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Json<Period>> {
    Ok(Json(
        period_write(&state, move |tx| periods::freeze(tx, &id)).await?,
    ))
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
    let seed = periods::seed(request.seed.as_deref())?;
    let now = state.clock.now();
    Ok(Json(
        period_write(&state, move |tx| periods::run_draw(tx, &id, &seed, now)).await?,
    ))
}

/// `POST /v1/operator/periods/{id}/publish`: writes the result files and settles the period.
async fn publish_period(
    State(state): State<AppState>,
    _operator: Operator,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Json<Period>> {
    let now = state.clock.now();
    let policy = state.policy;
    let data = state.config.data.clone();
    let key = id.clone();
    let db = state.db.clone();
    let view =
        tokio::task::spawn_blocking(move || periods::publish(&db, policy, &data, &id, now)).await;
    state.caches.periods_changed();
    let view = view??;
    state.results.invalidate(&key);
    crate::push::deliver_due(&state.db, &state.push, now).await?;
    Ok(Json(view))
}

/// `POST /v1/operator/announcements`: posts a policy notice.
async fn post_announcement(
    State(state): State<AppState>,
    _operator: Operator,
    ApiJson(body): ApiJson<NewAnnouncement>,
) -> ApiResult<(axum::http::StatusCode, Json<Announcement>)> {
    for (field, value) in [("title_zh", &body.title_zh), ("title_en", &body.title_en)] {
        if value.trim().is_empty() {
            return Err(ApiError::invalid(
                field,
                "标题不能为空",
                "the title is required",
            ));
        }
    }
    let now = ms(state.clock.now());
    let posted = state
        .db
        .write(move |tx| {
            tx.execute(
                "INSERT INTO announcements (title_zh, title_en, body_zh, body_en, published_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                rusqlite::params![
                    body.title_zh,
                    body.title_en,
                    body.body_zh,
                    body.body_en,
                    now
                ],
            )?;
            let id = tx.last_insert_rowid();
            list_announcements(tx)?
                .into_iter()
                .find(|a| a.id == id)
                .ok_or_else(|| ApiError::internal("announcement vanished"))
        })
        .await?;
    Ok((axum::http::StatusCode::CREATED, Json(posted)))
}

/// `POST /v1/operator/calendar`: announces the actual moment of a projected calendar event.
async fn announce_date(
    State(state): State<AppState>,
    _operator: Operator,
    ApiJson(body): ApiJson<AnnouncedDate>,
) -> ApiResult<Json<AnnouncedDate>> {
    let kind = serde_json::to_value(body.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .ok_or_else(|| ApiError::internal("event kind"))?;
    let stored = body.clone();
    let policy = state.policy;
    state
        .db
        .write(move |tx| {
            let announced = periods::announced_dates(tx)?;
            rules::announcement(policy, &stored, &announced)?;
            tx.execute(
                "INSERT INTO announced_dates (kind, projected, at) VALUES (?1, ?2, ?3)
                 ON CONFLICT(kind, projected) DO UPDATE SET at = excluded.at",
                rusqlite::params![kind, stored.projected.to_string(), stored.at.to_rfc3339()],
            )?;
            Ok(())
        })
        .await?;
    Ok(Json(body))
}
