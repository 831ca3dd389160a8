//! The real tool against a portal: which portal (`--portal`, remembered), where the cache and the
//! session live, and the core facade ([`Yaohao`]) driven on a small tokio runtime.

pub mod clock;
pub mod errors;
pub mod home;
pub mod prompt;
mod secret_file;
pub mod secrets;
pub mod url;

use std::future::Future;
use std::sync::Arc;

use yaohao_core::client::ClientError;
use yaohao_core::facade::{Yaohao, YaohaoConfig};

use crate::output::{CliError, Exit, Output};
use clock::PortalClock;
use home::{Config, Home};
use secrets::Secrets;
use yaohao_core::secrets::SecretStore;

/// The portal named by `--portal` (for this command only), else the remembered one (`None`: no
/// portal configured).
pub fn configured(flag: Option<&str>) -> Result<Option<(Home, Config, String)>, CliError> {
    let home = Home::locate()?;
    let config = home.load()?;
    let url = match flag.or(config.portal.as_deref()) {
        Some(url) => checked_url(url)?,
        None => return Ok(None),
    };
    Ok(Some((home, config, url)))
}

/// A portal URL as the tool uses it; an invalid one is a usage error.
pub fn checked_url(url: &str) -> Result<String, CliError> {
    url::check(url).map_err(usage)
}

fn usage(e: url::UrlError) -> CliError {
    CliError::with_exit(Exit::Usage, "invalid_portal", e.zh, e.en)
}

/// An open connection to one portal.
pub struct Portal {
    /// The facade.
    pub app: Yaohao,
    /// The portal's base URL.
    pub url: String,
    /// The home directory.
    pub home: Home,
    /// The remembered settings.
    pub config: Config,
    /// Where the session token lives.
    pub secrets: Arc<Secrets>,
    clock: Arc<PortalClock>,
    runtime: tokio::runtime::Runtime,
}

impl Portal {
    /// Opens the facade for the configured portal; no portal is a usage error.
    pub fn open(flag: Option<&str>, out: &Output) -> Result<Portal, CliError> {
        let (home, config, url) = configured(flag)?.ok_or_else(|| {
            CliError::with_exit(
                Exit::Usage,
                "no_portal",
                "还没有设置门户：请加上 --portal https://门户地址（之后会记住）。",
                "No portal configured: pass --portal https://portal.example once (it is remembered).",
            )
        })?;
        Portal::open_at(home, config, url, out)
    }

    /// Opens the facade for `url`.
    pub fn open_at(
        home: Home,
        config: Config,
        url: String,
        out: &Output,
    ) -> Result<Portal, CliError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| {
                CliError::invalid(
                    "runtime",
                    format!("无法启动运行时：{e}"),
                    format!("cannot start the runtime: {e}"),
                )
            })?;
        let secrets = Secrets::choose(&home.secret_service(&url), home.session_file(&url));
        let clock = Arc::new(PortalClock::default());
        let app = Yaohao::open(
            YaohaoConfig::new(url.clone(), home.portal_data(&url), out.lang),
            secrets.clone(),
            clock.clone(),
        )
        .map_err(|e| errors::from_client(&e))?;
        Ok(Portal {
            app,
            url,
            home,
            config,
            secrets,
            clock,
            runtime,
        })
    }

    /// Remembers this portal when none is yet (after the first login or registration).
    pub fn remember(&self) -> Result<(), CliError> {
        if self.config.portal.is_some() {
            return Ok(());
        }
        let mut config = self.config.clone();
        config.portal = Some(self.url.clone());
        self.home.save(&config)
    }

    /// Runs a facade call to completion, turning its error into the tool's.
    pub fn run<T>(
        &self,
        call: impl Future<Output = Result<T, ClientError>>,
    ) -> Result<T, CliError> {
        self.runtime.block_on(call).map_err(|e| self.explain(&e))
    }

    /// Shifts "now" to the portal's clock when the portal simulates one (a test portal), so that
    /// countdowns and reminders agree with it.
    pub fn follow_clock(&self) {
        self.runtime.block_on(self.clock.follow(&self.url));
    }

    /// "Now" as the facade sees it.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        yaohao_core::client::Clock::now(self.clock.as_ref())
    }

    /// Runs any future on the runtime.
    pub fn block_on<T>(&self, task: impl Future<Output = T>) -> T {
        self.runtime.block_on(task)
    }

    /// The tool's error for a facade error (with the file-less session hint when relevant).
    pub fn explain(&self, e: &ClientError) -> CliError {
        let err = errors::from_client(e);
        match (&err, self.secrets.file_notice()) {
            (
                CliError::Invalid {
                    exit: Exit::Login,
                    code,
                    zh,
                    en,
                    ..
                },
                Some((nz, ne)),
            ) => CliError::with_exit(
                Exit::Login,
                code,
                format!("{zh}\n{nz}"),
                format!("{en}\n{ne}"),
            ),
            _ => err,
        }
    }

    /// Requires a stored session (no network): "log in first" otherwise.
    pub fn require_login(&self) -> Result<(), CliError> {
        let logged_in = self
            .app
            .is_logged_in()
            .map_err(|e| errors::from_client(&e))?;
        if logged_in {
            Ok(())
        } else {
            Err(self.explain(&ClientError::AuthRequired {
                message: yaohao_core::i18n::Text::new("尚未登录。", "Not logged in."),
            }))
        }
    }

    /// The session token, if one is stored.
    pub fn token(&self) -> Option<String> {
        self.secrets
            .get(yaohao_core::facade::SESSION_KEY.to_owned())
            .ok()
            .flatten()
    }
}
