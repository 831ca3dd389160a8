//! Periods, results and quotas: the published files (static, with ETag), "my results", the
//! anonymous query with captcha, quota confirmation, continuation and reactivation, queue ranks.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;

use crate::auth::session::{self, Session};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiPath, ApiQuery};
use crate::services::{applications, periods, quotas, results};
use crate::state::AppState;
use crate::time::{at, ms};
use yaohao_core::api::{Application, Captcha, Period, QueueRank, Quota, ResultEntry};

/// The routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/periods", get(list_periods))
        .route("/v1/periods/{id}", get(read_period))
        .route("/v1/results/{period}/{file}", get(result_file))
        .route("/v1/results/query", get(anonymous_query))
        .route("/v1/captcha", post(new_captcha))
        .route("/v1/captcha/{id}", get(captcha_image))
        .route("/v1/me/results", get(my_results))
        .route("/v1/me/quotas", get(my_quotas))
        .route("/v1/quotas/{id}/confirm", post(confirm_quota))
        .route("/v1/applications/{id}/continue", post(continue_application))
        .route("/v1/applications/{id}/reactivate", post(reactivate))
        .route("/v1/applications/{id}/withdraw", post(withdraw))
        .route("/v1/me/queue", get(queue_rank))
}

/// `GET /v1/periods`.
async fn list_periods(State(state): State<AppState>) -> ApiResult<Json<Vec<Period>>> {
    Ok(Json(periods::list(&state).await?))
}

/// `GET /v1/periods/{id}`.
async fn read_period(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Json<Period>> {
    Ok(Json(periods::read(&state, id).await?))
}

/// `GET /v1/results/{period}/{file}`: a published file, `304` when `If-None-Match` matches.
async fn result_file(
    State(state): State<AppState>,
    ApiPath((period, file)): ApiPath<(String, String)>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    Ok(state.results.get(&period, &file).await?.respond(&headers))
}

/// `GET /v1/me/results`: the session's outcomes in every period it took part in. The draw-day
/// hot path: with the session, the freeze windows and the account's results cached it is answered
/// from memory; otherwise one database read fetches whatever is missing.
async fn my_results(State(state): State<AppState>, headers: HeaderMap) -> ApiResult<Response> {
    let hash = session::bearer_hash(&headers)?;
    Ok(results::my_results(&state, hash).await?.respond(&headers))
}

/// `POST /v1/captcha`: a new image captcha for the anonymous query.
async fn new_captcha(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
) -> ApiResult<Response> {
    state.throttles.captcha(peer.ip())?;
    let c = state.guard.issue(state.clock.now())?;
    let view = Captcha {
        image_url: format!("/v1/captcha/{}", c.id),
        captcha_id: c.id,
        expires_at: at(ms(c.expires_at)),
    };
    Ok((StatusCode::CREATED, Json(view)).into_response())
}

/// `GET /v1/captcha/{id}`: the captcha's PNG.
async fn captcha_image(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Response> {
    let png = state.guard.image(&id).ok_or_else(ApiError::not_found)?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/png"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        png.as_ref().clone(),
    )
        .into_response())
}

#[derive(Debug, Deserialize)]
struct AnonymousQuery {
    code: String,
    captcha_id: String,
    captcha_answer: String,
}

/// `GET /v1/results/query`: outcomes of one application code, for anyone who solves a captcha;
/// limited per client.
async fn anonymous_query(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ApiQuery(query): ApiQuery<AnonymousQuery>,
) -> ApiResult<Json<Vec<ResultEntry>>> {
    Ok(Json(
        results::anonymous_query(
            &state,
            peer.ip(),
            &query.code,
            &query.captcha_id,
            &query.captcha_answer,
        )
        .await?,
    ))
}

/// `GET /v1/me/quotas`.
async fn my_quotas(State(state): State<AppState>, session: Session) -> ApiResult<Json<Vec<Quota>>> {
    Ok(Json(quotas::list(&state, session.account_id).await?))
}

/// `POST /v1/quotas/{id}/confirm`: the winner confirms within the policy's hours.
async fn confirm_quota(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Vec<Quota>>> {
    Ok(Json(quotas::confirm(&state, session.account_id, id).await?))
}

/// `POST /v1/applications/{id}/continue`: 继续参与, only in the policy's continuation month.
async fn continue_application(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Application>> {
    Ok(Json(
        applications::continue_application(&state, session.account_id, id).await?,
    ))
}

/// `POST /v1/applications/{id}/reactivate`: an application removed by the clean-up goes back to
/// review with its code.
async fn reactivate(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Application>> {
    Ok(Json(
        applications::reactivate(&state, session.account_id, id).await?,
    ))
}

/// `POST /v1/applications/{id}/withdraw`: a submitted application leaves every further draw; its
/// code and history stay.
async fn withdraw(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Application>> {
    Ok(Json(
        applications::withdraw(&state, session.account_id, id).await?,
    ))
}

/// `GET /v1/me/queue`: NEV queue rank (individuals by queue time) or family points rank (points,
/// ties by the earliest registration), over approved applications.
async fn queue_rank(
    State(state): State<AppState>,
    session: Session,
) -> ApiResult<Json<Vec<QueueRank>>> {
    Ok(Json(
        applications::queue_rank(&state, session.account_id).await?,
    ))
}
