//! Applications and their documents: drafts, preview, submission, "my applications".

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use rusqlite::{OptionalExtension, params};

use crate::applications::{self, Preview};
use crate::auth::session::Session;
use crate::config::Limits;
use crate::documents::{self, DocumentKind, DocumentStore};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::extract::{ApiJson, ApiPath};
use crate::routes::accounts::load_account;
use crate::state::AppState;
use crate::time::ms;
use yaohao_core::api::{Application, ApplicationStatus, Document, FormUpdate, NewApplication};
use yaohao_core::forms::ApplicationKind;

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

fn not_editable() -> ApiError {
    ApiError::invalid_state(
        "申请已提交，当前状态下不能修改",
        "the application has been submitted and cannot be changed in its current state",
    )
}

/// `POST /v1/applications`: a new draft.
async fn create(
    State(state): State<AppState>,
    session: Session,
    ApiJson(body): ApiJson<NewApplication>,
) -> ApiResult<Response> {
    applications::check_text(&body.form)?;
    if body.form.family.is_some() != (body.kind == ApplicationKind::Family) {
        return Err(ApiError::invalid(
            "form.family",
            "只有家庭申请填写家庭信息",
            "only family applications have a family section",
        ));
    }
    let now = ms(state.clock.now());
    let account = session.account_id;
    let form = serde_json::to_string(&body.form).map_err(ApiError::internal)?;
    let view =
        state
            .db
            .write(move |tx| {
                tx.execute(
                "INSERT INTO applications (account_id, kind, status, form, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                params![account, body.kind.as_str(), ApplicationStatus::Draft.as_str(), form, now],
            )?;
                applications::load_owned(tx, tx.last_insert_rowid(), account)
            })
            .await?;
    Ok((StatusCode::CREATED, Json(view)).into_response())
}

/// `GET /v1/applications`: every application of the session's account, with codes.
async fn list(
    State(state): State<AppState>,
    session: Session,
) -> ApiResult<Json<Vec<Application>>> {
    let account = session.account_id;
    Ok(Json(
        state
            .db
            .read(move |c| applications::list_owned(c, account))
            .await?,
    ))
}

/// `GET /v1/applications/{id}`.
async fn read(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Application>> {
    let account = session.account_id;
    Ok(Json(
        state
            .db
            .read(move |c| applications::load_owned(c, id, account))
            .await?,
    ))
}

/// `PUT /v1/applications/{id}`: saves the form of a draft (or of a rejected application).
async fn update(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<FormUpdate>,
) -> ApiResult<Json<Application>> {
    applications::check_text(&body.form)?;
    let account = session.account_id;
    let now = state.clock.now();
    let view = state
        .db
        .write(move |tx| {
            let current = applications::load_owned(tx, id, account)?;
            if !applications::editable(&current.status) {
                return Err(not_editable());
            }
            if body.form.family.is_some() != (current.kind == ApplicationKind::Family) {
                return Err(ApiError::invalid(
                    "form.family",
                    "只有家庭申请填写家庭信息",
                    "only family applications have a family section",
                ));
            }
            applications::save_form(tx, id, &body.form, now)?;
            applications::load_owned(tx, id, account)
        })
        .await?;
    Ok(Json(view))
}

/// `DELETE /v1/applications/{id}`: discards a draft that was never submitted.
async fn remove(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    let account = session.account_id;
    state
        .db
        .write(move |tx| {
            let current = applications::load_owned(tx, id, account)?;
            if current.status != ApplicationStatus::Draft || current.code.is_some() {
                return Err(not_editable());
            }
            tx.execute("DELETE FROM applications WHERE id = ?1", [id])?;
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

fn build_preview(
    conn: &rusqlite::Connection,
    id: i64,
    account: i64,
) -> ApiResult<(Application, Preview)> {
    let view = applications::load_owned(conn, id, account)?;
    let resident_id = load_account(conn, account)?.resident_id;
    let uploaded = applications::uploaded_kinds(conn, id)?;
    let preview = applications::preview(view.kind, &view.form, &resident_id, &uploaded);
    Ok((view, preview))
}

/// `GET /v1/applications/{id}/preview`: every check a submission would run.
async fn preview(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Preview>> {
    let account = session.account_id;
    Ok(Json(
        state
            .db
            .read(move |c| build_preview(c, id, account))
            .await?
            .1,
    ))
}

/// `POST /v1/applications/{id}/submit`: runs the core checks and issues the application code
/// (a resubmission after rejection keeps its code).
async fn submit(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Application>> {
    let account = session.account_id;
    let now = ms(state.clock.now());
    let code_seed = state.config.code_seed;
    let view = state
        .db
        .write(move |tx| {
            let (view, preview) = build_preview(tx, id, account)?;
            if !applications::editable(&view.status) {
                return Err(not_editable());
            }
            if !preview.ready {
                return Err(applications::not_ready(&preview));
            }
            let active: Option<String> = tx
                .query_row(
                    "SELECT code FROM applications WHERE account_id = ?1 AND id != ?2
                     AND status NOT IN (?3, ?4)",
                    params![
                        account,
                        id,
                        ApplicationStatus::Draft.as_str(),
                        ApplicationStatus::Removed.as_str()
                    ],
                    |r| r.get(0),
                )
                .optional()?
                .flatten();
            if let Some(code) = active {
                return Err(ApiError::new(
                    StatusCode::CONFLICT,
                    ErrorCode::AlreadyApplied,
                    format!("您已有有效申请（申请编码 {code}），不能重复申请"),
                    format!("you already have an active application (code {code})"),
                ));
            }
            let code = match view.code {
                Some(code) => code,
                None => applications::issue_code(tx, code_seed)?,
            };
            tx.execute(
                "UPDATE applications SET status = ?1, code = ?2, rejection_reasons = NULL,
                 submitted_at = COALESCE(submitted_at, ?3), updated_at = ?3 WHERE id = ?4",
                params![ApplicationStatus::UnderReview.as_str(), code, now, id],
            )?;
            applications::load_owned(tx, id, account)
        })
        .await?;
    Ok(Json(view))
}

fn load_documents(conn: &rusqlite::Connection, id: i64) -> ApiResult<Vec<Document>> {
    let mut stmt = conn.prepare(
        "SELECT kind, sha256, media_type, size, created_at FROM documents
         WHERE application_id = ?1 ORDER BY kind",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get::<_, i64>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (kind, sha256, media_type, size, at) = row?;
        if let Some(kind) = documents::application_material(&kind) {
            out.push(Document {
                kind,
                sha256,
                media_type,
                size,
                uploaded_at: crate::time::at(at),
            });
        }
    }
    Ok(out)
}

/// `GET /v1/applications/{id}/documents`.
async fn list_documents(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Vec<Document>>> {
    let account = session.account_id;
    let docs = state
        .db
        .read(move |c| {
            applications::load_owned(c, id, account)?;
            load_documents(c, id)
        })
        .await?;
    Ok(Json(docs))
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
    let current = state
        .db
        .read(move |c| applications::load_owned(c, id, account))
        .await?;
    if !applications::editable(&current.status) {
        return Err(not_editable());
    }
    let multipart = multipart.map_err(|_| {
        ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::UnsupportedMediaType,
            "请以 multipart/form-data 上传",
            "upload as multipart/form-data",
        )
    })?;
    let bytes = read_file(multipart, kind).await?;
    let checked = bytes.clone();
    let limits = state.config.limits.clone();
    let image =
        tokio::task::spawn_blocking(move || documents::check_image(kind, &checked, &limits))
            .await??;
    let store = DocumentStore::new(&state.config.data);
    let sha256 = store.put(&bytes).await?;
    let now = ms(state.clock.now());
    let size = bytes.len() as i64;
    let view = state
        .db
        .write(move |tx| {
            let current = applications::load_owned(tx, id, account)?;
            if !applications::editable(&current.status) {
                return Err(not_editable());
            }
            tx.execute(
                "INSERT INTO documents (application_id, kind, sha256, media_type, size, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT(application_id, kind) DO UPDATE SET sha256 = excluded.sha256,
                 media_type = excluded.media_type, size = excluded.size,
                 created_at = excluded.created_at",
                params![id, kind.as_str(), sha256, image.media_type(), size, now],
            )?;
            tx.execute(
                "UPDATE applications SET updated_at = ?1 WHERE id = ?2",
                params![now, id],
            )?;
            load_documents(tx, id)?
                .into_iter()
                .find(|d| d.kind == kind)
                .ok_or_else(|| ApiError::internal("stored document vanished"))
        })
        .await?;
    Ok(Json(view))
}

/// `GET /v1/applications/{id}/documents/{kind}`: the stored image.
async fn download(
    State(state): State<AppState>,
    session: Session,
    ApiPath((id, kind)): ApiPath<(i64, String)>,
) -> ApiResult<Response> {
    let kind = parse_kind(&kind)?;
    let account = session.account_id;
    let doc = state
        .db
        .read(move |c| {
            applications::load_owned(c, id, account)?;
            load_documents(c, id)?
                .into_iter()
                .find(|d| d.kind == kind)
                .ok_or_else(ApiError::not_found)
        })
        .await?;
    let bytes = DocumentStore::new(&state.config.data)
        .get(&doc.sha256)
        .await?;
    Ok(([(header::CONTENT_TYPE, doc.media_type)], Body::from(bytes)).into_response())
}

/// `DELETE /v1/applications/{id}/documents/{kind}`.
async fn delete_document(
    State(state): State<AppState>,
    session: Session,
    ApiPath((id, kind)): ApiPath<(i64, String)>,
) -> ApiResult<StatusCode> {
    let kind = parse_kind(&kind)?;
    let account = session.account_id;
    state
        .db
        .write(move |tx| {
            let current = applications::load_owned(tx, id, account)?;
            if !applications::editable(&current.status) {
                return Err(not_editable());
            }
            let deleted = tx.execute(
                "DELETE FROM documents WHERE application_id = ?1 AND kind = ?2",
                params![id, kind.as_str()],
            )?;
            if deleted == 0 {
                return Err(ApiError::not_found());
            }
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
