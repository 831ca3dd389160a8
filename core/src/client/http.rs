//! The HTTP layer: one `reqwest::Client` with explicit timeouts, bearer tokens, conditional GETs,
//! and retries with backoff and jitter for idempotent calls only.

use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::header::{ETAG, IF_NONE_MATCH, RETRY_AFTER};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;

use super::Clock;
use super::error::{ClientError, from_answer};
use super::redact::redact;
use super::retry::{RetryPolicy, unit_random};
use crate::api::ErrorBody;

/// Timeouts and retry limits of the HTTP layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HttpOptions {
    /// Time to establish a connection.
    pub connect_timeout: Duration,
    /// Time for a whole request, body included.
    pub request_timeout: Duration,
    /// Retries of idempotent calls.
    pub retry: RetryPolicy,
    /// Idle connections kept per host for reuse (0: a new connection per request).
    pub max_idle_connections: usize,
}

impl Default for HttpOptions {
    fn default() -> HttpOptions {
        HttpOptions {
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            retry: RetryPolicy::default(),
            max_idle_connections: 4,
        }
    }
}

/// What a request carries.
#[derive(Debug, Clone)]
pub(crate) enum Payload {
    /// Nothing.
    Empty,
    /// A JSON document.
    Json(serde_json::Value),
    /// One file in the multipart field `file`, with text fields beside it.
    File {
        bytes: Vec<u8>,
        file_name: String,
        mime: &'static str,
        fields: Vec<(String, String)>,
    },
}

/// One call to the portal.
#[derive(Debug, Clone)]
pub(crate) struct Call {
    pub method: Method,
    /// Path under the base URL, starting with `/v1/`.
    pub path: String,
    pub token: Option<String>,
    pub payload: Payload,
    /// An ETag for `If-None-Match`.
    pub etag: Option<String>,
    /// Whether repeating the call has the same effect as making it once (GET, PUT, DELETE).
    pub idempotent: bool,
}

impl Call {
    /// A call of `method` on `path`; GET, PUT and DELETE are idempotent.
    pub fn new(method: Method, path: impl Into<String>) -> Call {
        let idempotent = matches!(method, Method::GET | Method::PUT | Method::DELETE);
        Call {
            method,
            path: path.into(),
            token: None,
            payload: Payload::Empty,
            etag: None,
            idempotent,
        }
    }

    /// With a bearer token.
    pub fn token(mut self, token: Option<String>) -> Call {
        self.token = token;
        self
    }

    /// With a JSON body.
    pub fn json(mut self, body: serde_json::Value) -> Call {
        self.payload = Payload::Json(body);
        self
    }

    /// With a file body (multipart field `file`) and text `fields`.
    pub fn file(
        mut self,
        bytes: Vec<u8>,
        file_name: String,
        mime: &'static str,
        fields: Vec<(String, String)>,
    ) -> Call {
        self.payload = Payload::File {
            bytes,
            file_name,
            mime,
            fields,
        };
        self
    }

    /// Marks the call as not safe to repeat (it consumes a one-time code, or creates something).
    pub fn once(mut self) -> Call {
        self.idempotent = false;
        self
    }

    /// Conditional on the cached `etag`.
    pub fn if_none_match(mut self, etag: Option<String>) -> Call {
        self.etag = etag;
        self
    }
}

/// A successful answer.
#[derive(Debug, Clone)]
pub(crate) struct Reply<T> {
    /// `None` for `304 Not Modified` and `204 No Content`.
    pub value: Option<T>,
    /// The answer's ETag.
    pub etag: Option<String>,
}

/// Why an answer body could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Undecodable {
    /// The body ended early (a connection cut mid-answer): a network failure, retried.
    CutOff,
    /// The body is complete but not the contract's shape: `path` is the field at fault
    /// (`[0].status`, `.` for the whole body) and `message` serde's words, without the value.
    Contract { path: String, message: String },
}

/// How an answer body is read.
pub(crate) trait Decode: Sized {
    fn decode(bytes: &[u8]) -> Result<Self, Undecodable>;
}

/// JSON bodies of the contract ([`crate::api`]).
pub(crate) struct Json<T>(pub T);

impl<T: DeserializeOwned> Decode for Json<T> {
    fn decode(bytes: &[u8]) -> Result<Self, Undecodable> {
        let fault = |path: String, e: &serde_json::Error| {
            if e.is_eof() {
                Undecodable::CutOff
            } else {
                Undecodable::Contract {
                    path,
                    message: redacted_message(e),
                }
            }
        };
        let mut reader = serde_json::Deserializer::from_slice(bytes);
        let value = serde_path_to_error::deserialize(&mut reader)
            .map_err(|e| fault(e.path().to_string(), e.inner()))?;
        reader.end().map_err(|e| fault(".".to_owned(), &e))?;
        Ok(Json(value))
    }
}

/// serde's message without the offending value: `invalid type: string "1101…", expected i64`
/// becomes `invalid type: string, expected i64`, an unknown variant loses its name, and the
/// position goes; values (ID numbers, phones) never reach a log or a screen.
fn redacted_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let text = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(head, _)| head);
    let expected = |rest: &str| {
        rest.split_once(", expected ")
            .map(|(_, exp)| format!(", expected {exp}"))
            .unwrap_or_default()
    };
    let message = if let Some(rest) = text
        .strip_prefix("invalid type: ")
        .or_else(|| text.strip_prefix("invalid value: "))
    {
        let what = if text.starts_with("invalid type") {
            "invalid type"
        } else {
            "invalid value"
        };
        let found = rest.split([' ', ',']).next().unwrap_or_default();
        format!("{what}: {found}{}", expected(rest))
    } else if let Some(rest) = text.strip_prefix("unknown variant ") {
        format!("unknown variant{}", expected(rest))
    } else {
        text.to_owned()
    };
    redact(&message)
}

/// Raw bodies (result files).
pub(crate) struct Raw(pub Vec<u8>);

impl Decode for Raw {
    fn decode(bytes: &[u8]) -> Result<Self, Undecodable> {
        Ok(Raw(bytes.to_vec()))
    }
}

/// The portal connection.
pub(crate) struct Http {
    client: reqwest::Client,
    base: String,
    retry: RetryPolicy,
    clock: Arc<dyn Clock>,
}

/// One attempt's failure, and whether the server asked for a delay.
struct Failure {
    error: ClientError,
    transient: bool,
    retry_after: Option<Duration>,
}

/// How long an idle connection is kept for reuse: under the portal's idle timeout.
const IDLE_CONNECTION: Duration = Duration::from_secs(5);

impl Http {
    /// A connection to `base_url` (no trailing slash needed).
    pub fn new(
        base_url: &str,
        options: HttpOptions,
        clock: Arc<dyn Clock>,
    ) -> Result<Http, ClientError> {
        let client = reqwest::Client::builder()
            .connect_timeout(options.connect_timeout)
            .timeout(options.request_timeout)
            .pool_max_idle_per_host(options.max_idle_connections)
            // Servers close idle keep-alive connections (the portal after 10 s); a connection
            // idle longer than this is not reused, so a request never meets a closing socket.
            .pool_idle_timeout(IDLE_CONNECTION)
            .user_agent(concat!("yaohao-core/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| ClientError::local(format_args!("HTTP client: {e}")))?;
        Ok(Http {
            client,
            base: base_url.trim_end_matches('/').to_owned(),
            retry: options.retry,
            clock,
        })
    }

    /// Sends `call`, retrying transient failures when the call is idempotent, and decodes the
    /// answer; a truncated body counts as a transient failure, a complete body that is not the
    /// contract's shape as a [`ClientError::Contract`] (logged with its field path, not retried).
    pub async fn send<T: Decode>(&self, call: &Call) -> Result<Reply<T>, ClientError> {
        let started = Instant::now();
        let mut attempt = 1;
        loop {
            let failure = match self.once::<T>(call).await {
                Ok(reply) => return Ok(reply),
                Err(failure) => failure,
            };
            let wait = self
                .retry
                .delay(attempt, failure.retry_after, unit_random());
            if !(call.idempotent
                && failure.transient
                && self.retry.allows(attempt, started.elapsed(), wait))
            {
                return Err(failure.error);
            }
            log::debug!(
                "yaohao: retrying {} {} after {:?} (attempt {attempt})",
                call.method,
                redact(&call.path),
                wait
            );
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    async fn once<T: Decode>(&self, call: &Call) -> Result<Reply<T>, Failure> {
        let network = |error: reqwest::Error| {
            log::debug!("yaohao: {} {}: {error}", call.method, redact(&call.path));
            Failure {
                error: ClientError::network(),
                transient: true,
                retry_after: None,
            }
        };
        let mut request = self
            .client
            .request(call.method.clone(), format!("{}{}", self.base, call.path));
        if let Some(token) = &call.token {
            request = request.bearer_auth(token);
        }
        if let Some(etag) = &call.etag {
            request = request.header(IF_NONE_MATCH, etag);
        }
        request = match &call.payload {
            Payload::Empty => request,
            Payload::Json(body) => request.json(body),
            Payload::File {
                bytes,
                file_name,
                mime,
                fields,
            } => {
                let part = reqwest::multipart::Part::bytes(bytes.clone())
                    .file_name(file_name.clone())
                    .mime_str(mime)
                    .map_err(network)?;
                let form = fields
                    .iter()
                    .fold(reqwest::multipart::Form::new(), |form, (name, value)| {
                        form.text(name.clone(), value.clone())
                    });
                request.multipart(form.part("file", part))
            }
        };
        let response = request.send().await.map_err(network)?;
        let status = response.status();
        let header = |name| {
            response
                .headers()
                .get(name)
                .and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok())
                .map(str::to_owned)
        };
        let etag = header(ETAG);
        let retry_after = header(RETRY_AFTER).and_then(|v| v.trim().parse::<u64>().ok());
        let bytes = response.bytes().await.map_err(network)?;
        log::debug!(
            "yaohao: {} {} -> {}",
            call.method,
            redact(&call.path),
            status.as_u16()
        );
        if status == StatusCode::NOT_MODIFIED || status == StatusCode::NO_CONTENT {
            return Ok(Reply { value: None, etag });
        }
        if status.is_success() {
            return match T::decode(&bytes) {
                Ok(value) => Ok(Reply {
                    value: Some(value),
                    etag,
                }),
                Err(Undecodable::CutOff) => Err(Failure {
                    error: ClientError::garbled(),
                    transient: true,
                    retry_after: None,
                }),
                Err(Undecodable::Contract { path, message }) => {
                    let endpoint = format!("{} {}", call.method, redact(&call.path));
                    log::error!(
                        "yaohao: contract error: {endpoint} answered {}: at {path}: {message}",
                        status.as_u16()
                    );
                    Err(Failure {
                        error: ClientError::contract(endpoint, path, message),
                        transient: false,
                        retry_after: None,
                    })
                }
            };
        }
        // An error answer that is not an `ErrorBody` is judged by its status alone.
        let body: Option<ErrorBody> = serde_json::from_slice(&bytes).ok();
        let error = from_answer(status.as_u16(), body, retry_after, self.clock.now());
        let transient = matches!(error, ClientError::Server { .. })
            && matches!(status.as_u16(), 500 | 502 | 503 | 504);
        Err(Failure {
            error,
            transient,
            retry_after: retry_after.map(Duration::from_secs),
        })
    }
}

#[cfg(test)]
mod decode_tests {
    use super::*;
    use crate::api::{Account, DocumentKind};

    fn contract<T: DeserializeOwned>(body: &str) -> (String, String) {
        match Json::<T>::decode(body.as_bytes()) {
            Err(Undecodable::Contract { path, message }) => (path, message),
            Err(Undecodable::CutOff) => panic!("cut off: {body}"),
            Ok(_) => panic!("decoded: {body}"),
        }
    }

    #[test]
    fn faults_name_the_field_and_never_the_value() {
        let (path, message) = contract::<Account>(
            r#"{"id":1,"resident_id":"11010519491231002X","name":"张三","mobile":13800138000,
               "marital_status":"married","created_at":"2026-01-01T00:00:00Z"}"#,
        );
        assert_eq!(path, "mobile");
        assert_eq!(message, "invalid type: integer, expected a string");
        let (path, message) = contract::<Vec<DocumentKind>>(r#"["id_front","110105199001011232"]"#);
        assert_eq!(path, "[1]");
        assert!(
            message.starts_with("unknown variant, expected one of"),
            "{message}"
        );
        assert!(!message.contains("110105"), "{message}");
        let (path, message) = contract::<Vec<DocumentKind>>(r#"["id_front"] x"#);
        assert_eq!(
            (path.as_str(), message.as_str()),
            (".", "trailing characters")
        );
    }

    #[test]
    fn a_cut_off_body_is_a_network_fault() {
        assert_eq!(
            Json::<Vec<DocumentKind>>::decode(br#"["id_front","id_b"#).err(),
            Some(Undecodable::CutOff)
        );
    }
}
