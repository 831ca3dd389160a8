//! Public system endpoints: health, the portal clock and the policy it runs.

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
        .route("/v1/policy", get(policy))
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

#[derive(Debug, Serialize)]
struct PolicyView {
    name: String,
}

/// `GET /v1/policy`: the policy regime the portal runs, so clients follow it.
// SEAM(core::policy): the regime's rules and calendar join this answer once the policy module lands.
async fn policy(State(state): State<AppState>) -> Json<PolicyView> {
    Json(PolicyView {
        name: state.config.policy.clone(),
    })
}
