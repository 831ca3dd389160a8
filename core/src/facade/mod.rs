//! [`Yaohao`], the one facade the Android app, the iOS app and the CLI drive: offline-first
//! (every read comes from the local cache; the network only refreshes it), with the session token
//! in the app's [`SecretStore`].

mod accounts;
mod applications;
mod cards;
mod changes;
mod dashboard;
mod documents;
mod following;
mod info;
mod privacy;
mod results;
mod types;

pub use crate::api::{Period, Quota, ResultEntry as PeriodResult};
pub use accounts::AccountHolder;
pub use documents::portal_name;
pub use info::Announcement;
pub use types::*;

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use reqwest::Method;

use crate::cache::Cache;
use crate::client::http::{Call, Http, Json, Reply};
use crate::client::{ClientError, Clock, HttpOptions};
use crate::i18n::Lang;
use crate::secrets::SecretStore;

/// The secret-store key of the session token.
pub const SESSION_KEY: &str = "yaohao.session";

/// How a [`Yaohao`] is set up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YaohaoConfig {
    /// The portal's base URL, e.g. `https://portal.example` (routes start with `/v1`).
    pub base_url: String,
    /// A directory the facade owns: the cache database and prepared documents.
    pub data_dir: PathBuf,
    /// Language of the text the facade produces.
    pub locale: Lang,
    /// Timeouts and retries.
    pub http: HttpOptions,
}

impl YaohaoConfig {
    /// A configuration with default timeouts and retries.
    pub fn new(base_url: impl Into<String>, data_dir: impl Into<PathBuf>, locale: Lang) -> Self {
        YaohaoConfig {
            base_url: base_url.into(),
            data_dir: data_dir.into(),
            locale,
            http: HttpOptions::default(),
        }
    }
}

/// The facade. `Send + Sync`; every method takes `&self`.
pub struct Yaohao {
    config: YaohaoConfig,
    cache: Cache,
    http: Http,
    secrets: Arc<dyn SecretStore>,
    clock: Arc<dyn Clock>,
    /// Serialises syncs of drafts and uploads, so that two callers never send the same work.
    sync_lock: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for Yaohao {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Yaohao")
            .field("base_url", &self.config.base_url)
            .field("data_dir", &self.config.data_dir)
            .finish_non_exhaustive()
    }
}

impl Yaohao {
    /// Opens the facade: creates the data directory, opens and migrates the cache. No network.
    pub fn open(
        config: YaohaoConfig,
        secrets: Arc<dyn SecretStore>,
        clock: Arc<dyn Clock>,
    ) -> Result<Yaohao, ClientError> {
        std::fs::create_dir_all(config.data_dir.join("documents")).map_err(ClientError::local)?;
        let cache = Cache::open(&config.data_dir.join("cache.sqlite3"))?;
        let http = Http::new(&config.base_url, config.http, clock.clone())?;
        Ok(Yaohao {
            config,
            cache,
            http,
            secrets,
            clock,
            sync_lock: tokio::sync::Mutex::new(()),
        })
    }

    /// The language the facade writes in.
    pub fn locale(&self) -> Lang {
        self.config.locale
    }

    /// `PRAGMA integrity_check` of the cache (`"ok"` when sound).
    pub fn cache_integrity(&self) -> Result<String, ClientError> {
        Ok(self.cache.integrity_check()?)
    }

    fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    fn now_ms(&self) -> i64 {
        self.now().timestamp_millis()
    }

    /// The session token, if logged in.
    fn token(&self) -> Result<Option<String>, ClientError> {
        self.secrets
            .get(SESSION_KEY.to_owned())
            .map_err(ClientError::local)
    }

    /// The session token, or "log in first".
    fn require_token(&self) -> Result<String, ClientError> {
        self.token()?.ok_or_else(ClientError::login_first)
    }

    /// Sends an authenticated call and decodes its JSON answer; a dead session is forgotten.
    async fn authed<T: serde::de::DeserializeOwned>(
        &self,
        call: Call,
    ) -> Result<Reply<Json<T>>, ClientError> {
        let call = call.token(Some(self.require_token()?));
        let answer = self.http.send::<Json<T>>(&call).await;
        if let Err(ClientError::AuthRequired { .. } | ClientError::LoggedInElsewhere { .. }) =
            &answer
        {
            self.secrets
                .delete(SESSION_KEY.to_owned())
                .map_err(ClientError::local)?;
        }
        answer
    }

    /// A conditional GET of `path` with the stored ETag, with the session (`authed`) or without:
    /// `None` when the cache is current.
    async fn fetch<T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        authed: bool,
    ) -> Result<Option<T>, ClientError> {
        let call = Call::new(Method::GET, path).if_none_match(self.cache.etag(path)?);
        let reply = if authed {
            self.authed::<T>(call).await?
        } else {
            self.http.send::<Json<T>>(&call).await?
        };
        if let Some(etag) = &reply.etag {
            self.cache.store_etag(path, etag, self.now_ms())?;
        }
        Ok(reply.value.map(|Json(v)| v))
    }

    /// The decoded value of an answer that must have a body.
    fn body<T>(reply: Reply<Json<T>>) -> Result<T, ClientError> {
        reply
            .value
            .map(|Json(v)| v)
            .ok_or_else(ClientError::garbled)
    }
}

/// Milliseconds since the epoch to an instant (the epoch for out-of-range values).
fn from_ms(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_facade_and_its_futures_are_send() {
        fn check<T: Send + Sync>() {}
        fn send<T: Send>(_: T) {}
        check::<Yaohao>();
        let dir = tempfile::tempdir().unwrap();
        let app = Yaohao::open(
            YaohaoConfig::new("http://127.0.0.1:9", dir.path(), Lang::En),
            Arc::new(crate::secrets::MemorySecretStore::new()),
            Arc::new(crate::client::SystemClock),
        )
        .unwrap();
        assert_eq!(app.locale(), Lang::En);
        send(app.refresh());
        send(app.sync());
        send(app.submit(String::new()));
        send(app.check_results(String::new()));
        send(app.add_document(
            String::new(),
            crate::documents::DocumentKind::IdPhoto,
            Vec::new(),
        ));
        send(app.login(
            AccountHolder::Person {
                resident_id: String::new(),
            },
            String::new(),
            String::new(),
        ));
    }
}
