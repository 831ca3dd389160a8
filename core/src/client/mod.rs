//! Talking to the portal: the boundary error [`ClientError`], the [`Clock`], and the HTTP layer
//! (timeouts, bearer tokens, ETags, retries with backoff and jitter for idempotent calls only).

mod clock;
mod error;
pub(crate) mod http;
pub mod redact;
pub mod retry;

pub use clock::{Clock, SystemClock, TestClock};
pub use error::ClientError;
pub use http::HttpOptions;
pub use retry::RetryPolicy;
