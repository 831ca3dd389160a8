//! The state every handler shares.

use std::sync::Arc;

use crate::clock::Clock;
use crate::config::PortalConfig;
use crate::db::Db;
use crate::sms::SmsGateway;

/// Shared, cheaply cloned handler state.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub db: Db,
    /// The portal clock (system or simulated).
    pub clock: Clock,
    /// Start-up configuration.
    pub config: Arc<PortalConfig>,
    /// Where SMS messages go.
    pub sms: Arc<dyn SmsGateway>,
}
