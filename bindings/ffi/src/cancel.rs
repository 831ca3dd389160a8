//! Explicit cancellation of long calls: cancellation does not cross the FFI on its own, so the app
//! passes a token and cancels it.

use crate::YaohaoError;
use std::future::Future;
use tokio::sync::watch;

/// A token the app cancels to stop a long call (refresh, result check, sync) early.
#[derive(uniffi::Object)]
pub struct CancelToken {
    sender: watch::Sender<bool>,
}

#[uniffi::export]
impl CancelToken {
    /// A token not yet cancelled.
    #[uniffi::constructor]
    pub fn new() -> Self {
        CancelToken {
            sender: watch::channel(false).0,
        }
    }

    /// Cancels every call running with this token; calls started later stop at once.
    pub fn cancel(&self) {
        self.sender.send_replace(true);
    }

    /// Whether `cancel` was called.
    pub fn is_cancelled(&self) -> bool {
        *self.sender.borrow()
    }
}

impl Default for CancelToken {
    fn default() -> Self {
        CancelToken::new()
    }
}

impl CancelToken {
    /// Runs `work` until it finishes or the token is cancelled.
    pub(crate) async fn run<T>(
        token: Option<&CancelToken>,
        work: impl Future<Output = Result<T, YaohaoError>>,
    ) -> Result<T, YaohaoError> {
        let Some(token) = token else {
            return work.await;
        };
        let mut cancelled = token.sender.subscribe();
        tokio::select! {
            result = work => result,
            _ = cancelled.wait_for(|c| *c) => Err(YaohaoError::Cancelled),
        }
    }
}
