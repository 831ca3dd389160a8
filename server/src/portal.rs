//! Starting a portal in the current tokio runtime: the in-process ephemeral portal on a loopback
//! port for tests and the CLI demo (the production `serve` is [`crate::serve`]).

use std::net::SocketAddr;
use std::ops::Not;
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::clock::Clock;
use crate::config::{ClockConfig, PasswordCost, PortalConfig, SmsConfig};
use crate::db::{Db, DbError};
use crate::push::Provider;
use crate::push::dev::DevHub;
use crate::sms::{OutboxGateway, SmsGateway, WebhookGateway};
use crate::state::AppState;
use crate::static_files::StaticFiles;

/// Starting the portal failed.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The database could not be opened or migrated.
    #[error(transparent)]
    Db(#[from] DbError),
    /// The data directory or the listening socket failed.
    #[error("{what}: {source}")]
    Io {
        /// What was being done.
        what: String,
        /// The OS error.
        source: std::io::Error,
    },
    /// The configuration is unusable.
    #[error("{0}")]
    Config(String),
}

/// A running portal.
pub struct Portal {
    /// Base URL, e.g. `http://127.0.0.1:41234` (routes start with `/v1`).
    pub base_url: String,
    /// The bound address.
    pub addr: SocketAddr,
    /// The handlers' shared state (database, clock), for in-process inspection.
    pub state: AppState,
    shutdown: oneshot::Sender<()>,
    handle: JoinHandle<std::io::Result<()>>,
    ticker: Option<JoinHandle<()>>,
}

/// On the system clock, runs the scheduler once a minute (a simulated clock ticks when moved).
pub(crate) async fn tick_every_minute(state: AppState) {
    let mut interval = tokio::time::interval(std::time::Duration::from_secs(60));
    loop {
        interval.tick().await;
        if let Err(e) = crate::services::operator::run_tick(&state).await {
            tracing::error!(error = %e, "scheduler tick failed");
        }
    }
}

impl Portal {
    /// Stops accepting connections, finishes in-flight requests and waits for the server.
    pub async fn shutdown(self) -> std::io::Result<()> {
        if let Some(ticker) = &self.ticker {
            ticker.abort();
        }
        let _ = self.shutdown.send(());
        self.handle.await.map_err(std::io::Error::other)?
    }
}

/// Builds the handler state: opens the database and the data directory, picks clock and SMS.
pub fn build_state(config: PortalConfig) -> Result<AppState, StartError> {
    std::fs::create_dir_all(&config.data).map_err(|source| StartError::Io {
        what: format!("creating {}", config.data.display()),
        source,
    })?;
    let db = Db::open(&config.db)?;
    // A crash between settling a publication and installing its files left them unpublished.
    crate::services::publication::restore_files(&db, &config.data).map_err(|e| {
        StartError::Config(format!(
            "restoring published files: {}",
            e.body().message_en
        ))
    })?;
    let clock = match config.clock {
        ClockConfig::System => Clock::System,
        ClockConfig::Simulated(start) if crate::clock::in_range(start) => Clock::simulated(start),
        ClockConfig::Simulated(_) => {
            return Err(StartError::Config(
                "the simulated clock must start between 2000 and 2099".into(),
            ));
        }
    };
    let sms: Arc<dyn SmsGateway> = match &config.sms {
        SmsConfig::Outbox => Arc::new(OutboxGateway::new(db.clone())),
        SmsConfig::Webhook(url) => Arc::new(
            WebhookGateway::new(url.clone())
                .map_err(|e| StartError::Config(e.body().message_en.clone()))?,
        ),
    };
    let policy = yaohao_core::policy::by_name(&config.policy)
        .ok_or_else(|| StartError::Config(format!("unknown policy {:?}", config.policy)))?;
    let results = StaticFiles::new(config.data.join("results"));
    let dev_push = DevHub::default();
    let mut push =
        crate::push::Providers::default().with(Provider::Dev, Arc::new(dev_push.clone()));
    if let Some(fcm) = config.fcm.clone() {
        let client = reqwest::Client::builder()
            .connect_timeout(std::time::Duration::from_secs(5))
            .timeout(std::time::Duration::from_secs(15))
            .build()
            .map_err(|e| StartError::Config(format!("fcm: {e}")))?;
        let fcm = crate::push::fcm::Fcm::new(fcm, client)
            .map_err(|e| StartError::Config(e.to_string()))?;
        push = push.with(Provider::Fcm, Arc::new(fcm));
    }
    if let Some(apns) = config.apns.clone() {
        let apns =
            crate::push::apns::Apns::new(apns).map_err(|e| StartError::Config(e.to_string()))?;
        push = push.with(Provider::Apns, Arc::new(apns));
    }
    let mut vapid_public_key = None;
    if let Some(web_push) = &config.web_push {
        // No redirects: an endpoint is the URL a device gave, and is POSTed to as it is.
        let client = reqwest::Client::builder()
            .connect_timeout(std::time::Duration::from_secs(5))
            .timeout(std::time::Duration::from_secs(15))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| StartError::Config(format!("web_push: {e}")))?;
        let web_push = crate::push::webpush::WebPush::new(web_push, client)
            .map_err(|e| StartError::Config(format!("web_push: {e}")))?;
        vapid_public_key = Some(web_push.public_key().to_owned());
        push = push.with(Provider::WebPush, Arc::new(web_push));
    }
    let throttles = Arc::new(crate::limits::Throttles::new(&config.limits));
    let guard = crate::captcha::Guard::new(config.limits.captchas);
    Ok(AppState {
        db,
        clock,
        config: Arc::new(config),
        policy,
        sms,
        results,
        guard,
        push,
        vapid_public_key,
        dev_push,
        caches: Arc::default(),
        throttles,
    })
}

/// Starts the portal on `config.addr` in the current tokio runtime.
pub async fn start(config: PortalConfig) -> Result<Portal, StartError> {
    let listener = TcpListener::bind(&config.addr)
        .await
        .map_err(|source| StartError::Io {
            what: format!("listening on {}", config.addr),
            source,
        })?;
    let addr = listener.local_addr().map_err(|source| StartError::Io {
        what: "reading the bound address".into(),
        source,
    })?;
    let state = build_state(config)?;
    let app = crate::routes::router(state.clone());
    let ticker = state
        .clock
        .is_simulated()
        .not()
        .then(|| tokio::spawn(tick_every_minute(state.clone())));
    let (shutdown, signal) = oneshot::channel::<()>();
    let limits = state.config.limits.clone();
    let handle = tokio::spawn(async move {
        crate::serve::accept(listener, app, &limits, async move {
            let _ = signal.await;
        })
        .await
    });
    Ok(Portal {
        base_url: format!("http://{addr}"),
        addr,
        state,
        shutdown,
        handle,
        ticker,
    })
}

/// Starts an in-process portal on a free loopback port (`127.0.0.1:0`) with light password
/// hashing, for tests and demos. Everything else comes from `config`.
pub async fn start_ephemeral(mut config: PortalConfig) -> Result<Portal, StartError> {
    config.addr = "127.0.0.1:0".to_owned();
    config.password_cost = PasswordCost::Light;
    start(config).await
}
