//! Where session tokens live: a [`SecretStore`] the app passes in (Android Keystore, iOS Keychain,
//! the desktop keyring), never the SQLite cache.

use std::collections::HashMap;
use std::sync::Mutex;

/// A secret store failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    /// The platform vault could not be used (locked, missing, denied).
    #[error("secret store unavailable: {message}")]
    Unavailable {
        /// What the platform said.
        message: String,
    },
}

/// A key-value vault for secrets. Implemented by the apps over the platform vault.
pub trait SecretStore: Send + Sync {
    /// The secret stored under `key`, if any.
    fn get(&self, key: String) -> Result<Option<String>, SecretError>;
    /// Stores `value` under `key`, replacing any previous value.
    fn set(&self, key: String, value: String) -> Result<(), SecretError>;
    /// Removes `key`; removing a missing key is not an error.
    fn delete(&self, key: String) -> Result<(), SecretError>;
}

/// Secrets held in memory only (tests, and sessions that must not outlive the process).
#[derive(Debug, Default)]
pub struct MemorySecretStore {
    values: Mutex<HashMap<String, String>>,
}

impl MemorySecretStore {
    /// An empty store.
    pub fn new() -> MemorySecretStore {
        MemorySecretStore::default()
    }

    fn values(&self) -> std::sync::MutexGuard<'_, HashMap<String, String>> {
        // A poisoned map is still a valid map: keep using it.
        self.values.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl SecretStore for MemorySecretStore {
    fn get(&self, key: String) -> Result<Option<String>, SecretError> {
        Ok(self.values().get(&key).cloned())
    }

    fn set(&self, key: String, value: String) -> Result<(), SecretError> {
        self.values().insert(key, value);
        Ok(())
    }

    fn delete(&self, key: String) -> Result<(), SecretError> {
        self.values().remove(&key);
        Ok(())
    }
}

#[cfg(feature = "desktop-keyring")]
mod keyring_store;
#[cfg(feature = "desktop-keyring")]
pub use keyring_store::KeyringSecretStore;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_store_sets_replaces_and_deletes() {
        let store = MemorySecretStore::new();
        assert_eq!(store.get("a".into()), Ok(None));
        store.set("a".into(), "1".into()).unwrap();
        store.set("a".into(), "2".into()).unwrap();
        assert_eq!(store.get("a".into()), Ok(Some("2".into())));
        store.delete("a".into()).unwrap();
        store.delete("a".into()).unwrap();
        assert_eq!(store.get("a".into()), Ok(None));
    }
}
