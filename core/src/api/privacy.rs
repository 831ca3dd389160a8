//! The applicant's rights over their data (PIPL): a copy of everything the portal holds, and the
//! deletion of the account.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{
    Account, AddressChange, Application, Device, Document, MaritalChange, Quota, ResultEntry,
};

/// `POST /v1/me/deletion`: deletes the account of the session, confirmed with its password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountDeletion {
    /// The account's password.
    pub password: String,
}

/// `GET /v1/me/export`: everything the portal holds about the applicant. The resident ID and the
/// mobile are unmasked here, and only here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataExport {
    /// When the copy was made.
    pub exported_at: DateTime<Utc>,
    /// The account, unmasked.
    pub account: Account,
    /// Every application with its materials (metadata and SHA-256; the files stay on the portal).
    pub applications: Vec<ExportedApplication>,
    /// Every marital-status change request.
    pub marital_changes: Vec<MaritalChange>,
    /// Every address change request.
    #[serde(default)]
    pub address_changes: Vec<AddressChange>,
    /// Every quota won.
    pub quotas: Vec<Quota>,
    /// The outcome of every draw an application took part in.
    pub results: Vec<ResultEntry>,
    /// The devices registered for result alerts.
    pub devices: Vec<Device>,
    /// Every session: when it began, until when, and why it ended.
    pub sessions: Vec<SessionRecord>,
}

/// One application in a [`DataExport`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedApplication {
    /// The application, with its form.
    pub application: Application,
    /// Its materials.
    pub documents: Vec<Document>,
}

/// One session in a [`DataExport`] (never its token).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRecord {
    /// When it began (the login).
    pub created_at: DateTime<Utc>,
    /// When it expires or expired.
    pub expires_at: DateTime<Utc>,
    /// Why it ended early (`logout`, `logged_in_elsewhere`, …), if it did.
    #[serde(default)]
    pub ended_reason: Option<String>,
}
