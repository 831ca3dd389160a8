//! Accounts: SMS codes, registration, login and logout, password reset, mobile change.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::routing::{delete, get, post, put};
use axum::{Json, Router};

use crate::auth::session::{self, Session};
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::services::accounts;
use crate::state::AppState;
use yaohao_core::api::{
    self, Account, CodeRequest, CodeSent, Login, MobileChange, MobileCodes, PasswordReset,
    Registration, UnitRegistration,
};

/// The account routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/sms-codes", post(request_code))
        .route("/v1/accounts", post(register))
        .route("/v1/units", post(register_unit))
        .route("/v1/sessions", post(login))
        .route("/v1/sessions/current", delete(logout))
        .route("/v1/me", get(me))
        .route("/v1/password-resets", post(reset_password))
        .route("/v1/me/mobile/codes", post(request_mobile_change_codes))
        .route("/v1/me/mobile", put(change_mobile))
}

/// `POST /v1/sms-codes`: a code for registration (`mobile`), login (`resident_id`) or a password
/// reset (`resident_id` + `mobile`); whether an account exists is never revealed.
async fn request_code(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ApiJson(body): ApiJson<CodeRequest>,
) -> ApiResult<(StatusCode, Json<CodeSent>)> {
    let sent = accounts::request_code(&state, peer.ip(), body).await?;
    Ok((StatusCode::ACCEPTED, Json(sent)))
}

/// `POST /v1/accounts`: registers an individual applicant.
async fn register(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<Registration>,
) -> ApiResult<(StatusCode, Json<Account>)> {
    let account = accounts::register(&state, body).await?;
    Ok((StatusCode::CREATED, Json(account)))
}

/// `POST /v1/units`: registers a unit's account, kept by its contact person.
async fn register_unit(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<UnitRegistration>,
) -> ApiResult<(StatusCode, Json<Account>)> {
    let account = accounts::register_unit(&state, body).await?;
    Ok((StatusCode::CREATED, Json(account)))
}

/// `POST /v1/sessions`: logs in with resident ID (a unit: credit code), password and SMS code;
/// ends other sessions.
async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ApiJson(body): ApiJson<Login>,
) -> ApiResult<(StatusCode, Json<api::Session>)> {
    let session = accounts::login(&state, peer.ip(), body).await?;
    Ok((StatusCode::CREATED, Json(session)))
}

/// The session extractor runs first, so only a live session can log out.
struct Token(String);

impl axum::extract::FromRequestParts<AppState> for Token {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &AppState) -> ApiResult<Token> {
        session::bearer_hash(&parts.headers).map(Token)
    }
}

/// `DELETE /v1/sessions/current`: logs out.
async fn logout(
    State(state): State<AppState>,
    session: Session,
    Token(hash): Token,
) -> ApiResult<StatusCode> {
    accounts::logout(&state, session.account_id, hash).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /v1/me`: the session's account.
async fn me(State(state): State<AppState>, session: Session) -> ApiResult<Json<Account>> {
    Ok(Json(accounts::account(&state, session.account_id).await?))
}

/// `POST /v1/password-resets`: sets a new password; ends every session and lifts a lockout.
async fn reset_password(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<PasswordReset>,
) -> ApiResult<StatusCode> {
    accounts::reset_password(&state, body).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /v1/me/mobile/codes`: sends one code to the current number and one to the new number.
async fn request_mobile_change_codes(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    session: Session,
    ApiJson(body): ApiJson<MobileCodes>,
) -> ApiResult<(StatusCode, Json<CodeSent>)> {
    let sent = accounts::request_mobile_change_codes(&state, peer.ip(), session, body).await?;
    Ok((StatusCode::ACCEPTED, Json(sent)))
}

/// `PUT /v1/me/mobile`: changes the number once both codes are confirmed.
async fn change_mobile(
    State(state): State<AppState>,
    session: Session,
    ApiJson(body): ApiJson<MobileChange>,
) -> ApiResult<Json<Account>> {
    Ok(Json(accounts::change_mobile(&state, session, body).await?))
}
