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
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;

use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;

/// Every answer says `X-Content-Type-Options: nosniff`: a browser takes an uploaded document
/// (a PNG with HTML appended) or a result file for the type it is served as, never sniffs.
async fn nosniff(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// Every route of the portal.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(system::router())
        .merge(accounts::router())
        .merge(applications::router(&state.config.limits))
        .merge(operator::router())
        .merge(periods::router())
        .merge(info::router())
        .merge(marital::router())
        .merge(push::router())
        .fallback(|| async {
            ApiError::new(
                StatusCode::NOT_FOUND,
                ErrorCode::UnknownRoute,
                "没有这个接口",
                "no such endpoint",
            )
        })
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                ErrorCode::MethodNotAllowed,
                "不支持该请求方法",
                "method not allowed",
            )
        })
        .layer(axum::middleware::from_fn(crate::revalidate::revalidate))
        .layer(axum::middleware::map_response(nosniff))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::limits::request_timeout,
        ))
        .with_state(state)
}
