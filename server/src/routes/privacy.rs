//! The applicant's data rights: `GET /v1/me/export` (a copy of everything) and
//! `POST /v1/me/deletion` (delete the account, with its password).

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use yaohao_core::api::{AccountDeletion, DataExport};

use crate::auth::session::Session;
use crate::error::ApiResult;
use crate::extract::ApiJson;
use crate::services::privacy;
use crate::state::AppState;

/// The routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/me/export", get(export))
        .route("/v1/me/deletion", post(delete))
}

/// `GET /v1/me/export`: everything the portal holds about the applicant, unmasked.
async fn export(State(state): State<AppState>, session: Session) -> ApiResult<Json<DataExport>> {
    Ok(Json(privacy::export(&state, session.account_id).await?))
}

/// `POST /v1/me/deletion`: deletes the account (refused while a won quota waits for its
/// confirmation); every session ends.
async fn delete(
    State(state): State<AppState>,
    session: Session,
    ApiJson(body): ApiJson<AccountDeletion>,
) -> ApiResult<StatusCode> {
    privacy::delete(&state, session.account_id, body).await?;
    Ok(StatusCode::NO_CONTENT)
}
