//! The records and enums the facade takes and returns: plain owned data, serialisable, with the
//! portal's JSON field names so the wire and the cache share one shape.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::calendar::EventKind;
use crate::documents::DocumentKind;
use crate::i18n::{Reason, Text};
use crate::points::FamilyPoints;
use crate::reminders::Reminder;

pub use crate::forms::{ApplicationForm, ApplicationKind, FamilyForm, MemberForm};

/// The logged-in applicant's account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// Portal account id.
    pub id: i64,
    /// Resident ID number (show it masked: [`crate::validate::mask`]).
    pub resident_id: String,
    /// Name as on the ID.
    pub name: String,
    /// Registered mobile.
    pub mobile: String,
    /// `unmarried`, `married`, `divorced` or `widowed`.
    pub marital_status: String,
    /// When the account was created.
    pub created_at: DateTime<Utc>,
}

/// What an SMS code is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SmsPurpose {
    /// Registering (sent to the new mobile).
    Register,
    /// Logging in (sent to the account's mobile).
    Login,
    /// Resetting the password.
    ResetPassword,
}

/// An SMS code was sent (or, to protect privacy, would have been).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeSent {
    /// Seconds the code stays valid.
    pub expires_in: i64,
    /// Seconds before another code may be requested.
    pub resend_after: i64,
}

/// A new account's details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registration {
    /// Resident ID number.
    pub resident_id: String,
    /// Name exactly as on the ID.
    pub name: String,
    /// Mainland mobile number.
    pub mobile: String,
    /// Password (the portal's policy applies).
    pub password: String,
    /// The code sent to `mobile`.
    pub sms_code: String,
}

/// Where an application stands: the known statuses and the raw name of any other.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum ApplicationStatus {
    /// Being edited.
    Draft,
    /// 审核中.
    UnderReview,
    /// 审核通过: in the pool.
    Approved,
    /// 审核未通过 (see the reasons).
    Rejected,
    /// Won a quota.
    Won,
    /// Removed from the pool (may be re-activated).
    Removed,
    /// A status this build does not know.
    Other {
        /// The portal's name.
        raw: String,
    },
}

impl ApplicationStatus {
    /// The portal's name.
    pub fn as_str(&self) -> &str {
        match self {
            ApplicationStatus::Draft => "draft",
            ApplicationStatus::UnderReview => "under_review",
            ApplicationStatus::Approved => "approved",
            ApplicationStatus::Rejected => "rejected",
            ApplicationStatus::Won => "won",
            ApplicationStatus::Removed => "removed",
            ApplicationStatus::Other { raw } => raw,
        }
    }

    /// The label to show.
    pub fn label(&self) -> Text {
        match self {
            ApplicationStatus::Draft => Text::new("草稿", "Draft"),
            ApplicationStatus::UnderReview => Text::new("审核中", "Under review"),
            ApplicationStatus::Approved => Text::new("审核通过", "Approved"),
            ApplicationStatus::Rejected => Text::new("审核未通过", "Rejected"),
            ApplicationStatus::Won => Text::new("已中签", "Won"),
            ApplicationStatus::Removed => Text::new("已移出", "Removed"),
            ApplicationStatus::Other { raw } => Text::new(raw.clone(), raw.clone()),
        }
    }
}

impl From<String> for ApplicationStatus {
    fn from(raw: String) -> ApplicationStatus {
        match raw.as_str() {
            "draft" => ApplicationStatus::Draft,
            "under_review" => ApplicationStatus::UnderReview,
            "approved" => ApplicationStatus::Approved,
            "rejected" => ApplicationStatus::Rejected,
            "won" => ApplicationStatus::Won,
            "removed" => ApplicationStatus::Removed,
            _ => ApplicationStatus::Other { raw },
        }
    }
}

impl From<ApplicationStatus> for String {
    fn from(status: ApplicationStatus) -> String {
        status.as_str().to_owned()
    }
}

/// An application as the portal last reported it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    /// Portal id.
    pub id: i64,
    /// Kind.
    pub kind: ApplicationKind,
    /// Status.
    pub status: ApplicationStatus,
    /// 13-digit application code, once submitted.
    pub code: Option<String>,
    /// The form.
    pub form: ApplicationForm,
    /// Why the last review rejected it.
    #[serde(default)]
    pub rejection_reasons: Vec<Reason>,
    /// Unsuccessful draws so far.
    #[serde(default)]
    pub draw_count: i64,
    /// First submission.
    #[serde(default)]
    pub submitted_at: Option<DateTime<Utc>>,
    /// Last review.
    #[serde(default)]
    pub reviewed_at: Option<DateTime<Utc>>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
    /// The Beijing date it was last continued (继续参与), if ever.
    #[serde(default)]
    pub continued_on: Option<NaiveDate>,
}

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

/// One field check of a preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldCheck {
    /// The form field, e.g. `licence_file` or `family.members[0].name`.
    pub field: String,
    /// Whether it passes.
    pub valid: bool,
    /// The value as it should be submitted, if a fix is certain.
    #[serde(default)]
    pub normalized: Option<String>,
    /// Every problem, in fixing order.
    #[serde(default)]
    pub errors: Vec<Reason>,
}

/// Everything a submission would check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    /// Whether submitting would succeed now.
    pub ready: bool,
    /// Field checks.
    pub checks: Vec<FieldCheck>,
    /// Required materials the portal does not have yet (portal names).
    pub missing_documents: Vec<String>,
    /// Family points (family applications).
    #[serde(default)]
    pub points: Option<FamilyPoints>,
    /// Why the family is not valid, if it is not.
    #[serde(default)]
    pub family_problem: Option<Reason>,
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

/// The home screen, from the cache only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    /// The account, if logged in.
    pub account: Option<Account>,
    /// Applications, newest first.
    pub applications: Vec<Application>,
    /// Local drafts.
    pub drafts: Vec<Draft>,
    /// The next calendar events with countdowns.
    pub next_events: Vec<UpcomingEvent>,
    /// Latest results of the account's codes.
    pub latest_results: Vec<ResultOutcome>,
    /// Upcoming reminders.
    pub reminders: Vec<Reminder>,
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

/// Marital statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MaritalStatus {
    /// 未婚.
    Unmarried,
    /// 已婚.
    Married,
    /// 离异.
    Divorced,
    /// 丧偶.
    Widowed,
}

/// A marital-status change request (reviewed in about 5 working days).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaritalChange {
    /// Portal id.
    pub id: i64,
    /// The status asked for.
    pub requested_status: MaritalStatus,
    /// `pending`, `approved` or `rejected`.
    pub status: String,
    /// Why it was rejected.
    #[serde(default)]
    pub reason: Option<String>,
    /// When it was requested.
    pub created_at: DateTime<Utc>,
    /// When it was decided.
    #[serde(default)]
    pub decided_at: Option<DateTime<Utc>>,
}
