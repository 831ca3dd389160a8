//! The HTTP API, versioned under `/v1`; unknown paths and methods answer JSON errors too.

pub mod accounts;
pub mod applications;
pub mod changes;
pub mod info;
pub mod operator;
pub mod periods;
pub mod privacy;
pub mod push;
pub mod system;

use std::time::Instant;

use axum::Router;
use axum::extract::{MatchedPath, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

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

/// Runs a request inside a span (method and route template, never the path with its ids) and
/// logs its status and latency: at `debug`, or `warn` for a server error.
async fn log_request(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", MatchedPath::as_str)
        .to_owned();
    let span = tracing::info_span!("request", method = %request.method(), route = %route);
    let started = Instant::now();
    let response = next.run(request).instrument(span.clone()).await;
    let status = response.status().as_u16();
    let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
    span.in_scope(|| {
        if response.status().is_server_error() {
            tracing::warn!(status, latency_ms, "answered");
        } else {
            tracing::debug!(status, latency_ms, "answered");
        }
    });
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
        .merge(changes::router())
        .merge(privacy::router())
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
        .layer(axum::middleware::from_fn(log_request))
        .with_state(state)
}
