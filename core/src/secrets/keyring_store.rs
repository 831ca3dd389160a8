//! The desktop keyring (macOS Keychain, Windows Credential Manager, Linux kernel keyutils).

use super::{SecretError, SecretStore};

/// Secrets in the operating system's keyring, under one service name.
#[derive(Debug, Clone)]
pub struct KeyringSecretStore {
    service: String,
}

impl KeyringSecretStore {
    /// A store whose entries are named `service` / key.
    pub fn new(service: impl Into<String>) -> KeyringSecretStore {
        KeyringSecretStore {
            service: service.into(),
        }
    }

    fn entry(&self, key: &str) -> Result<keyring::Entry, SecretError> {
        keyring::Entry::new(&self.service, key).map_err(unavailable)
    }
}

fn unavailable(e: keyring::Error) -> SecretError {
    SecretError::Unavailable {
        message: e.to_string(),
    }
}

impl SecretStore for KeyringSecretStore {
    fn get(&self, key: String) -> Result<Option<String>, SecretError> {
        match self.entry(&key)?.get_password() {
            Ok(value) => Ok(Some(value)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(unavailable(e)),
        }
    }

    fn set(&self, key: String, value: String) -> Result<(), SecretError> {
        self.entry(&key)?.set_password(&value).map_err(unavailable)
    }

    fn delete(&self, key: String) -> Result<(), SecretError> {
        match self.entry(&key)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(unavailable(e)),
        }
    }
}
