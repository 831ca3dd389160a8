//! Where the session token lives: the operating system's keyring while it works; otherwise (no
//! keyring, or it fails at any point) a file-less session that ends with the process, announced,
//! which scripts carry over in `YAOHAO_SESSION` (`eval "$(yaohao login … --session-env)"`).

use std::sync::{Arc, Mutex};

use serde::Serialize;
use yaohao_core::facade::SESSION_KEY;
use yaohao_core::secrets::{KeyringSecretStore, MemorySecretStore, SecretError, SecretStore};

/// A session token handed over by a script (skips the keyring).
pub const SESSION_ENV: &str = "YAOHAO_SESSION";
/// `off` forces the file-less session even where a keyring exists.
pub const KEYRING_ENV: &str = "YAOHAO_KEYRING";

/// Which store holds the session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum StoreKind {
    /// The OS keyring: the login is kept between runs.
    Keyring,
    /// The token came from `YAOHAO_SESSION`.
    SessionEnv,
    /// In memory only: the login ends with this process.
    Memory {
        /// Why the keyring is not used.
        reason: String,
    },
}

/// The keyring, falling back to memory for good at its first failure.
pub struct Secrets {
    keyring: Option<KeyringSecretStore>,
    memory: MemorySecretStore,
    from_env: bool,
    /// Why the keyring is not (or no longer) used.
    fallback: Mutex<Option<String>>,
}

impl Secrets {
    /// Picks the store for `service` (unique per home directory and portal).
    pub fn choose(service: &str) -> Arc<Secrets> {
        let memory = MemorySecretStore::new();
        let token = std::env::var(SESSION_ENV)
            .ok()
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty());
        let from_env = token.is_some();
        if let Some(token) = token {
            // A memory store never fails.
            let _ = memory.set(SESSION_KEY.to_owned(), token);
        }
        let off = std::env::var(KEYRING_ENV).is_ok_and(|v| v.eq_ignore_ascii_case("off"));
        Arc::new(Secrets {
            keyring: (!from_env && !off).then(|| KeyringSecretStore::new(service)),
            memory,
            from_env,
            fallback: Mutex::new(off.then(|| format!("{KEYRING_ENV}=off"))),
        })
    }

    /// Which store is in use now.
    pub fn kind(&self) -> StoreKind {
        if self.from_env {
            return StoreKind::SessionEnv;
        }
        match self.reason() {
            Some(reason) => StoreKind::Memory { reason },
            None => StoreKind::Keyring,
        }
    }

    fn reason(&self) -> Option<String> {
        self.fallback
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// The keyring while it has not failed.
    fn keyring(&self) -> Option<&KeyringSecretStore> {
        self.keyring.as_ref().filter(|_| self.reason().is_none())
    }

    fn give_up(&self, e: &SecretError) {
        *self.fallback.lock().unwrap_or_else(|p| p.into_inner()) = Some(e.to_string());
    }

    /// The notice that a login made now will not be kept, if it will not.
    pub fn not_kept_notice(&self) -> Option<(String, String)> {
        let StoreKind::Memory { reason } = self.kind() else {
            return None;
        };
        Some((
            format!(
                "注意：系统密钥库不可用（{reason}），登录状态不会被保存，本次运行结束即失效。脚本中可用 eval \"$(yaohao login … --session-env)\" 把会话放进环境变量 {SESSION_ENV}。"
            ),
            format!(
                "Note: no system keyring ({reason}); the login will not be kept after this run. In scripts, keep it in {SESSION_ENV} with eval \"$(yaohao login … --session-env)\"."
            ),
        ))
    }
}

impl SecretStore for Secrets {
    fn get(&self, key: String) -> Result<Option<String>, SecretError> {
        if let Some(keyring) = self.keyring() {
            match keyring.get(key.clone()) {
                Ok(value) => return Ok(value),
                Err(e) => self.give_up(&e),
            }
        }
        self.memory.get(key)
    }

    fn set(&self, key: String, value: String) -> Result<(), SecretError> {
        if let Some(keyring) = self.keyring() {
            match keyring.set(key.clone(), value.clone()) {
                Ok(()) => return Ok(()),
                Err(e) => self.give_up(&e),
            }
        }
        self.memory.set(key, value)
    }

    fn delete(&self, key: String) -> Result<(), SecretError> {
        if let Some(keyring) = self.keyring()
            && let Err(e) = keyring.delete(key.clone())
        {
            self.give_up(&e);
        }
        self.memory.delete(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn without_keyring(reason: &str) -> Secrets {
        Secrets {
            keyring: None,
            memory: MemorySecretStore::new(),
            from_env: false,
            fallback: Mutex::new(Some(reason.to_owned())),
        }
    }

    #[test]
    fn without_a_keyring_the_session_lives_in_memory_and_says_so() {
        let secrets = without_keyring("no keyutils");
        assert_eq!(
            secrets.kind(),
            StoreKind::Memory {
                reason: "no keyutils".into()
            }
        );
        secrets.set(SESSION_KEY.into(), "t".into()).unwrap();
        assert_eq!(secrets.get(SESSION_KEY.into()), Ok(Some("t".into())));
        secrets.delete(SESSION_KEY.into()).unwrap();
        assert_eq!(secrets.get(SESSION_KEY.into()), Ok(None));
        let (zh, en) = secrets.not_kept_notice().unwrap();
        assert!(zh.contains("不会被保存") && zh.contains(SESSION_ENV));
        assert!(en.contains("will not be kept") && en.contains("no keyutils"));
    }

    #[test]
    fn a_session_from_the_environment_needs_no_notice() {
        let secrets = Secrets {
            from_env: true,
            ..without_keyring("unused")
        };
        assert_eq!(secrets.kind(), StoreKind::SessionEnv);
        assert!(secrets.not_kept_notice().is_none());
    }
}
