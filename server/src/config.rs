//! Everything a portal instance is started with.

use std::path::PathBuf;
use std::time::Duration;

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
    /// Web Push (UnifiedPush), if a VAPID key is configured.
    pub web_push: Option<crate::push::webpush::WebPushConfig>,
    /// Derive application-code digits from this seed instead of OS randomness (reproducible
    /// demos and tests; never for a real service).
    pub code_seed: Option<u64>,
    /// Resource and abuse limits (body sizes, timeouts, rates); see `docs/portal.md`, "Limits".
    pub limits: Limits,
}

/// Resource and abuse limits, each with a sane default and a name for `serve --limit NAME=VALUE`
/// (the table in `docs/portal.md`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// `json_body_bytes`: the largest JSON body of the application routes (create, save).
    pub json_body_bytes: usize,
    /// `image_pixels`: the most pixels (width × height) an uploaded image may declare.
    pub image_pixels: u64,
    /// `image_decode_bytes`: the most memory the decoder of one upload may allocate.
    pub image_decode_bytes: u64,
    /// `header_read_seconds`: time a connection has to send a request's headers, from its start
    /// or from the previous response: the slowloris bound and the idle keep-alive timeout.
    pub header_read_timeout: Duration,
    /// `request_seconds`: the longest a request may take (event streams excepted).
    pub request_timeout: Duration,
    /// `connections`: open connections at most (per serving thread); more wait in the backlog.
    pub max_connections: usize,
    /// `push_recheck_seconds`: how often an open push stream re-checks its session and device.
    pub push_recheck: Duration,
    /// `sms_per_minute`: SMS code requests per client address per minute.
    pub sms_per_minute: u32,
    /// `captchas_per_minute`: captchas created per client address per minute.
    pub captchas_per_minute: u32,
    /// `logins_per_minute`: login attempts per client address per minute.
    pub logins_per_minute: u32,
    /// `captchas`: outstanding captchas kept at most (the oldest are evicted).
    pub captchas: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            json_body_bytes: 64 * 1024,
            image_pixels: 50_000_000,
            image_decode_bytes: 512 * 1024 * 1024,
            header_read_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(60),
            max_connections: 4096,
            push_recheck: Duration::from_secs(10),
            sms_per_minute: 10,
            captchas_per_minute: 60,
            logins_per_minute: 20,
            captchas: 10_000,
        }
    }
}

impl Limits {
    /// Sets the limit `name` (its name in the table) from `value`; an error says what is wrong.
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), String> {
        let number = || {
            value
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| format!("limit {name}: {value:?} is not a positive whole number"))
        };
        let small =
            |n: u64| u32::try_from(n).map_err(|_| format!("limit {name}: {value:?} is too large"));
        let size = |n: u64| {
            usize::try_from(n).map_err(|_| format!("limit {name}: {value:?} is too large"))
        };
        match name {
            "json_body_bytes" => self.json_body_bytes = size(number()?)?,
            "image_pixels" => self.image_pixels = number()?,
            "image_decode_bytes" => self.image_decode_bytes = number()?,
            "header_read_seconds" => self.header_read_timeout = Duration::from_secs(number()?),
            "request_seconds" => self.request_timeout = Duration::from_secs(number()?),
            "connections" => self.max_connections = size(number()?)?,
            "push_recheck_seconds" => self.push_recheck = Duration::from_secs(number()?),
            "sms_per_minute" => self.sms_per_minute = small(number()?)?,
            "captchas_per_minute" => self.captchas_per_minute = small(number()?)?,
            "logins_per_minute" => self.logins_per_minute = small(number()?)?,
            "captchas" => self.captchas = size(number()?)?,
            _ => return Err(format!("unknown limit {name:?}")),
        }
        Ok(())
    }
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
            web_push: None,
            code_seed: None,
            limits: Limits::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_set_by_name_and_bad_values_are_refused() {
        let mut limits = Limits::default();
        limits.set("sms_per_minute", "100").unwrap();
        limits.set("header_read_seconds", "3").unwrap();
        assert_eq!(limits.sms_per_minute, 100);
        assert_eq!(limits.header_read_timeout, Duration::from_secs(3));
        assert!(limits.set("sms_per_minute", "0").is_err());
        assert!(limits.set("sms_per_minute", "many").is_err());
        assert!(limits.set("sms_per_minute", "99999999999").is_err());
        assert!(
            limits
                .set("smss_per_minute", "1")
                .unwrap_err()
                .contains("unknown")
        );
    }
}
