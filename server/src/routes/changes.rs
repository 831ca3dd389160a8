//! Reviewed changes of the account: the marital status (`/v1/me/marital-status`, with the
//! certificate) and the address of the approved applications (`/v1/me/address`, with a proof of
//! address). The applicant uploads multipart, the operator decides.

use axum::extract::multipart::{MultipartError, MultipartRejection};
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use yaohao_core::api::{AddressChange, Decision, MaritalChange, MaritalStatus};
use yaohao_core::validate;

use crate::auth::operator::Operator;
use crate::auth::session::Session;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiPath};
use crate::services::changes::{self, proof_of};
use crate::services::documents;
use crate::state::AppState;
use crate::store::changes::ChangeKind;

/// The routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/v1/me/marital-status",
            get(latest_marital).put(request_marital),
        )
        .route("/v1/operator/marital-changes/{id}", post(decide_marital))
        .route("/v1/me/address", get(latest_address).put(request_address))
        .route("/v1/operator/address-changes/{id}", post(decide_address))
}

/// `GET /v1/me/marital-status`: the latest change request.
async fn latest_marital(
    State(state): State<AppState>,
    session: Session,
) -> ApiResult<Json<MaritalChange>> {
    let row = changes::latest(&state, ChangeKind::MaritalStatus, session.account_id).await?;
    Ok(Json(changes::marital(row)))
}

/// `PUT /v1/me/marital-status`: multipart with `status` and the certificate image `file`.
async fn request_marital(
    State(state): State<AppState>,
    session: Session,
    multipart: Result<Multipart, MultipartRejection>,
) -> ApiResult<(StatusCode, Json<MaritalChange>)> {
    let kind = ChangeKind::MaritalStatus;
    let (value, proof) = read(multipart, "status", kind).await?;
    let wanted = value
        .and_then(|s| MaritalStatus::parse(s.trim()))
        .ok_or_else(|| {
            ApiError::invalid(
                "status",
                "婚姻状况须为 unmarried、married、divorced 或 widowed",
                "status must be unmarried, married, divorced or widowed",
            )
        })?;
    let row = changes::request(
        &state,
        session.account_id,
        kind,
        wanted.as_str().to_owned(),
        proof,
    )
    .await?;
    Ok((StatusCode::ACCEPTED, Json(changes::marital(row))))
}

/// `POST /v1/operator/marital-changes/{id}`: approves (the account changes) or rejects.
async fn decide_marital(
    State(state): State<AppState>,
    _operator: Operator,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<Decision>,
) -> ApiResult<Json<MaritalChange>> {
    let row = changes::decide(&state, ChangeKind::MaritalStatus, id, body).await?;
    Ok(Json(changes::marital(row)))
}

/// `GET /v1/me/address`: the latest address change request.
async fn latest_address(
    State(state): State<AppState>,
    session: Session,
) -> ApiResult<Json<AddressChange>> {
    let row = changes::latest(&state, ChangeKind::Address, session.account_id).await?;
    Ok(Json(changes::address(row)))
}

/// `PUT /v1/me/address`: multipart with `address` and the proof-of-address image `file`; the
/// address is checked by the core's validator (the full 北京市 form, the district, the street).
async fn request_address(
    State(state): State<AppState>,
    session: Session,
    multipart: Result<Multipart, MultipartRejection>,
) -> ApiResult<(StatusCode, Json<AddressChange>)> {
    let kind = ChangeKind::Address;
    let (value, proof) = read(multipart, "address", kind).await?;
    let address = value.map(|s| s.trim().to_owned()).unwrap_or_default();
    if let Some(reason) = validate::address(&address).errors.into_iter().next() {
        return Err(ApiError::invalid(
            "address",
            reason.message_zh,
            reason.message_en,
        ));
    }
    let row = changes::request(&state, session.account_id, kind, address, proof).await?;
    Ok((StatusCode::ACCEPTED, Json(changes::address(row))))
}

/// `POST /v1/operator/address-changes/{id}`: approves (the approved applications' forms take
/// the address) or rejects.
async fn decide_address(
    State(state): State<AppState>,
    _operator: Operator,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<Decision>,
) -> ApiResult<Json<AddressChange>> {
    let row = changes::decide(&state, ChangeKind::Address, id, body).await?;
    Ok(Json(changes::address(row)))
}

/// Reads a change's multipart body: the text field `field` (if sent) and the proof image `file`
/// (required, at most the documents' size limit).
async fn read(
    multipart: Result<Multipart, MultipartRejection>,
    field: &str,
    kind: ChangeKind,
) -> ApiResult<(Option<String>, Vec<u8>)> {
    let mut multipart = multipart.map_err(|_| ApiError::not_multipart())?;
    let malformed = |e: MultipartError| {
        ApiError::invalid(
            "file",
            format!("上传内容无效：{}", e.body_text()),
            e.body_text(),
        )
    };
    let (mut value, mut proof) = (None, None);
    while let Some(mut part) = multipart.next_field().await.map_err(malformed)? {
        match part.name() {
            Some(name) if name == field => value = Some(part.text().await.map_err(malformed)?),
            Some("file") => {
                let mut bytes = Vec::new();
                while let Some(chunk) = part.chunk().await.map_err(malformed)? {
                    if bytes.len() + chunk.len() > documents::MAX_BYTES {
                        return Err(documents::too_large(proof_of(kind)));
                    }
                    bytes.extend_from_slice(&chunk);
                }
                proof = Some(bytes);
            }
            _ => {}
        }
    }
    let proof = proof.ok_or_else(|| {
        let what = proof_of(kind).title();
        ApiError::invalid(
            "file",
            format!("请上传{}", what.zh),
            format!("upload the {}", what.en),
        )
    })?;
    Ok((value, proof))
}
