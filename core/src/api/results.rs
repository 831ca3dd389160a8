//! Results and quotas: a code's outcome per period, the anonymous query's captcha, and the
//! quotas won.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::status::{PeriodOutcome, QuotaStatus};
use crate::draw::DrawRow;
use crate::results::Header;

/// `GET /v1/me/results`, `GET /v1/results/query`: one code's outcome in one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultEntry {
    /// Period number.
    pub period: String,
    /// Period title.
    pub title: String,
    /// Application code.
    pub code: String,
    /// Won, not won, or pending before publication.
    pub outcome: PeriodOutcome,
    /// 序号 of a win.
    #[serde(default)]
    pub seq: Option<i64>,
    /// 摇号基数序号 of a win.
    #[serde(default)]
    pub position: Option<i64>,
}

/// `GET /v1/results/{period}/result.json`: the published list as data (the core's header and
/// winners). Serialise-only: the apps read and verify `result.txt`, never this file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ResultFile<'a> {
    /// The list's header.
    pub header: &'a Header,
    /// The winners, in draw order.
    pub winners: &'a [DrawRow],
}

/// `POST /v1/captcha`: a new image captcha for the anonymous query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Captcha {
    /// Its id (`captcha_id` of the query).
    pub captcha_id: String,
    /// Where its PNG is.
    pub image_url: String,
    /// When it stops being accepted.
    pub expires_at: DateTime<Utc>,
}

/// A quota won in a draw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quota {
    /// Portal id.
    pub id: i64,
    /// The winning application.
    pub application_id: i64,
    /// Period.
    pub period: String,
    /// Certificate number.
    pub certificate: String,
    /// Lifecycle.
    pub status: QuotaStatus,
    /// When it was issued (publication).
    pub issued_at: DateTime<Utc>,
    /// Confirm before this instant.
    pub confirm_by: DateTime<Utc>,
    /// When it was confirmed.
    #[serde(default)]
    pub confirmed_at: Option<DateTime<Utc>>,
    /// Valid until.
    pub expires_at: DateTime<Utc>,
}
