//! Conditional GETs for the JSON API: every `200` JSON answer to a GET carries an ETag (SHA-256
//! of the body) and a request naming it in `If-None-Match` gets `304` without the body, so the
//! client's `refresh()` costs a round trip and no transfer when nothing changed. Static result
//! files set their own ETag and are left alone, as is the event stream, and so are answers kept in
//! memory with their tag ([`TaggedJson`]).

use axum::body::{Body, Bytes, to_bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::{ApiError, ApiResult};
use crate::hashing::sha256_hex;

/// Whether the `If-None-Match` values `tags` name `etag` (or `*`); weak tags compare by their
/// value.
pub fn names<'a>(tags: impl IntoIterator<Item = &'a HeaderValue>, etag: &HeaderValue) -> bool {
    tags.into_iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|tag| {
            let tag = tag.trim();
            tag == "*" || tag.trim_start_matches("W/").as_bytes() == etag.as_bytes()
        })
}

/// The ETag of a body: its SHA-256, quoted.
fn etag_of(body: &[u8]) -> ApiResult<HeaderValue> {
    HeaderValue::from_str(&format!("\"{}\"", sha256_hex(body)))
        .map_err(|_| ApiError::internal("unrepresentable etag"))
}

/// A JSON body with its ETag computed once, for answers kept in memory.
#[derive(Debug, Clone)]
pub struct TaggedJson {
    body: Bytes,
    etag: HeaderValue,
}

impl TaggedJson {
    /// Tags `body`.
    pub fn new(body: Bytes) -> ApiResult<TaggedJson> {
        Ok(TaggedJson {
            etag: etag_of(&body)?,
            body,
        })
    }

    /// `304` when `request`'s `If-None-Match` names this body, else `200` with it.
    pub fn respond(&self, request: &HeaderMap) -> Response {
        if names(request.get_all(header::IF_NONE_MATCH), &self.etag) {
            return (
                StatusCode::NOT_MODIFIED,
                [(header::ETAG, self.etag.clone())],
            )
                .into_response();
        }
        (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json"),
                ),
                (header::ETAG, self.etag.clone()),
            ],
            self.body.clone(),
        )
            .into_response()
    }
}

/// The middleware: tags JSON answers to GETs and answers `304` when the client's copy is current.
pub async fn revalidate(request: Request, next: Next) -> Response {
    if request.method() != Method::GET {
        return next.run(request).await;
    }
    // Only the conditions are kept (most requests have none: no allocation).
    let conditions: Vec<HeaderValue> = request
        .headers()
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .cloned()
        .collect();
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
    let etag = match etag_of(&bytes) {
        Ok(etag) => etag,
        Err(e) => return e.into_response(),
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
