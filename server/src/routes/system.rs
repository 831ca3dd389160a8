//! Public system endpoints: health and the portal clock.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;

use crate::routes::operator::{ClockView, clock_view};
use crate::state::AppState;

/// The system routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/health", get(health))
        .route("/v1/clock", get(clock))
}

#[derive(Debug, Serialize)]
struct Health {
    status: &'static str,
}

/// `GET /v1/health`.
async fn health() -> Json<Health> {
    Json(Health { status: "ok" })
}

/// `GET /v1/clock`: the portal's current instant (simulated or not).
async fn clock(State(state): State<AppState>) -> Json<ClockView> {
    Json(clock_view(&state))
}
