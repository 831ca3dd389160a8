//! Applications and their documents: drafts, preview, submission, "my applications".

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};

use crate::auth::session::Session;
use crate::config::Limits;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiPath};
use crate::services::applications;
use crate::services::documents::{self, DocumentKind};
use crate::state::AppState;
use yaohao_core::api::{Application, Document, FormUpdate, NewApplication, Preview};

/// The application routes. The JSON bodies (a new draft, a saved form) are limited to
/// `limits.json_body_bytes`; uploads are limited per file while streaming (see `read_file`).
pub fn router(limits: &Limits) -> Router<AppState> {
    let json = DefaultBodyLimit::max(limits.json_body_bytes);
    Router::new()
        .route("/v1/applications", post(create).layer(json).get(list))
        .route(
            "/v1/applications/{id}",
            get(read).put(update).layer(json).delete(remove),
        )
        .route("/v1/applications/{id}/preview", get(preview))
        .route("/v1/applications/{id}/submit", post(submit))
        .route("/v1/applications/{id}/documents", get(list_documents))
        .route(
            "/v1/applications/{id}/documents/{kind}",
            get(download)
                .put(upload)
                .layer(DefaultBodyLimit::disable())
                .delete(delete_document),
        )
}

/// `POST /v1/applications`: a new draft.
async fn create(
    State(state): State<AppState>,
    session: Session,
    ApiJson(body): ApiJson<NewApplication>,
) -> ApiResult<Response> {
    let view = applications::create(&state, session.account_id, body).await?;
    Ok((StatusCode::CREATED, Json(view)).into_response())
}

/// `GET /v1/applications`: every application of the session's account, with codes.
async fn list(
    State(state): State<AppState>,
    session: Session,
) -> ApiResult<Json<Vec<Application>>> {
    Ok(Json(applications::list(&state, session.account_id).await?))
}

/// `GET /v1/applications/{id}`.
async fn read(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Application>> {
    Ok(Json(
        applications::read(&state, session.account_id, id).await?,
    ))
}

/// `PUT /v1/applications/{id}`: saves the form of a draft (or of a rejected application).
async fn update(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<FormUpdate>,
) -> ApiResult<Json<Application>> {
    Ok(Json(
        applications::update(&state, session.account_id, id, body).await?,
    ))
}

/// `DELETE /v1/applications/{id}`: discards a draft that was never submitted.
async fn remove(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    applications::remove(&state, session.account_id, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /v1/applications/{id}/preview`: every check a submission would run.
async fn preview(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Preview>> {
    Ok(Json(
        applications::preview_of(&state, session.account_id, id).await?,
    ))
}

/// `POST /v1/applications/{id}/submit`: runs the core checks and issues the application code
/// (a resubmission after rejection keeps its code).
async fn submit(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Application>> {
    Ok(Json(
        applications::submit(&state, session.account_id, id).await?,
    ))
}

/// `GET /v1/applications/{id}/documents`.
async fn list_documents(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Vec<Document>>> {
    Ok(Json(
        applications::list_documents(&state, session.account_id, id).await?,
    ))
}

fn parse_kind(name: &str) -> ApiResult<DocumentKind> {
    documents::application_material(name).ok_or_else(ApiError::not_found)
}

/// Reads the multipart field `file`, refusing it as soon as it passes `kind`'s limit.
pub async fn read_file(mut multipart: Multipart, kind: DocumentKind) -> ApiResult<Vec<u8>> {
    let malformed = |e: axum::extract::multipart::MultipartError| {
        ApiError::invalid(
            "file",
            format!("上传内容无效：{}", e.body_text()),
            format!("invalid multipart body: {}", e.body_text()),
        )
    };
    while let Some(mut field) = multipart.next_field().await.map_err(malformed)? {
        if field.name() != Some("file") {
            continue;
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(malformed)? {
            if bytes.len() + chunk.len() > kind.max_bytes() {
                return Err(documents::too_large(kind));
            }
            bytes.extend_from_slice(&chunk);
        }
        return Ok(bytes);
    }
    Err(ApiError::invalid(
        "file",
        "缺少文件（表单字段 file）",
        "missing the multipart field `file`",
    ))
}

/// `PUT /v1/applications/{id}/documents/{kind}`: uploads or replaces a material.
async fn upload(
    State(state): State<AppState>,
    session: Session,
    ApiPath((id, kind)): ApiPath<(i64, String)>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> ApiResult<Json<Document>> {
    let kind = parse_kind(&kind)?;
    let account = session.account_id;
    applications::check_editable(&state, account, id).await?;
    let multipart = multipart.map_err(|_| ApiError::not_multipart())?;
    let bytes = read_file(multipart, kind).await?;
    Ok(Json(
        applications::upload(&state, account, id, kind, bytes).await?,
    ))
}

/// `GET /v1/applications/{id}/documents/{kind}`: the stored image.
async fn download(
    State(state): State<AppState>,
    session: Session,
    ApiPath((id, kind)): ApiPath<(i64, String)>,
) -> ApiResult<Response> {
    let kind = parse_kind(&kind)?;
    let (doc, bytes) = applications::download(&state, session.account_id, id, kind).await?;
    Ok(([(header::CONTENT_TYPE, doc.media_type)], Body::from(bytes)).into_response())
}

/// `DELETE /v1/applications/{id}/documents/{kind}`.
async fn delete_document(
    State(state): State<AppState>,
    session: Session,
    ApiPath((id, kind)): ApiPath<(i64, String)>,
) -> ApiResult<StatusCode> {
    let kind = parse_kind(&kind)?;
    applications::delete_document(&state, session.account_id, id, kind).await?;
    Ok(StatusCode::NO_CONTENT)
}
