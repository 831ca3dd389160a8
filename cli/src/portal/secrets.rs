//! Where the session token lives: the operating system's keyring while it works; otherwise (no
//! keyring, it fails at any point, or `YAOHAO_KEYRING=off`) a session file in the config folder
//! readable by its owner only (mode 0600), announced. Scripts may instead carry a session in
//! `YAOHAO_SESSION` (`eval "$(yaohao login … --session-env)"`), which is then kept in memory.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use serde::Serialize;
use yaohao_core::facade::SESSION_KEY;
use yaohao_core::secrets::{KeyringSecretStore, MemorySecretStore, SecretError, SecretStore};

use super::secret_file::FileSecretStore;

/// A session token handed over by a script (skips the keyring).
pub const SESSION_ENV: &str = "YAOHAO_SESSION";
/// `off` uses the session file even where a keyring exists.
pub const KEYRING_ENV: &str = "YAOHAO_KEYRING";

/// Which store holds the session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum StoreKind {
    /// The OS keyring: the login is kept between runs.
    Keyring,
    /// The token came from `YAOHAO_SESSION`.
    SessionEnv,
    /// The owner-only session file: the login is kept between runs.
    File {
        /// The file.
        path: String,
        /// Why the keyring is not used.
        reason: String,
    },
}

/// The keyring, falling back to the session file for good at its first failure.
pub struct Secrets {
    keyring: Option<KeyringSecretStore>,
    file: FileSecretStore,
    /// The session handed over in `YAOHAO_SESSION`.
    from_env: Option<MemorySecretStore>,
    /// Why the keyring is not (or no longer) used.
    fallback: Mutex<Option<String>>,
}

impl Secrets {
    /// Picks the store for `service` (unique per home directory and portal), with `file` as the
    /// fallback.
    pub fn choose(service: &str, file: PathBuf) -> Arc<Secrets> {
        let token = std::env::var(SESSION_ENV)
            .ok()
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty());
        let from_env = token.map(|token| {
            let memory = MemorySecretStore::new();
            // A memory store never fails.
            let _ = memory.set(SESSION_KEY.to_owned(), token);
            memory
        });
        let off = std::env::var(KEYRING_ENV).is_ok_and(|v| v.eq_ignore_ascii_case("off"));
        Arc::new(Secrets {
            keyring: (from_env.is_none() && !off).then(|| KeyringSecretStore::new(service)),
            file: FileSecretStore::new(file),
            from_env,
            fallback: Mutex::new(off.then(|| format!("{KEYRING_ENV}=off"))),
        })
    }

    /// Which store is in use now.
    pub fn kind(&self) -> StoreKind {
        if self.from_env.is_some() {
            return StoreKind::SessionEnv;
        }
        match self.reason() {
            Some(reason) => StoreKind::File {
                path: self.file.path().display().to_string(),
                reason,
            },
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
        self.fall_back(&e.to_string());
    }

    fn fall_back(&self, reason: &str) {
        *self.fallback.lock().unwrap_or_else(|p| p.into_inner()) = Some(reason.to_owned());
    }

    /// The notice that a login made now is kept in the session file, if it is.
    pub fn file_notice(&self) -> Option<(String, String)> {
        let StoreKind::File { path, reason } = self.kind() else {
            return None;
        };
        Some((
            format!(
                "注意：系统密钥库不可用（{reason}），登录状态保存在 {path}（仅本用户可读写，权限 0600）。退出登录会删除它。"
            ),
            format!(
                "Note: no system keyring ({reason}); the login is kept in {path} (readable by you only, mode 0600). Logging out deletes it."
            ),
        ))
    }
}

impl SecretStore for Secrets {
    fn get(&self, key: String) -> Result<Option<String>, SecretError> {
        if let Some(env) = &self.from_env {
            return env.get(key);
        }
        if let Some(keyring) = self.keyring() {
            match keyring.get(key.clone()) {
                Ok(Some(value)) => return Ok(Some(value)),
                // Some keyrings answer but keep nothing between runs (keyutils without a login
                // session): a login an earlier run could only keep in the file is found there.
                Ok(None) => {
                    let kept = self.file.get(key)?;
                    if kept.is_some() {
                        self.fall_back("the system keyring does not keep logins between runs");
                    }
                    return Ok(kept);
                }
                Err(e) => self.give_up(&e),
            }
        }
        self.file.get(key)
    }

    fn set(&self, key: String, value: String) -> Result<(), SecretError> {
        if let Some(env) = &self.from_env {
            return env.set(key, value);
        }
        if let Some(keyring) = self.keyring() {
            match keyring.set(key.clone(), value.clone()) {
                Ok(()) => return Ok(()),
                Err(e) => self.give_up(&e),
            }
        }
        self.file.set(key, value)
    }

    fn delete(&self, key: String) -> Result<(), SecretError> {
        if let Some(env) = &self.from_env {
            return env.delete(key);
        }
        if let Some(keyring) = self.keyring()
            && let Err(e) = keyring.delete(key.clone())
        {
            self.give_up(&e);
        }
        // A session the file kept before a keyring appeared goes too.
        self.file.delete(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn without_keyring(reason: &str, dir: &std::path::Path) -> Secrets {
        Secrets {
            keyring: None,
            file: FileSecretStore::new(dir.join("session.json")),
            from_env: None,
            fallback: Mutex::new(Some(reason.to_owned())),
        }
    }

    #[test]
    fn without_a_keyring_the_session_is_kept_in_the_file_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let secrets = without_keyring("no keyutils", dir.path());
        let path = dir.path().join("session.json").display().to_string();
        assert_eq!(
            secrets.kind(),
            StoreKind::File {
                path: path.clone(),
                reason: "no keyutils".into()
            }
        );
        secrets.set(SESSION_KEY.into(), "t".into()).unwrap();
        // The next run reads it back.
        let next = without_keyring("no keyutils", dir.path());
        assert_eq!(next.get(SESSION_KEY.into()), Ok(Some("t".into())));
        next.delete(SESSION_KEY.into()).unwrap();
        assert_eq!(secrets.get(SESSION_KEY.into()), Ok(None));
        let (zh, en) = secrets.file_notice().unwrap();
        assert!(zh.contains("0600") && zh.contains(&path));
        assert!(en.contains("kept in") && en.contains("no keyutils"));
    }

    #[test]
    fn a_session_from_the_environment_needs_no_notice_and_touches_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let memory = MemorySecretStore::new();
        memory.set(SESSION_KEY.into(), "env".into()).unwrap();
        let secrets = Secrets {
            from_env: Some(memory),
            ..without_keyring("unused", dir.path())
        };
        assert_eq!(secrets.kind(), StoreKind::SessionEnv);
        assert!(secrets.file_notice().is_none());
        assert_eq!(secrets.get(SESSION_KEY.into()), Ok(Some("env".into())));
        secrets.set(SESSION_KEY.into(), "new".into()).unwrap();
        assert!(!dir.path().join("session.json").exists());
    }
}
