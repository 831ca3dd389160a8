//! Core types as they cross the boundary (uniffi remote types: the core stays free of FFI
//! attributes) and the custom conversions for dates and instants.

use chrono::{DateTime, NaiveDate, Utc};
use yaohao_core::eligibility::{Eligibility, FamilyFacts, MemberFacts, PersonFacts, Residence};
use yaohao_core::i18n::Reason;
use yaohao_core::odds::{Odds, OddsInput};
use yaohao_core::points::{Family, FamilyPoints, Member, MemberPoints, Relation};
use yaohao_core::validate::{Field, Validation};

/// An instant crosses as `java.time.Instant` / `Date`.
pub type Instant = DateTime<Utc>;
uniffi::custom_type!(Instant, std::time::SystemTime, { remote });

uniffi::custom_type!(NaiveDate, String, {
    remote,
    try_lift: |s| Ok(NaiveDate::parse_from_str(&s, "%Y-%m-%d")?),
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
pub struct MemberFacts {
    pub relation: Relation,
    pub owns_beijing_car: bool,
    pub spouse_owns_beijing_car: bool,
    pub in_other_application: bool,
}

#[uniffi::remote(Record)]
pub struct FamilyFacts {
    pub main: PersonFacts,
    pub members: Vec<MemberFacts>,
    pub won_within_ten_years: bool,
}

#[uniffi::remote(Record)]
pub struct Eligibility {
    pub eligible: bool,
    pub failures: Vec<Reason>,
}
