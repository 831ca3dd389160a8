//! Public system endpoints: health and the portal clock.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use yaohao_core::api::{Clock, Health};

use crate::services::operator::clock_view;
use crate::state::AppState;

/// The system routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/health", get(health))
        .route("/v1/clock", get(clock))
}

/// `GET /v1/health`.
async fn health() -> Json<Health> {
    Json(Health::default())
}

/// `GET /v1/clock`: the portal's current instant (simulated or not).
async fn clock(State(state): State<AppState>) -> Json<Clock> {
    Json(clock_view(&state))
}
