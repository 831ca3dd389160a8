//! Published result files served as static content: read once, kept in memory with a strong
//! ETag (SHA-256 of the content) and public cache headers, so a CDN or the client can revalidate
//! with `If-None-Match` and get `304 Not Modified`.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::error::{ApiError, ApiResult};
use crate::hashing::sha256_hex;
use crate::revalidate::names;

/// One cached file.
#[derive(Debug)]
pub struct StaticFile {
    body: Bytes,
    etag: HeaderValue,
    content_type: HeaderValue,
}

/// The cache of published files under `<data>/results`.
#[derive(Debug, Clone)]
pub struct StaticFiles {
    root: PathBuf,
    cache: Arc<RwLock<HashMap<String, Arc<StaticFile>>>>,
}

/// Cache lifetime announced to clients and CDNs (results never change once published).
const CACHE_CONTROL: &str = "public, max-age=300, stale-while-revalidate=60";

/// A safe path segment: letters, digits, `_`, `-`, `.`, not starting with a dot.
fn safe(segment: &str) -> bool {
    !segment.is_empty()
        && !segment.starts_with('.')
        && segment
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
}

fn content_type(name: &str) -> &'static str {
    if name.ends_with(".json") {
        "application/json"
    } else if name.ends_with(".pdf") {
        "application/pdf"
    } else if name.ends_with(".csv") {
        "text/csv; charset=utf-8"
    } else {
        "text/plain; charset=utf-8"
    }
}

impl StaticFiles {
    /// Files under `root`.
    pub fn new(root: PathBuf) -> StaticFiles {
        StaticFiles {
            root,
            cache: Arc::new(RwLock::new(HashMap::new())),
        }
    }

    /// The file `<period>/<name>`, from the cache or the disk.
    pub async fn get(&self, period: &str, name: &str) -> ApiResult<Arc<StaticFile>> {
        if !safe(period) || !safe(name) {
            return Err(ApiError::not_found());
        }
        let key = format!("{period}/{name}");
        if let Some(hit) = self
            .cache
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .get(&key)
        {
            return Ok(hit.clone());
        }
        let bytes = tokio::fs::read(self.root.join(period).join(name))
            .await
            .map_err(|_| ApiError::not_found())?;
        let etag = format!("\"{}\"", sha256_hex(&bytes));
        let file = Arc::new(StaticFile {
            etag: HeaderValue::from_str(&etag).map_err(ApiError::internal)?,
            content_type: HeaderValue::from_static(content_type(name)),
            body: Bytes::from(bytes),
        });
        self.cache
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .insert(key, file.clone());
        Ok(file)
    }

    /// Forgets a period's cached files (after it is published again).
    pub fn invalidate(&self, period: &str) {
        let prefix = format!("{period}/");
        self.cache
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .retain(|k, _| !k.starts_with(&prefix));
    }
}

impl StaticFile {
    /// `304` when `If-None-Match` names this file's ETag, else `200` with the content.
    pub fn respond(&self, request: &HeaderMap) -> Response {
        let matches = names(request.get_all(header::IF_NONE_MATCH), &self.etag);
        let cache = HeaderValue::from_static(CACHE_CONTROL);
        if matches {
            return (
                StatusCode::NOT_MODIFIED,
                [
                    (header::ETAG, self.etag.clone()),
                    (header::CACHE_CONTROL, cache),
                ],
            )
                .into_response();
        }
        (
            [
                (header::ETAG, self.etag.clone()),
                (header::CACHE_CONTROL, cache),
                (header::CONTENT_TYPE, self.content_type.clone()),
            ],
            self.body.clone(),
        )
            .into_response()
    }
}
