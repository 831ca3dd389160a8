//! The system routes: liveness and the portal clock.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Liveness (closed: only `ok` is ever answered).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HealthStatus {
    /// Serving.
    #[default]
    Ok,
}

/// `GET /v1/health`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Health {
    /// Always `ok` when answered.
    pub status: HealthStatus,
}

/// `GET /v1/clock`: the portal's current instant (simulated or the system's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    /// Now.
    pub now: DateTime<Utc>,
    /// Whether the clock is simulated.
    pub simulated: bool,
}

/// `POST /v1/operator/clock`: move the simulated clock forward, by seconds or to an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ClockMove {
    /// Seconds to move forward (≥ 0).
    #[serde(default)]
    pub advance_seconds: Option<i64>,
    /// Or an instant to move to (2000–2099).
    #[serde(default)]
    pub to: Option<DateTime<Utc>>,
}
