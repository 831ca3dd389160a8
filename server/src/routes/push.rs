//! Device registration and the `dev` provider's event stream.

use std::convert::Infallible;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::routing::{delete, get};
use axum::{Json, Router};
use futures_util::Stream;
use rusqlite::{Connection, params};
use serde::Deserialize;

use crate::auth::operator::Operator;
use crate::auth::session::{self, Session};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::state::AppState;
use crate::time::ms;
use yaohao_core::api::{Device, NewDevice, Provider, PushOutboxEntry, PushStatus};

/// The routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/me/devices", get(list).post(register))
        .route("/v1/me/devices/{id}", delete(remove))
        .route("/v1/me/push/stream", get(stream))
        .route("/v1/operator/push-outbox", get(outbox))
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
                created_at: crate::time::at(at),
            });
        }
    }
    Ok(out)
}

async fn list(State(state): State<AppState>, session: Session) -> ApiResult<Json<Vec<Device>>> {
    let account = session.account_id;
    Ok(Json(state.db.read(move |c| devices(c, account)).await?))
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

/// Whether the session of `token_hash` still admits `account` and `device` is still its `dev`
/// device (a logout, a newer login, expiry or the token moving to another account end a stream).
async fn stream_allowed(
    state: &AppState,
    token_hash: &str,
    account: i64,
    device: &str,
) -> ApiResult<bool> {
    let now = state.clock.now();
    let (hash, token) = (token_hash.to_owned(), device.to_owned());
    let (session, owned) = state
        .db
        .read(move |c| {
            let owned = c.query_row(
                "SELECT EXISTS(SELECT 1 FROM devices WHERE account_id = ?1 AND provider = 'dev'
                 AND token = ?2)",
                params![account, token],
                |r| r.get::<_, bool>(0),
            )?;
            Ok((session::row(c, &hash)?, owned))
        })
        .await?;
    let live = session::admit(session.as_ref(), now).is_ok_and(|s| s.account_id == account);
    Ok(live && owned)
}

/// Whether `application` is `account`'s: a notification is only ever shown to its owner.
async fn owns_application(state: &AppState, account: i64, application: i64) -> bool {
    state
        .db
        .read(move |c| {
            Ok(c.query_row(
                "SELECT EXISTS(SELECT 1 FROM applications WHERE id = ?1 AND account_id = ?2)",
                params![application, account],
                |r| r.get::<_, bool>(0),
            )?)
        })
        .await
        .unwrap_or(false)
}

/// An open event stream: what it re-checks while it lives.
struct Subscription {
    state: AppState,
    token_hash: String,
    account: i64,
    device: String,
    receiver: tokio::sync::broadcast::Receiver<crate::push::Notification>,
    recheck: tokio::time::Interval,
}

impl Subscription {
    /// The next event for the stream, or `None` when it must end: the session or the device
    /// no longer admits it (checked every `push_recheck` and before each event) or the hub closed.
    async fn next(&mut self) -> Option<Event> {
        use tokio::sync::broadcast::error::RecvError;
        loop {
            tokio::select! {
                _ = self.recheck.tick() => {
                    if !self.allowed().await {
                        return None;
                    }
                }
                received = self.receiver.recv() => match received {
                    Ok(n) => {
                        if !self.allowed().await {
                            return None;
                        }
                        if !owns_application(&self.state, self.account, n.application_id).await {
                            continue;
                        }
                        let data = serde_json::to_string(&n).unwrap_or_default();
                        return Some(
                            Event::default()
                                .event("result")
                                .id(n.idempotency_key)
                                .data(data),
                        );
                    }
                    Err(RecvError::Lagged(_)) => continue,
                    Err(RecvError::Closed) => return None,
                },
            }
        }
    }

    async fn allowed(&self) -> bool {
        stream_allowed(&self.state, &self.token_hash, self.account, &self.device)
            .await
            .unwrap_or(false)
    }
}

/// `GET /v1/me/push/stream?device=<token>`: server-sent events (`event: result`, JSON data) for
/// one of the session's `dev` devices. The stream ends when the session ends (logout, a login
/// elsewhere, expiry) or the device leaves the account.
async fn stream(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    ApiQuery(query): ApiQuery<StreamQuery>,
) -> ApiResult<Sse<impl Stream<Item = Result<Event, Infallible>>>> {
    let token_hash = session::bearer_hash(&headers)?;
    let account = session.account_id;
    if !stream_allowed(&state, &token_hash, account, &query.device).await? {
        return Err(ApiError::not_found());
    }
    let receiver = state.dev_push.subscribe(&query.device);
    let period = state.config.limits.push_recheck;
    let mut recheck = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
    recheck.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let subscription = Subscription {
        state,
        token_hash,
        account,
        device: query.device,
        receiver,
        recheck,
    };
    let events = futures_util::stream::unfold(subscription, |mut s| async move {
        let event = s.next().await?;
        Some((Ok(event), s))
    });
    Ok(Sse::new(events).keep_alive(KeepAlive::default()))
}

/// `GET /v1/operator/push-outbox`: the push outbox.
async fn outbox(
    State(state): State<AppState>,
    _operator: Operator,
) -> ApiResult<Json<Vec<PushOutboxEntry>>> {
    let rows = state
        .db
        .read(|c| {
            let mut stmt = c.prepare(
                "SELECT idempotency_key, account_id, won, status, attempts, last_error
                 FROM push_outbox ORDER BY id",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok(PushOutboxEntry {
                    idempotency_key: r.get(0)?,
                    account_id: r.get(1)?,
                    won: r.get(2)?,
                    status: PushStatus::from(r.get::<_, String>(3)?),
                    attempts: r.get(4)?,
                    last_error: r.get(5)?,
                })
            })?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .await?;
    Ok(Json(rows))
}
