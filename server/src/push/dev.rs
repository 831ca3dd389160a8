//! The `dev` provider: notifications go to server-sent event streams that clients subscribe to
//! with their dev device token (`GET /v1/me/push/stream?device=<token>`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::broadcast;

use super::{Notification, PushError, PushProvider, Target};
use crate::sms::BoxFuture;

/// Buffered notifications per subscriber.
const CAPACITY: usize = 64;

/// Channels of the dev provider, one per device token.
#[derive(Clone, Default)]
pub struct DevHub {
    channels: Arc<Mutex<HashMap<String, broadcast::Sender<Notification>>>>,
}

impl DevHub {
    /// Subscribes to the notifications of device `token`.
    pub fn subscribe(&self, token: &str) -> broadcast::Receiver<Notification> {
        let mut channels = self.channels.lock().unwrap_or_else(|p| p.into_inner());
        channels.retain(|_, sender| sender.receiver_count() > 0);
        channels
            .entry(token.to_owned())
            .or_insert_with(|| broadcast::channel(CAPACITY).0)
            .subscribe()
    }
}

impl PushProvider for DevHub {
    fn send<'a>(
        &'a self,
        device: &'a Target,
        notification: &'a Notification,
    ) -> BoxFuture<'a, Result<(), PushError>> {
        Box::pin(async move {
            let sender = self
                .channels
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .get(&device.token)
                .cloned();
            let delivered = sender.is_some_and(|s| s.send(notification.clone()).is_ok());
            if delivered {
                Ok(())
            } else {
                Err(PushError::retry(format!(
                    "no dev subscriber for device {}",
                    device.token
                )))
            }
        })
    }
}
