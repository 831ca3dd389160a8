//! The HTTP API, versioned under `/v1`; unknown paths and methods answer JSON errors too.

pub mod accounts;
pub mod applications;
pub mod info;
pub mod marital;
pub mod operator;
pub mod periods;
pub mod push;
pub mod system;

use axum::Router;
use axum::http::StatusCode;

use crate::error::ApiError;
use crate::state::AppState;

/// Every route of the portal.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(system::router())
        .merge(accounts::router())
        .merge(applications::router())
        .merge(operator::router())
        .merge(periods::router())
        .merge(info::router())
        .merge(marital::router())
        .merge(push::router())
        .fallback(|| async {
            ApiError::new(
                StatusCode::NOT_FOUND,
                "unknown_route",
                "没有这个接口",
                "no such endpoint",
            )
        })
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "不支持该请求方法",
                "method not allowed",
            )
        })
        .layer(axum::middleware::from_fn(crate::revalidate::revalidate))
        .with_state(state)
}
