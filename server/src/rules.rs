//! The seam to `yaohao-core`'s rules. The portal never re-implements a rule: field checks call
//! `yaohao_core::validate`, and a failed check becomes an `invalid_input` error about the field
//! carrying every reason the core gave.

use chrono::NaiveDate;
use yaohao_core::calendar::{self, AnnouncedDate, AnnouncementError};
use yaohao_core::policy::Policy;
use yaohao_core::validate::{self, Validation};

use crate::error::{ApiError, ApiResult};

/// Turns a core validation into the normalised value or an error about `field`.
pub fn accept(field: &str, checked: Validation) -> ApiResult<String> {
    if checked.valid
        && let Some(value) = checked.normalized
    {
        return Ok(value);
    }
    let join = |pick: fn(&yaohao_core::i18n::Reason) -> &str, sep: &str| {
        checked
            .errors
            .iter()
            .map(pick)
            .collect::<Vec<_>>()
            .join(sep)
    };
    let zh = join(|r| r.message_zh.as_str(), "");
    let en = join(|r| r.message_en.as_str(), " ");
    Err(ApiError::invalid(field, zh, en))
}

/// The normalised resident ID number, checked as of the Beijing date `today`.
pub fn resident_id(field: &str, raw: &str, today: NaiveDate) -> ApiResult<String> {
    accept(field, validate::resident_id_on(raw, today))
}

/// The normalised unified social credit code of a unit.
pub fn credit_code(field: &str, raw: &str) -> ApiResult<String> {
    accept(field, validate::credit_code(raw))
}

/// The prefix of a unit's login key.
pub const UNIT_KEY: &str = "unit:";

/// The login key of an account (`accounts.resident_id`): a person's resident ID, or
/// `unit:<credit code>` for a unit's; exactly one of the two must be given.
pub fn login_key(person: Option<&str>, unit: Option<&str>, today: NaiveDate) -> ApiResult<String> {
    match (person, unit) {
        (Some(id), None) => resident_id("resident_id", id, today),
        (None, Some(code)) => Ok(unit_key(&credit_code("credit_code", code)?)),
        (Some(_), Some(_)) => Err(ApiError::invalid(
            "credit_code",
            "身份证号与统一社会信用代码只填其一：个人账户填身份证号，单位账户填信用代码",
            "give either the resident ID (a person's account) or the credit code (a unit's), not both",
        )),
        (None, None) => Err(ApiError::invalid(
            "resident_id",
            "缺少必填项：个人账户填身份证号，单位账户填统一社会信用代码（credit_code）",
            "missing required field: a person's resident ID, or a unit's credit code (credit_code)",
        )),
    }
}

/// The login key of the unit with this (normalised) credit code.
pub fn unit_key(credit_code: &str) -> String {
    format!("{UNIT_KEY}{credit_code}")
}

/// The applicant's name exactly as on the ID.
pub fn name(field: &str, raw: &str) -> ApiResult<String> {
    accept(field, validate::name(raw))
}

/// The normalised mainland mobile number.
pub fn mobile(field: &str, raw: &str) -> ApiResult<String> {
    accept(field, validate::phone(raw))
}

/// Accepts `new` if it moves an event `policy` projects and keeps it between its neighbours
/// (`calendar::check_announcement`, with the `announced` dates already in force).
pub fn announcement(
    policy: &Policy,
    new: &AnnouncedDate,
    announced: &[AnnouncedDate],
) -> ApiResult<()> {
    calendar::check_announcement(policy, new, announced).map_err(|e| match e {
        AnnouncementError::NotProjected => ApiError::invalid(
            "projected",
            "该政策在此日期没有这类事件，请给出日历上的原定日期",
            "the policy projects no event of that kind on that date: give its date from the \
             calendar",
        ),
        AnnouncementError::OutsideCycle { after, before } => ApiError::invalid(
            "at",
            format!("改期后的日期须在 {after} 与 {before} 之间（同类事件的前后两次之间）"),
            format!(
                "the new date must fall between {after} and {before}, the events of that kind \
                 before and after"
            ),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    #[test]
    fn core_verdicts_become_field_errors() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        assert_eq!(
            resident_id("id", "110105199001011232", today).unwrap(),
            "110105199001011232"
        );
        let e = resident_id("id", "110105199001011233", today).unwrap_err();
        assert_eq!(
            (&e.body().code, e.body().field.as_deref()),
            (&ErrorCode::InvalidInput, Some("id"))
        );
        assert!(!e.body().message_en.is_empty());
        assert!(mobile("mobile", "12").is_err());
    }
}
