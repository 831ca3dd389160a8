//! Core types as they cross the boundary (uniffi remote types: the core stays free of FFI
//! attributes) and the custom conversions for dates and instants.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use yaohao_core::calendar::{Event, EventKind};
use yaohao_core::documents::{DocumentKind, PreparedDocument};
use yaohao_core::eligibility::{Eligibility, PersonFacts, Residence};
use yaohao_core::i18n::Reason;
use yaohao_core::i18n::Text;
use yaohao_core::odds::{Odds, OddsInput, OddsPoint};
use yaohao_core::points::{Family, FamilyPoints, Member, MemberPoints, Relation};
use yaohao_core::reminders::{Reminder, ReminderKind};
use yaohao_core::validate::{Field, Validation};

/// An instant crosses as `java.time.Instant` / `Date`.
pub type Instant = DateTime<Utc>;
uniffi::custom_type!(Instant, std::time::SystemTime, { remote });

/// A Beijing wall-clock instant crosses as an instant; it comes back in Beijing time.
pub type BeijingTime = DateTime<FixedOffset>;
uniffi::custom_type!(BeijingTime, std::time::SystemTime, {
    remote,
    lower: |t| t.with_timezone(&Utc).into(),
    try_lift: |t| Ok(DateTime::<Utc>::from(t).with_timezone(&yaohao_core::time::beijing())),
});

// A date crosses as `YYYY-MM-DD`; a malformed one is refused as `YaohaoError::InvalidInput`
// (uniffi hands a failed argument lift to the function's own error type).
uniffi::custom_type!(NaiveDate, String, {
    remote,
    try_lift: |s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| crate::YaohaoError::bad_date(&s).into()),
    lower: |d| d.format("%Y-%m-%d").to_string(),
});

#[uniffi::remote(Record)]
pub struct Reason {
    pub code: String,
    pub message_zh: String,
    pub message_en: String,
}

#[uniffi::remote(Record)]
pub struct Validation {
    pub valid: bool,
    pub normalized: Option<String>,
    pub errors: Vec<Reason>,
}

#[uniffi::remote(Enum)]
pub enum Field {
    Id,
    Name,
    Phone,
    LicenceFile,
    Code,
    Address,
    CreditCode,
    UnitName,
}

#[uniffi::remote(Enum)]
pub enum Relation {
    Main,
    Spouse,
    Child,
    Parent,
    SpouseParent,
    Other,
}

#[uniffi::remote(Record)]
pub struct Member {
    pub relation: Relation,
    pub ladder_steps: u32,
    pub nev_queue_full_years: u32,
}

#[uniffi::remote(Record)]
pub struct Family {
    pub generations: Option<u8>,
    pub family_full_years: u32,
    pub members: Vec<Member>,
}

#[uniffi::remote(Record)]
pub struct MemberPoints {
    pub relation: Relation,
    pub base: u32,
    pub points: u32,
}

#[uniffi::remote(Record)]
pub struct FamilyPoints {
    pub total: u32,
    pub generations: u8,
    pub spouse_included: bool,
    pub members: Vec<MemberPoints>,
    pub formula: String,
}

#[uniffi::remote(Record)]
pub struct OddsInput {
    pub pool_size: u64,
    pub quota: u64,
    pub weight: u32,
    pub unsuccessful_draws: Option<u32>,
    pub c5: bool,
    pub draws_per_year: f64,
}

#[uniffi::remote(Record)]
pub struct Odds {
    pub probability: f64,
    pub one_in: f64,
    pub expected_draws: f64,
    pub median_draws: u32,
    pub expected_years: f64,
    pub median_years: f64,
    pub capped: bool,
    pub curve: Vec<OddsPoint>,
}

#[uniffi::remote(Record)]
pub struct OddsPoint {
    pub draws: u32,
    pub years: f64,
    pub probability: f64,
}

#[uniffi::remote(Enum)]
pub enum Residence {
    BeijingHukou,
    MilitaryInBeijing,
    WorkResidencePermit {
        valid_until: NaiveDate,
    },
    ResidencePermit {
        valid_until: NaiveDate,
        social_insurance_months: u32,
        income_tax_months: u32,
    },
    Unqualified,
}

#[uniffi::remote(Record)]
pub struct PersonFacts {
    pub birth_date: NaiveDate,
    pub residence: Residence,
    pub licence_valid_until: Option<NaiveDate>,
    pub owns_beijing_car: bool,
    pub holds_valid_quota: bool,
}

#[uniffi::remote(Record)]
pub struct Eligibility {
    pub eligible: bool,
    pub failures: Vec<Reason>,
}

#[uniffi::remote(Record)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

#[uniffi::remote(Enum)]
pub enum EventKind {
    ApplicationWindowOpens,
    ApplicationWindowCloses,
    ApplicationCutoff,
    DataFreezeStarts,
    DataFreezeEnds,
    Draw,
    NevAllocation,
    ResultsPublished,
    ContinuationOpens,
    ContinuationCloses,
    Cleanup,
}

#[uniffi::remote(Record)]
pub struct Event {
    pub kind: EventKind,
    pub date: NaiveDate,
    pub at: BeijingTime,
    pub announced: bool,
    pub note: Text,
}

#[uniffi::remote(Enum)]
pub enum ReminderKind {
    CutoffSoon,
    DrawDay,
    AllocationDay,
    ResultsOut,
    ConfirmQuota,
    QuotaExpiry,
    Continuation,
    ContinuationLastDays,
    LapseWarning,
    PermitEndorsement,
    PermitExpiry,
    LicenceExpiry,
    MaritalReview,
}

#[uniffi::remote(Record)]
pub struct Reminder {
    pub id: String,
    pub kind: ReminderKind,
    pub fire_at: Instant,
    pub title: Text,
    pub body: Text,
    pub deep_link: String,
}

#[uniffi::remote(Enum)]
pub enum DocumentKind {
    IdCardFront,
    IdCardBack,
    IdPhoto,
    DrivingLicence,
    ResidencePermit,
    WorkResidencePermit,
    SocialInsuranceRecord,
    FamilyRelationProof,
    MarriageCertificate,
    AddressProof,
    BusinessLicence,
    TaxProof,
}

#[uniffi::remote(Record)]
pub struct PreparedDocument {
    pub kind: DocumentKind,
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
    pub preview_width: u32,
    pub preview_height: u32,
    pub sharpness: f64,
    pub warnings: Vec<Reason>,
}
