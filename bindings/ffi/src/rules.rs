//! Validation, eligibility, points and odds: pure functions of the core.

use crate::YaohaoError;
use chrono::NaiveDate;
use yaohao_core::eligibility::{self, Eligibility, PersonFacts};
use yaohao_core::odds::{self, Odds, OddsInput};
use yaohao_core::points::{self, Family, FamilyPoints};
use yaohao_core::validate::{self, Field, Validation};

/// Validates one form field as typed.
#[uniffi::export]
pub fn validate_field(field: Field, value: String) -> Validation {
    validate::validate(field, &value)
}

/// Validates a driving-licence file number, naming the licence-number mix-up when the applicant's
/// ID number is known.
#[uniffi::export]
pub fn validate_licence_file(value: String, id_number: Option<String>) -> Validation {
    validate::licence_file(&value, id_number.as_deref())
}

/// Eligibility of an individual on `today` (Beijing date).
#[uniffi::export]
pub fn check_individual_eligibility(
    facts: PersonFacts,
    today: NaiveDate,
) -> Result<Eligibility, YaohaoError> {
    Ok(eligibility::individual(&facts, today))
}

/// A family's points with the formula filled in.
#[uniffi::export]
pub fn family_points(family: Family) -> Result<FamilyPoints, YaohaoError> {
    points::family_points(&family).map_err(|r| YaohaoError::invalid("members", r))
}

/// Ladder weight after `unsuccessful_draws` draws (2014 rule), +1 with a C5 licence.
#[uniffi::export]
pub fn ladder_weight(unsuccessful_draws: u32, c5: bool) -> u32 {
    points::ladder_weight(unsuccessful_draws, c5)
}

/// Odds of the next draw and the expected wait (an estimate).
#[uniffi::export]
pub fn estimate_odds(input: OddsInput) -> Result<Odds, YaohaoError> {
    odds::odds(&input).map_err(|r| {
        let field = r.code.clone();
        YaohaoError::invalid(&field, r)
    })
}
