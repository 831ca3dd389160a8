//! Periods (分期): the draws the portal schedules, and the operator's requests about them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::forms::ApplicationKind;
use super::status::PeriodStatus;

/// What a period allocates. Closed: only ordinary draws exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// An ordinary lottery draw.
    #[default]
    Draw,
}

impl PeriodKind {
    /// The wire (and stored) name.
    pub fn as_str(self) -> &'static str {
        match self {
            PeriodKind::Draw => "draw",
        }
    }
}

/// A period as clients and the operator see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    /// Period number (分期编号): the draw's year and its sequence in that year (`202606` is the
    /// sixth draw of 2026), not the month.
    pub id: String,
    /// What it allocates.
    #[serde(default)]
    pub kind: PeriodKind,
    /// Title as in the result file.
    pub title: String,
    /// Quotas to allocate.
    pub quota: i64,
    /// Lifecycle.
    pub status: PeriodStatus,
    /// Applications approved by then join this draw.
    pub cutoff_at: DateTime<Utc>,
    /// Queries are unavailable from here…
    pub freeze_from: DateTime<Utc>,
    /// …to here.
    pub freeze_until: DateTime<Utc>,
    /// Scheduled draw.
    pub draw_at: DateTime<Utc>,
    /// Scheduled publication.
    pub publish_at: DateTime<Utc>,
    /// N: pool positions, once frozen.
    #[serde(default)]
    pub pool_size: Option<i64>,
    /// The seed, once drawn.
    #[serde(default)]
    pub seed: Option<String>,
    /// When the draw ran.
    #[serde(default)]
    pub run_at: Option<DateTime<Utc>>,
    /// When results were published.
    #[serde(default)]
    pub published_at: Option<DateTime<Utc>>,
}

/// `POST /v1/operator/periods`: schedule the next ordinary draw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPeriod {
    /// Quotas to allocate (≥ 1).
    pub quota: u32,
    /// 摇号日期: an ordinary draw day of the policy (default: the next one).
    #[serde(default)]
    pub draw_date: Option<NaiveDate>,
}

/// `POST /v1/operator/periods/{id}/draw`: the seed, or none for an OS-random one.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DrawRequest {
    /// 1–9 digits.
    #[serde(default)]
    pub seed: Option<String>,
}

/// `GET /v1/me/queue`: one application's rank (NEV queue or family points).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueRank {
    /// The application.
    pub application_id: i64,
    /// `individual_nev` (queue) or `family` (points).
    pub kind: ApplicationKind,
    /// 1-based rank.
    pub rank: i64,
    /// Applications ranked.
    pub total: i64,
    /// Family points.
    #[serde(default)]
    pub points: Option<u32>,
}
