//! Device registration and the `dev` provider's event stream.

use std::convert::Infallible;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::routing::{delete, get};
use axum::{Json, Router};
use futures_util::Stream;
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

use crate::auth::operator::Operator;
use crate::auth::session::Session;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::push::Provider;
use crate::state::AppState;
use crate::time::{iso, ms};

/// The routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/me/devices", get(list).post(register))
        .route("/v1/me/devices/{id}", delete(remove))
        .route("/v1/me/push/stream", get(stream))
        .route("/v1/operator/push-outbox", get(outbox))
}

/// A registered device.
#[derive(Debug, Clone, Serialize)]
pub struct Device {
    id: i64,
    provider: Provider,
    token: String,
    created_at: String,
}

fn devices(conn: &Connection, account: i64) -> ApiResult<Vec<Device>> {
    let mut stmt = conn.prepare(
        "SELECT id, provider, token, created_at FROM devices WHERE account_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([account], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, i64>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, provider, token, at) = row?;
        if let Some(provider) = Provider::parse(&provider) {
            out.push(Device {
                id,
                provider,
                token,
                created_at: iso(at),
            });
        }
    }
    Ok(out)
}

async fn list(State(state): State<AppState>, session: Session) -> ApiResult<Json<Vec<Device>>> {
    let account = session.account_id;
    Ok(Json(state.db.read(move |c| devices(c, account)).await?))
}

#[derive(Debug, Deserialize)]
struct NewDevice {
    provider: Provider,
    token: String,
}

/// `POST /v1/me/devices`: registers a device token; a token moves to the account registering it.
async fn register(
    State(state): State<AppState>,
    session: Session,
    ApiJson(body): ApiJson<NewDevice>,
) -> ApiResult<(StatusCode, Json<Vec<Device>>)> {
    let token = body.token.trim().to_owned();
    if token.is_empty() || token.len() > 4096 {
        return Err(ApiError::invalid(
            "token",
            "设备令牌无效",
            "invalid device token",
        ));
    }
    let account = session.account_id;
    let now = ms(state.clock.now());
    let list = state
        .db
        .write(move |tx| {
            tx.execute(
                "INSERT INTO devices (account_id, provider, token, created_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(provider, token) DO UPDATE SET account_id = excluded.account_id",
                params![account, body.provider.as_str(), token, now],
            )?;
            devices(tx, account)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(list)))
}

/// `DELETE /v1/me/devices/{id}`.
async fn remove(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    let account = session.account_id;
    let deleted = state
        .db
        .write(move |tx| {
            Ok(tx.execute(
                "DELETE FROM devices WHERE id = ?1 AND account_id = ?2",
                params![id, account],
            )?)
        })
        .await?;
    if deleted == 0 {
        Err(ApiError::not_found())
    } else {
        Ok(StatusCode::NO_CONTENT)
    }
}

#[derive(Debug, Deserialize)]
struct StreamQuery {
    device: String,
}

/// `GET /v1/me/push/stream?device=<token>`: server-sent events (`event: result`, JSON data) for
/// one of the session's `dev` devices.
async fn stream(
    State(state): State<AppState>,
    session: Session,
    ApiQuery(query): ApiQuery<StreamQuery>,
) -> ApiResult<Sse<impl Stream<Item = Result<Event, Infallible>>>> {
    let account = session.account_id;
    let token = query.device.clone();
    let owned = state
        .db
        .read(move |c| {
            Ok(c.query_row(
                "SELECT EXISTS(SELECT 1 FROM devices WHERE account_id = ?1 AND provider = 'dev'
                 AND token = ?2)",
                params![account, token],
                |r| r.get::<_, bool>(0),
            )?)
        })
        .await?;
    if !owned {
        return Err(ApiError::not_found());
    }
    let receiver = state.dev_push.subscribe(&query.device);
    let events = futures_util::stream::unfold(receiver, |mut receiver| async move {
        loop {
            match receiver.recv().await {
                Ok(n) => {
                    let data = serde_json::to_string(&n).unwrap_or_default();
                    let event = Event::default()
                        .event("result")
                        .id(n.idempotency_key)
                        .data(data);
                    return Some((Ok(event), receiver));
                }
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    Ok(Sse::new(events).keep_alive(KeepAlive::default()))
}

/// One outbox row, for the operator.
#[derive(Debug, Serialize)]
struct OutboxRow {
    idempotency_key: String,
    account_id: i64,
    won: bool,
    status: String,
    attempts: i64,
    last_error: Option<String>,
}

/// `GET /v1/operator/push-outbox`: the push outbox.
async fn outbox(
    State(state): State<AppState>,
    _operator: Operator,
) -> ApiResult<Json<Vec<OutboxRow>>> {
    let rows = state
        .db
        .read(|c| {
            let mut stmt = c.prepare(
                "SELECT idempotency_key, account_id, won, status, attempts, last_error
                 FROM push_outbox ORDER BY id",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok(OutboxRow {
                    idempotency_key: r.get(0)?,
                    account_id: r.get(1)?,
                    won: r.get(2)?,
                    status: r.get(3)?,
                    attempts: r.get(4)?,
                    last_error: r.get(5)?,
                })
            })?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .await?;
    Ok(Json(rows))
}
