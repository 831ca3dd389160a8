//! The facade's records and enums as they cross the boundary (uniffi remote types).

use crate::records::Instant;
use chrono::NaiveDate;
use yaohao_core::api::{PeriodKind, UnitProfile, UnitRegistration, WebPushKeys};
use yaohao_core::calendar::EventKind;
use yaohao_core::documents::DocumentKind;
use yaohao_core::draw_day::PlannedCheck;
use yaohao_core::facade::{
    Account, AccountCard, AccountHolder, AddressChange, Announcement, Application, ApplicationCard,
    ApplicationDetail, ApplicationForm, ApplicationKind, ApplicationStatus, CodeSent, Dashboard,
    Document, Draft, FamilyForm, FieldCheck, MaritalChange, MaritalChangeStatus, MaritalStatus,
    MemberForm, PendingUpload, Period, PeriodOutcome, PeriodResult, PeriodStatus, Preview, Quota,
    QuotaStatus, Registration, ReminderPlan, ResultCard, ResultNotification, ResultOutcome,
    SmsPurpose, StatusChange, SyncReport, UpcomingEvent, UploadRefusal,
};
use yaohao_core::i18n::{Lang, Reason, Text};
use yaohao_core::points::{FamilyPoints, Relation};
use yaohao_core::reminders::Reminder;

#[uniffi::remote(Record)]
pub struct WebPushKeys {
    pub p256dh: String,
    pub auth: String,
}

#[uniffi::remote(Enum)]
pub enum Lang {
    Zh,
    En,
}

#[uniffi::remote(Record)]
pub struct Account {
    pub id: i64,
    pub resident_id: String,
    pub name: String,
    pub mobile: String,
    pub marital_status: MaritalStatus,
    pub created_at: Instant,
    pub unit: Option<UnitProfile>,
}

#[uniffi::remote(Record)]
pub struct UnitProfile {
    pub credit_code: String,
    pub unit_name: String,
}

#[uniffi::remote(Enum)]
pub enum SmsPurpose {
    Register,
    Login,
    ResetPassword,
}

#[uniffi::remote(Record)]
pub struct CodeSent {
    pub expires_in: i64,
    pub resend_after: i64,
}

#[uniffi::remote(Record)]
pub struct Registration {
    pub resident_id: String,
    pub name: String,
    pub mobile: String,
    pub password: String,
    pub sms_code: String,
}

#[uniffi::remote(Record)]
pub struct UnitRegistration {
    pub credit_code: String,
    pub unit_name: String,
    pub contact_resident_id: String,
    pub contact_name: String,
    pub mobile: String,
    pub password: String,
    pub sms_code: String,
}

#[uniffi::remote(Enum)]
pub enum AccountHolder {
    Person { resident_id: String },
    Unit { credit_code: String },
}

#[uniffi::remote(Enum)]
pub enum ApplicationKind {
    IndividualOrdinary,
    IndividualNev,
    Family,
    FamilyOrdinary,
    UnitOrdinary,
    UnitNev,
}

#[uniffi::remote(Enum)]
pub enum ApplicationStatus {
    Draft,
    UnderReview,
    Approved,
    Rejected,
    Won,
    Removed,
    Withdrawn,
    Other { raw: String },
}

#[uniffi::remote(Record)]
pub struct MemberForm {
    pub relation: Relation,
    pub resident_id: String,
    pub name: String,
    pub ladder_steps: u32,
    pub nev_queue_full_years: u32,
}

#[uniffi::remote(Record)]
pub struct FamilyForm {
    pub generations: Option<u8>,
    pub main_ladder_steps: u32,
    pub main_nev_queue_full_years: u32,
    pub members: Vec<MemberForm>,
}

#[uniffi::remote(Record)]
pub struct ApplicationForm {
    pub licence_file: Option<String>,
    pub address: Option<String>,
    pub c5_licence: bool,
    pub family: Option<FamilyForm>,
}

#[uniffi::remote(Record)]
pub struct Application {
    pub id: i64,
    pub kind: ApplicationKind,
    pub status: ApplicationStatus,
    pub code: Option<String>,
    pub form: ApplicationForm,
    pub rejection_reasons: Vec<Reason>,
    pub draw_count: i64,
    pub submitted_at: Option<Instant>,
    pub reviewed_at: Option<Instant>,
    pub created_at: Instant,
    pub updated_at: Instant,
    pub continued_on: Option<NaiveDate>,
}

#[uniffi::remote(Record)]
pub struct StatusChange {
    pub status: ApplicationStatus,
    pub reasons: Vec<Reason>,
    pub seen_at: Instant,
}

#[uniffi::remote(Record)]
pub struct Document {
    pub kind: DocumentKind,
    pub sha256: String,
    pub media_type: String,
    pub size: i64,
    pub local_path: Option<String>,
    pub uploaded_at: Option<Instant>,
}

#[uniffi::remote(Record)]
pub struct ApplicationDetail {
    pub application: Application,
    pub history: Vec<StatusChange>,
    pub documents: Vec<Document>,
}

#[uniffi::remote(Record)]
pub struct PendingUpload {
    pub kind: DocumentKind,
    pub local_path: String,
    pub size: i64,
    pub queued_at: Instant,
}

#[uniffi::remote(Record)]
pub struct Draft {
    pub local_id: String,
    pub application_id: Option<i64>,
    pub kind: ApplicationKind,
    pub form: ApplicationForm,
    pub revision: i64,
    pub synced: bool,
    pub updated_at: Instant,
    pub pending_uploads: Vec<PendingUpload>,
}

#[uniffi::remote(Record)]
pub struct FieldCheck {
    pub field: String,
    pub valid: bool,
    pub normalized: Option<String>,
    pub errors: Vec<Reason>,
}

#[uniffi::remote(Record)]
pub struct Preview {
    pub ready: bool,
    pub checks: Vec<FieldCheck>,
    pub required_documents: Vec<DocumentKind>,
    pub missing_documents: Vec<DocumentKind>,
    pub points: Option<FamilyPoints>,
    pub family_problem: Option<Reason>,
}

#[uniffi::remote(Record)]
pub struct UploadRefusal {
    pub draft_id: String,
    pub kind: DocumentKind,
    pub message: Text,
}

#[uniffi::remote(Record)]
pub struct SyncReport {
    pub drafts_synced: u32,
    pub uploads_sent: u32,
    pub refused: Vec<UploadRefusal>,
    pub pending: u32,
}

#[uniffi::remote(Record)]
pub struct UpcomingEvent {
    pub kind: EventKind,
    pub title: Text,
    pub at: Instant,
    pub countdown_seconds: i64,
    pub announced: bool,
}

#[uniffi::remote(Record)]
pub struct ResultOutcome {
    pub period: String,
    pub code: String,
    pub won: bool,
    pub row: Option<u32>,
    pub verified: bool,
}

#[uniffi::remote(Record)]
pub struct ResultNotification {
    pub id: String,
    pub outcome: ResultOutcome,
    pub title: Text,
    pub body: Text,
    pub deep_link: String,
}

#[uniffi::remote(Record)]
pub struct Dashboard {
    pub account: Option<AccountCard>,
    pub applications: Vec<ApplicationCard>,
    pub drafts: Vec<Draft>,
    pub application_kinds: Vec<ApplicationKind>,
    pub next_events: Vec<UpcomingEvent>,
    pub latest_results: Vec<ResultCard>,
    pub reminders: Vec<Reminder>,
    pub next_check: Option<PlannedCheck>,
    pub refreshed_at: Option<Instant>,
}

#[uniffi::remote(Record)]
pub struct ReminderPlan {
    pub schedule: Vec<Reminder>,
    pub cancel: Vec<String>,
}

#[uniffi::remote(Enum)]
pub enum MaritalStatus {
    Unmarried,
    Married,
    Divorced,
    Widowed,
}

#[uniffi::remote(Enum)]
pub enum MaritalChangeStatus {
    Pending,
    Approved,
    Rejected,
    Other { raw: String },
}

#[uniffi::remote(Record)]
pub struct MaritalChange {
    pub id: i64,
    pub requested_status: MaritalStatus,
    pub status: MaritalChangeStatus,
    pub reason: Option<String>,
    pub created_at: Instant,
    pub decided_at: Option<Instant>,
}

#[uniffi::remote(Record)]
pub struct AddressChange {
    pub id: i64,
    pub requested_address: String,
    pub status: MaritalChangeStatus,
    pub reason: Option<String>,
    pub created_at: Instant,
    pub decided_at: Option<Instant>,
}

#[uniffi::remote(Record)]
pub struct Announcement {
    pub id: i64,
    pub title: Text,
    pub body: Text,
    pub published_at: Instant,
}

#[uniffi::remote(Enum)]
pub enum PeriodOutcome {
    Won,
    NotWon,
    Pending,
    Other { raw: String },
}

#[uniffi::remote(Record)]
pub struct PeriodResult {
    pub period: String,
    pub title: String,
    pub code: String,
    pub outcome: PeriodOutcome,
    pub seq: Option<i64>,
    pub position: Option<i64>,
}

#[uniffi::remote(Enum)]
pub enum PeriodKind {
    Draw,
    FamilyDraw,
    UnitDraw,
    UnitNevDraw,
}

#[uniffi::remote(Enum)]
pub enum PeriodStatus {
    Open,
    Frozen,
    Drawn,
    Published,
    Void,
    Other { raw: String },
}

#[uniffi::remote(Record)]
pub struct Period {
    pub id: String,
    pub kind: PeriodKind,
    pub title: String,
    pub quota: i64,
    pub status: PeriodStatus,
    pub cutoff_at: Instant,
    pub freeze_from: Instant,
    pub freeze_until: Instant,
    pub draw_at: Instant,
    pub publish_at: Instant,
    pub pool_size: Option<i64>,
    pub seed: Option<String>,
    pub run_at: Option<Instant>,
    pub published_at: Option<Instant>,
}

#[uniffi::remote(Enum)]
pub enum QuotaStatus {
    PendingConfirmation,
    Confirmed,
    Forfeited,
    Expired,
    Other { raw: String },
}

#[uniffi::remote(Record)]
pub struct Quota {
    pub id: i64,
    pub application_id: i64,
    pub period: String,
    pub certificate: String,
    pub status: QuotaStatus,
    pub issued_at: Instant,
    pub confirm_by: Instant,
    pub confirmed_at: Option<Instant>,
    pub expires_at: Instant,
}
