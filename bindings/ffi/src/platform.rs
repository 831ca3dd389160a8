//! Platform services the app passes in: the secret store (Keystore / Keychain) and, for tests, a
//! clock. Both are foreign traits adapted to the core's traits.

use crate::records::Instant;
use std::sync::Arc;
use yaohao_core::client::Clock as CoreClock;
use yaohao_core::secrets::{SecretError, SecretStore as CoreSecretStore};

/// Failure reported by the app's secret store.
#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum SecretStoreError {
    /// The vault is locked or unavailable (e.g. before first unlock).
    #[error("{reason}")]
    Unavailable {
        /// What the platform said.
        reason: String,
    },
}

impl From<uniffi::UnexpectedUniFFICallbackError> for SecretStoreError {
    fn from(e: uniffi::UnexpectedUniFFICallbackError) -> Self {
        SecretStoreError::Unavailable { reason: e.reason }
    }
}

/// Where the session token lives: Android Keystore, iOS Keychain, or the desktop keyring.
#[uniffi::export(with_foreign)]
pub trait SecretStore: Send + Sync {
    /// The value under `key`, if any.
    fn get(&self, key: String) -> Result<Option<String>, SecretStoreError>;
    /// Stores `value` under `key`, replacing any previous value.
    fn set(&self, key: String, value: String) -> Result<(), SecretStoreError>;
    /// Removes `key`; a missing key is not an error.
    fn delete(&self, key: String) -> Result<(), SecretStoreError>;
}

/// A clock the app may pass in (tests move it; apps use the system clock).
#[uniffi::export(with_foreign)]
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> Instant;
}

/// Adapts the foreign secret store to the core's trait.
pub(crate) struct ForeignSecrets(pub Arc<dyn SecretStore>);

impl CoreSecretStore for ForeignSecrets {
    fn get(&self, key: String) -> Result<Option<String>, SecretError> {
        self.0.get(key).map_err(unavailable)
    }
    fn set(&self, key: String, value: String) -> Result<(), SecretError> {
        self.0.set(key, value).map_err(unavailable)
    }
    fn delete(&self, key: String) -> Result<(), SecretError> {
        self.0.delete(key).map_err(unavailable)
    }
}

fn unavailable(e: SecretStoreError) -> SecretError {
    SecretError::Unavailable {
        message: e.to_string(),
    }
}

/// Adapts the foreign clock to the core's trait.
pub(crate) struct ForeignClock(pub Arc<dyn Clock>);

impl CoreClock for ForeignClock {
    fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.now()
    }
}
