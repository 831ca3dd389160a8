//! The state every handler shares.

use std::sync::Arc;

use yaohao_core::policy::Policy;

use crate::captcha;
use crate::clock::Clock;
use crate::config::PortalConfig;
use crate::db::Db;
use crate::sms::SmsGateway;
use crate::static_files::StaticFiles;

/// Shared, cheaply cloned handler state.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub db: Db,
    /// The portal clock (system or simulated).
    pub clock: Clock,
    /// Start-up configuration.
    pub config: Arc<PortalConfig>,
    /// The policy regime the portal runs.
    pub policy: &'static Policy,
    /// Where SMS messages go.
    pub sms: Arc<dyn SmsGateway>,
    /// Published result files.
    pub results: StaticFiles,
    /// Captchas and per-client limits of the anonymous query.
    pub guard: captcha::Guard,
    /// Push providers by name.
    pub push: crate::push::Providers,
    /// The VAPID public key (base64url) when Web Push is configured.
    pub vapid_public_key: Option<String>,
    /// The `dev` push provider's event streams.
    pub dev_push: crate::push::dev::DevHub,
    /// Hot-path caches (sessions, freeze windows, my results).
    pub caches: Arc<crate::cache::Caches>,
    /// Per-client rate limits of SMS, captchas and logins.
    pub throttles: Arc<crate::limits::Throttles>,
}
