//! Conditional GETs for the JSON API: every `200` JSON answer to a GET carries an ETag (SHA-256
//! of the body) and a request naming it in `If-None-Match` gets `304` without the body, so the
//! client's `refresh()` costs a round trip and no transfer when nothing changed. Static result
//! files set their own ETag and are left alone, as is the event stream.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::hashing::sha256_hex;

/// Whether `If-None-Match` in `request` names `etag` (or `*`); weak tags compare by their value.
pub fn names(request: &HeaderMap, etag: &HeaderValue) -> bool {
    request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|tag| {
            let tag = tag.trim();
            tag == "*" || tag.trim_start_matches("W/").as_bytes() == etag.as_bytes()
        })
}

/// The middleware: tags JSON answers to GETs and answers `304` when the client's copy is current.
pub async fn revalidate(request: Request, next: Next) -> Response {
    if request.method() != Method::GET {
        return next.run(request).await;
    }
    let conditions = request.headers().clone();
    let response = next.run(request).await;
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if response.status() != StatusCode::OK
        || !is_json
        || response.headers().contains_key(header::ETAG)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(e) => return ApiError::internal(e).into_response(),
    };
    let Ok(etag) = HeaderValue::from_str(&format!("\"{}\"", sha256_hex(&bytes))) else {
        return ApiError::internal("unrepresentable etag").into_response();
    };
    if names(&conditions, &etag) {
        parts.status = StatusCode::NOT_MODIFIED;
        parts.headers.remove(header::CONTENT_TYPE);
        parts.headers.remove(header::CONTENT_LENGTH);
        parts.headers.insert(header::ETAG, etag);
        return Response::from_parts(parts, Body::empty());
    }
    parts.headers.insert(header::ETAG, etag);
    Response::from_parts(parts, Body::from(bytes))
}
