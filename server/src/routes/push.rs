//! Device registration and the `dev` provider's event stream.

use std::convert::Infallible;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::routing::{delete, get};
use axum::{Json, Router};
use futures_util::Stream;
use serde::Deserialize;

use crate::auth::operator::Operator;
use crate::auth::session::{self, Session};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::services::devices::{self, owns_application, stream_allowed};
use crate::state::AppState;
use yaohao_core::api::{Device, NewDevice, PushOutboxEntry, VapidKey};

/// The routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/me/devices", get(list).post(register))
        .route("/v1/me/devices/{id}", delete(remove))
        .route("/v1/me/push/stream", get(stream))
        .route("/v1/push/vapid", get(vapid))
        .route("/v1/operator/push-outbox", get(outbox))
}

/// `GET /v1/me/devices`.
async fn list(State(state): State<AppState>, session: Session) -> ApiResult<Json<Vec<Device>>> {
    Ok(Json(devices::list(&state, session.account_id).await?))
}

/// `POST /v1/me/devices`: registers a device token; a token moves to the account registering it.
async fn register(
    State(state): State<AppState>,
    session: Session,
    ApiJson(body): ApiJson<NewDevice>,
) -> ApiResult<(StatusCode, Json<Vec<Device>>)> {
    let list = devices::register(&state, session.account_id, body).await?;
    Ok((StatusCode::CREATED, Json(list)))
}

/// `GET /v1/push/vapid`: the VAPID public key Web Push subscriptions are made with (404 when
/// the portal has none).
async fn vapid(State(state): State<AppState>) -> ApiResult<Json<VapidKey>> {
    Ok(Json(devices::vapid_key(&state)?))
}

/// `DELETE /v1/me/devices/{id}`.
async fn remove(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    devices::remove(&state, session.account_id, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize)]
struct StreamQuery {
    device: String,
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
    Ok(Json(devices::outbox(&state).await?))
}
