//! Where the session token lives: the operating system's keyring when it works; otherwise a
//! file-less session that ends with the process (announced), which scripts carry over in the
//! `YAOHAO_SESSION` environment variable (`eval "$(yaohao login … --session-env)"`).

use std::sync::Arc;

use serde::Serialize;
use yaohao_core::facade::SESSION_KEY;
use yaohao_core::secrets::{KeyringSecretStore, MemorySecretStore, SecretStore};

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

/// The chosen store.
pub struct Secrets {
    /// The store the facade writes to.
    pub store: Arc<dyn SecretStore>,
    /// Which one it is.
    pub kind: StoreKind,
}

fn memory(token: Option<String>) -> Arc<dyn SecretStore> {
    let store = MemorySecretStore::new();
    if let Some(token) = token {
        // A memory store never fails.
        let _ = store.set(SESSION_KEY.to_owned(), token);
    }
    Arc::new(store)
}

/// Picks the store for `service` (unique per home directory and portal).
pub fn choose(service: &str) -> Secrets {
    if let Some(token) = std::env::var(SESSION_ENV)
        .ok()
        .filter(|t| !t.trim().is_empty())
    {
        return Secrets {
            store: memory(Some(token.trim().to_owned())),
            kind: StoreKind::SessionEnv,
        };
    }
    if std::env::var(KEYRING_ENV).is_ok_and(|v| v.eq_ignore_ascii_case("off")) {
        return Secrets {
            store: memory(None),
            kind: StoreKind::Memory {
                reason: format!("{KEYRING_ENV}=off"),
            },
        };
    }
    let keyring = KeyringSecretStore::new(service);
    match keyring.get(SESSION_KEY.to_owned()) {
        Ok(_) => Secrets {
            store: Arc::new(keyring),
            kind: StoreKind::Keyring,
        },
        Err(e) => Secrets {
            store: memory(None),
            kind: StoreKind::Memory {
                reason: e.to_string(),
            },
        },
    }
}

impl StoreKind {
    /// The notice that a login made now will not be kept, if it will not.
    pub fn not_kept_notice(&self) -> Option<(String, String)> {
        match self {
            StoreKind::Memory { reason } => Some((
                format!(
                    "注意：系统密钥库不可用（{reason}），登录状态不会被保存，本次运行结束即失效。脚本中可用 eval \"$(yaohao login … --session-env)\" 把会话放进环境变量 {SESSION_ENV}。"
                ),
                format!(
                    "Note: no system keyring ({reason}); the login will not be kept after this run. In scripts, keep it in {SESSION_ENV} with eval \"$(yaohao login … --session-env)\"."
                ),
            )),
            StoreKind::Keyring | StoreKind::SessionEnv => None,
        }
    }
}
