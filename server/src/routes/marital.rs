//! Marital-status changes: the applicant uploads a certificate, the operator reviews it (the
//! policy says about 5 working days); only an approved change alters the account.

use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use yaohao_core::api::{Decision, MaritalChange, MaritalStatus};

use crate::auth::operator::Operator;
use crate::auth::session::Session;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::extract::{ApiJson, ApiPath};
use crate::services::documents::{self, DocumentKind};
use crate::services::marital;
use crate::state::AppState;

/// The routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/me/marital-status", get(latest).put(request))
        .route("/v1/operator/marital-changes/{id}", post(decide))
}

/// `GET /v1/me/marital-status`: the latest change request.
async fn latest(State(state): State<AppState>, session: Session) -> ApiResult<Json<MaritalChange>> {
    Ok(Json(marital::latest(&state, session.account_id).await?))
}

/// `PUT /v1/me/marital-status`: multipart with `status` and the certificate image `file`.
async fn request(
    State(state): State<AppState>,
    session: Session,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> ApiResult<(StatusCode, Json<MaritalChange>)> {
    let mut multipart = multipart.map_err(|_| {
        ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::UnsupportedMediaType,
            "请以 multipart/form-data 上传",
            "upload as multipart/form-data",
        )
    })?;
    let mut wanted = None;
    let mut certificate = None;
    let malformed = |e: axum::extract::multipart::MultipartError| {
        ApiError::invalid(
            "file",
            format!("上传内容无效：{}", e.body_text()),
            e.body_text(),
        )
    };
    while let Some(mut field) = multipart.next_field().await.map_err(malformed)? {
        match field.name() {
            Some("status") => wanted = Some(field.text().await.map_err(malformed)?),
            Some("file") => {
                let mut bytes = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(malformed)? {
                    if bytes.len() + chunk.len() > documents::MAX_BYTES {
                        return Err(documents::too_large(DocumentKind::MarriageCertificate));
                    }
                    bytes.extend_from_slice(&chunk);
                }
                certificate = Some(bytes);
            }
            _ => {}
        }
    }
    let wanted = wanted
        .and_then(|s| MaritalStatus::parse(s.trim()))
        .ok_or_else(|| {
            ApiError::invalid(
                "status",
                "婚姻状况须为 unmarried、married、divorced 或 widowed",
                "status must be unmarried, married, divorced or widowed",
            )
        })?;
    let bytes = certificate
        .ok_or_else(|| ApiError::invalid("file", "请上传证明材料", "upload the certificate"))?;
    let change = marital::request(&state, session.account_id, wanted, bytes).await?;
    Ok((StatusCode::ACCEPTED, Json(change)))
}

/// `POST /v1/operator/marital-changes/{id}`: approves (the account changes) or rejects.
async fn decide(
    State(state): State<AppState>,
    _operator: Operator,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<Decision>,
) -> ApiResult<Json<MaritalChange>> {
    Ok(Json(marital::decide(&state, id, body).await?))
}
