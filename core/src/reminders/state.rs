//! An applicant's state, as the client and the apps know it: the input of reminder computation.

use crate::calendar::AnnouncedDate;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Everything reminders are computed from (JSON, snake_case; every list and field optional).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicantState {
    /// The applicant's applications.
    #[serde(default)]
    pub applications: Vec<TrackedApplication>,
    /// A quota won in a draw, if any.
    #[serde(default)]
    pub quota: Option<WonQuota>,
    /// Permits with an expiry date.
    #[serde(default)]
    pub permits: Vec<Permit>,
    /// Expiry date of the driving licence.
    #[serde(default)]
    pub licence_expires_on: Option<NaiveDate>,
    /// A marital-status change under review.
    #[serde(default)]
    pub marital_change: Option<PendingMaritalChange>,
    /// Dates the portal announced, overriding the policy's projections.
    #[serde(default)]
    pub announced: Vec<AnnouncedDate>,
}

/// One application (申请).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrackedApplication {
    /// The 13-digit application code (申请编码).
    pub code: String,
    /// What the application is for.
    pub kind: TrackedKind,
    /// Where the application stands.
    pub status: TrackedStatus,
    /// When it was submitted.
    #[serde(default)]
    pub submitted_on: Option<NaiveDate>,
    /// When 继续参与 (continue) was last confirmed.
    #[serde(default)]
    pub last_continued_on: Option<NaiveDate>,
    /// Unsuccessful draws so far (informational).
    #[serde(default)]
    pub draws_without_win: u32,
}

/// What an application is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrackedKind {
    /// Ordinary quota (lottery): an individual, or a family drawn by its points.
    Ordinary,
    /// Individual new-energy quota (queue).
    Nev,
    /// Family new-energy quota (ranked by points at the NEV allocation).
    Family,
}

/// Where an application stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrackedStatus {
    /// Being filled in; not yet submitted.
    Draft,
    /// Submitted, under review (审核中).
    UnderReview,
    /// Valid and in the pool (有效).
    Active,
    /// Won a quota.
    Won,
    /// Removed from the pool; may be re-activated.
    Lapsed,
    /// Rejected by review.
    Rejected,
}

/// A quota won in a draw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WonQuota {
    /// The winning application code.
    pub code: String,
    /// The (Beijing) date of the winning draw.
    pub draw_date: NaiveDate,
    /// Whether the winner has confirmed the quota.
    pub confirmed: bool,
}

/// A permit the applicant's eligibility depends on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Permit {
    /// Which permit.
    pub kind: PermitKind,
    /// When it expires.
    pub expires_on: NaiveDate,
    /// When the yearly endorsement (年审/签注) is due, if known.
    #[serde(default)]
    pub endorse_by: Option<NaiveDate>,
}

/// Kinds of permit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PermitKind {
    /// 北京市工作居住证 (work residence permit), endorsed yearly.
    WorkResidence,
    /// 居住证 (residence permit).
    Residence,
}

impl PermitKind {
    /// Stable identifier used in reminder ids.
    pub fn id(self) -> &'static str {
        match self {
            PermitKind::WorkResidence => "work_residence",
            PermitKind::Residence => "residence",
        }
    }
}

/// A marital-status change waiting for review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PendingMaritalChange {
    /// When the certificate was uploaded.
    pub submitted_on: NaiveDate,
}

/// A state that parses but cannot be used.
#[derive(Debug, thiserror::Error, PartialEq)]
#[error("{field}: {reason}")]
pub struct StateError {
    /// The offending field, e.g. `applications[0].code`.
    pub field: String,
    /// What is wrong.
    pub reason: String,
}

impl ApplicantState {
    /// Checks what serde cannot: application codes are 13 digits (they end up in deep links).
    pub fn check(&self) -> Result<(), StateError> {
        let codes = self
            .applications
            .iter()
            .enumerate()
            .map(|(i, a)| (format!("applications[{i}].code"), &a.code))
            .chain(
                self.quota
                    .iter()
                    .map(|q| ("quota.code".to_owned(), &q.code)),
            );
        for (field, code) in codes {
            if code.len() != 13 || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(StateError {
                    field,
                    reason: format!("'{code}' is not 13 digits"),
                });
            }
        }
        Ok(())
    }
}
