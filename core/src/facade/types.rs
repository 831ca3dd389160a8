//! The records and enums the facade takes and returns: plain owned data, serialisable. What the
//! portal sends is the contract's ([`crate::api`]), re-exported here; the rest is the facade's
//! own (cache views, screens, notifications).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::calendar::EventKind;
use crate::documents::DocumentKind;
use crate::draw_day::PlannedCheck;
use crate::i18n::{Reason, Text};
use crate::reminders::Reminder;

pub use super::cards::{
    AccountCard, ApplicationCard, Countdown, NotWonResult, ResultCard, WonResult,
};

pub use crate::api::{
    Account, AddressChange, Application, ApplicationForm, ApplicationKind, ApplicationStatus,
    CodeSent, FamilyForm, FieldCheck, MaritalChange, MaritalChangeStatus, MaritalStatus,
    MemberForm, PeriodOutcome, PeriodStatus, Preview, QuotaStatus, Registration, SmsPurpose,
};

/// One entry of an application's status history, as this device saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    /// The status.
    pub status: ApplicationStatus,
    /// Reasons given with it.
    pub reasons: Vec<Reason>,
    /// When this device first saw it.
    pub seen_at: DateTime<Utc>,
}

/// A material stored on the portal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Which material.
    pub kind: DocumentKind,
    /// SHA-256 of the file, hex.
    pub sha256: String,
    /// `image/jpeg` or `image/png`.
    pub media_type: String,
    /// Size in bytes.
    pub size: i64,
    /// The local copy, if this device has one.
    pub local_path: Option<String>,
    /// When the portal stored it.
    pub uploaded_at: Option<DateTime<Utc>>,
}

/// An application with its history and materials (from the cache).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationDetail {
    /// The application.
    pub application: Application,
    /// Status history, oldest first.
    pub history: Vec<StatusChange>,
    /// Materials on the portal.
    pub documents: Vec<Document>,
}

/// A material waiting to be sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingUpload {
    /// Which material.
    pub kind: DocumentKind,
    /// The prepared JPEG on this device.
    pub local_path: String,
    /// Its size in bytes.
    pub size: i64,
    /// When it was queued.
    pub queued_at: DateTime<Utc>,
}

/// A locally saved application draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// Local id.
    pub local_id: String,
    /// The portal application holding it, once created there.
    pub application_id: Option<i64>,
    /// Kind.
    pub kind: ApplicationKind,
    /// The form as last saved.
    pub form: ApplicationForm,
    /// Bumped on every save.
    pub revision: i64,
    /// Whether the portal has the latest revision.
    pub synced: bool,
    /// Last save.
    pub updated_at: DateTime<Utc>,
    /// Materials queued for upload, in sending order.
    pub pending_uploads: Vec<PendingUpload>,
}

/// A material the portal refused for good (dropped from the queue).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadRefusal {
    /// The draft.
    pub draft_id: String,
    /// The material.
    pub kind: DocumentKind,
    /// Why, with what to do.
    pub message: Text,
}

/// What a sync of drafts and uploads achieved.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SyncReport {
    /// Drafts whose latest revision reached the portal.
    pub drafts_synced: u32,
    /// Materials sent.
    pub uploads_sent: u32,
    /// Materials refused (removed from the queue).
    pub refused: Vec<UploadRefusal>,
    /// Work still waiting (for the network), drafts and uploads.
    pub pending: u32,
}

/// A calendar event ahead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpcomingEvent {
    /// What happens.
    pub kind: EventKind,
    /// Its label.
    pub title: Text,
    /// When (UTC; show in Beijing time).
    pub at: DateTime<Utc>,
    /// Seconds from now.
    pub countdown_seconds: i64,
    /// Whether the date was announced (not projected).
    pub announced: bool,
}

/// The outcome of one code in one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultOutcome {
    /// Period number: year + draw sequence (`202606`).
    pub period: String,
    /// Application code.
    pub code: String,
    /// Whether the code won.
    pub won: bool,
    /// Row (序号) in the published list, when won.
    pub row: Option<u32>,
    /// Whether the published list passed verification.
    pub verified: bool,
}

/// A notification to show now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultNotification {
    /// Stable id: `result:<period>:<code>`.
    pub id: String,
    /// The outcome.
    pub outcome: ResultOutcome,
    /// Title.
    pub title: Text,
    /// Body.
    pub body: Text,
    /// Where tapping leads.
    pub deep_link: String,
}

/// The home screen, from the cache only: every card with its actions, countdowns and texts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    /// The account, if logged in.
    pub account: Option<AccountCard>,
    /// Applications, newest first.
    pub applications: Vec<ApplicationCard>,
    /// Local drafts.
    pub drafts: Vec<Draft>,
    /// The kinds a new application can be under the policy in force (a menu shows these only).
    pub application_kinds: Vec<ApplicationKind>,
    /// The next calendar events with countdowns.
    pub next_events: Vec<UpcomingEvent>,
    /// Latest results of the account's codes, with their meaning.
    pub latest_results: Vec<ResultCard>,
    /// Upcoming reminders.
    pub reminders: Vec<Reminder>,
    /// The next background look for results (the draw-day check plan), if one is due.
    pub next_check: Option<PlannedCheck>,
    /// When the cache was last refreshed from the portal.
    pub refreshed_at: Option<DateTime<Utc>>,
}

/// What the app's notification scheduler should do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderPlan {
    /// Every reminder to have scheduled (stable ids: scheduling again replaces).
    pub schedule: Vec<Reminder>,
    /// Ids scheduled by an earlier plan that no longer apply.
    pub cancel: Vec<String>,
}

impl MaritalStatus {
    /// The label to show.
    pub fn label(self) -> Text {
        match self {
            MaritalStatus::Unmarried => Text::new("未婚", "Unmarried"),
            MaritalStatus::Married => Text::new("已婚", "Married"),
            MaritalStatus::Divorced => Text::new("离异", "Divorced"),
            MaritalStatus::Widowed => Text::new("丧偶", "Widowed"),
        }
    }
}

impl ApplicationStatus {
    /// The label to show.
    pub fn label(&self) -> Text {
        match self {
            ApplicationStatus::Draft => Text::new("草稿", "Draft"),
            ApplicationStatus::UnderReview => Text::new("审核中", "Under review"),
            ApplicationStatus::Approved => Text::new("审核通过", "Approved"),
            ApplicationStatus::Rejected => Text::new("审核未通过", "Rejected"),
            ApplicationStatus::Won => Text::new("已中签", "Won"),
            ApplicationStatus::Removed => Text::new("已移出", "Removed"),
            ApplicationStatus::Withdrawn => Text::new("已撤回", "Withdrawn"),
            ApplicationStatus::Other { raw } => Text::new(raw.clone(), raw.clone()),
        }
    }
}
