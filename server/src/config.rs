//! Everything a portal instance is started with.

use std::path::PathBuf;

use chrono::{DateTime, Utc};

/// Which clock the portal runs on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClockConfig {
    /// The system clock.
    System,
    /// A simulated clock starting at the given instant, advanced by the operator.
    Simulated(DateTime<Utc>),
}

/// Where SMS messages go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SmsConfig {
    /// Stored in the database's outbox, readable by the operator (the default).
    Outbox,
    /// POSTed as JSON `{mobile, body}` to this URL.
    Webhook(String),
}

/// How expensive password hashing is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordCost {
    /// argon2id with the OWASP-recommended parameters (19 MiB, 2 passes).
    Standard,
    /// argon2id with minimal memory, for tests and demos only.
    Light,
}

/// A portal instance's configuration.
#[derive(Debug, Clone)]
pub struct PortalConfig {
    /// The SQLite database file.
    pub db: PathBuf,
    /// Directory for documents (by content hash) and published results.
    pub data: PathBuf,
    /// Address to listen on, e.g. `127.0.0.1:8080` (`127.0.0.1:0` picks a free port).
    pub addr: String,
    /// Name of the policy regime the portal runs (see `yaohao_core::policy`).
    pub policy: String,
    /// The clock.
    pub clock: ClockConfig,
    /// The token operator endpoints require in the `X-Operator-Token` header.
    pub operator_token: String,
    /// The SMS gateway.
    pub sms: SmsConfig,
    /// Password hashing cost.
    pub password_cost: PasswordCost,
    /// How long a session lasts without a new login.
    pub session_hours: i64,
    /// FCM push, if configured.
    pub fcm: Option<crate::push::fcm::FcmConfig>,
    /// APNs push, if configured.
    pub apns: Option<crate::push::apns::ApnsConfig>,
    /// Derive application-code digits from this seed instead of OS randomness (reproducible
    /// demos and tests; never for a real service).
    pub code_seed: Option<u64>,
}

impl PortalConfig {
    /// A configuration with the defaults for everything but the two paths.
    pub fn new(db: PathBuf, data: PathBuf) -> PortalConfig {
        PortalConfig {
            db,
            data,
            addr: "127.0.0.1:8080".to_owned(),
            policy: "bimonthly-2014".to_owned(),
            clock: ClockConfig::System,
            operator_token: String::new(),
            sms: SmsConfig::Outbox,
            password_cost: PasswordCost::Standard,
            session_hours: 12,
            fcm: None,
            apns: None,
            code_seed: None,
        }
    }
}
