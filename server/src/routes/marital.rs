//! Marital-status changes: the applicant uploads a certificate, the operator reviews it (the
//! policy says about 5 working days); only an approved change alters the account.

use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use rusqlite::{Connection, OptionalExtension, params};
use yaohao_core::api::{Decision, MaritalChange, MaritalChangeStatus, MaritalStatus};

use crate::auth::operator::Operator;
use crate::auth::session::Session;
use crate::documents::{self, DocumentKind, DocumentStore};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::extract::{ApiJson, ApiPath};
use crate::state::AppState;
use crate::time::{at, ms};

/// The routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/me/marital-status", get(latest).put(request))
        .route("/v1/operator/marital-changes/{id}", post(decide))
}

fn load(conn: &Connection, clause: &str, key: i64) -> ApiResult<Option<MaritalChange>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT id, requested_status, status, reason, created_at, decided_at
                 FROM marital_changes WHERE {clause} ORDER BY id DESC LIMIT 1"
            ),
            [key],
            |r| {
                let requested: String = r.get(1)?;
                Ok(MaritalChange {
                    id: r.get(0)?,
                    // Only the four statuses are ever stored (the request is checked).
                    requested_status: MaritalStatus::parse(&requested)
                        .unwrap_or(MaritalStatus::Unmarried),
                    status: MaritalChangeStatus::from(r.get::<_, String>(2)?),
                    reason: r.get(3)?,
                    created_at: at(r.get(4)?),
                    decided_at: r.get::<_, Option<i64>>(5)?.map(at),
                })
            },
        )
        .optional()?)
}

/// `GET /v1/me/marital-status`: the latest change request.
async fn latest(State(state): State<AppState>, session: Session) -> ApiResult<Json<MaritalChange>> {
    let account = session.account_id;
    let found = state
        .db
        .read(move |c| load(c, "account_id = ?1", account))
        .await?;
    found.map(Json).ok_or_else(ApiError::not_found)
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
    let checked = bytes.clone();
    let limits = state.config.limits.clone();
    tokio::task::spawn_blocking(move || {
        documents::check_image(DocumentKind::MarriageCertificate, &checked, &limits)
    })
    .await??;
    let sha256 = DocumentStore::new(&state.config.data).put(&bytes).await?;
    let account = session.account_id;
    let now = ms(state.clock.now());
    let change = state
        .db
        .write(move |tx| {
            if let Some(open) = load(tx, "account_id = ?1", account)?
                && open.status == MaritalChangeStatus::Pending
            {
                return Err(ApiError::invalid_state(
                    "已有待审核的婚姻状况变更",
                    "a marital-status change is already under review",
                ));
            }
            tx.execute(
                "INSERT INTO marital_changes (account_id, requested_status, certificate_sha256,
                 status, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    account,
                    wanted.as_str(),
                    sha256,
                    MaritalChangeStatus::Pending.as_str(),
                    now
                ],
            )?;
            load(tx, "id = ?1", tx.last_insert_rowid())?
                .ok_or_else(|| ApiError::internal("change vanished"))
        })
        .await?;
    Ok((StatusCode::ACCEPTED, Json(change)))
}

/// `POST /v1/operator/marital-changes/{id}`: approves (the account changes) or rejects.
async fn decide(
    State(state): State<AppState>,
    _operator: Operator,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<Decision>,
) -> ApiResult<Json<MaritalChange>> {
    let now = ms(state.clock.now());
    let change = state
        .db
        .write(move |tx| {
            let current = load(tx, "id = ?1", id)?.ok_or_else(ApiError::not_found)?;
            if current.status != MaritalChangeStatus::Pending {
                return Err(ApiError::invalid_state("该申请已处理", "already decided"));
            }
            let status = if body.approve {
                MaritalChangeStatus::Approved
            } else {
                MaritalChangeStatus::Rejected
            };
            tx.execute(
                "UPDATE marital_changes SET status = ?1, reason = ?2, decided_at = ?3 WHERE id = ?4",
                params![status.as_str(), body.reason, now, id],
            )?;
            if body.approve {
                tx.execute(
                    "UPDATE accounts SET marital_status = ?1
                     WHERE id = (SELECT account_id FROM marital_changes WHERE id = ?2)",
                    params![current.requested_status.as_str(), id],
                )?;
            }
            load(tx, "id = ?1", id)?.ok_or_else(|| ApiError::internal("change vanished"))
        })
        .await?;
    Ok(Json(change))
}
