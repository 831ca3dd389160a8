//! Form-field validators. Each returns every problem it finds (a stable code and a message in both
//! languages saying what to do) and, where the value can be cleaned up, the normalized value.

mod address;
mod application_code;
mod credit_code;
mod licence_file;
mod name;
mod password;
mod phone;
mod resident_id;
mod unit_name;
mod width;

pub use address::address;
pub use application_code::{application_code, read_code};
pub use credit_code::{CREDIT_CODE_CHARS, complete_credit_code, credit_code};
pub use licence_file::licence_file;
pub use name::name;
pub use password::password;
pub use phone::{mask_mobile, phone};
pub use resident_id::mask;
pub use resident_id::{
    ResidentId, Sex, check_char, parse_resident_id, resident_id, resident_id_on,
};
pub use unit_name::{UNIT_NAME_CHARS, unit_name};

use crate::i18n::Reason;
use serde::{Deserialize, Serialize};

/// The outcome of validating one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validation {
    /// True when there are no errors.
    pub valid: bool,
    /// The value as it should be submitted (trimmed, half-width, corrected where the fix is
    /// certain), or `None` when no sensible suggestion exists.
    pub normalized: Option<String>,
    /// Every problem found, in the order a person should fix them.
    pub errors: Vec<Reason>,
}

impl Validation {
    /// A validation result from a suggestion and the errors found.
    pub(crate) fn new(normalized: Option<String>, errors: Vec<Reason>) -> Validation {
        Validation {
            valid: errors.is_empty(),
            normalized,
            errors,
        }
    }

    /// The error codes, for tests and logs.
    pub fn codes(&self) -> Vec<&str> {
        self.errors.iter().map(|e| e.code.as_str()).collect()
    }
}

/// The form fields Yaohao validates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// Resident ID number (居民身份证号码).
    Id,
    /// Name as on the ID card (姓名).
    Name,
    /// Mainland mobile number (手机号码).
    Phone,
    /// Driving-licence file number (驾驶证档案编号).
    LicenceFile,
    /// Application code (申请编码).
    Code,
    /// Contact address (联系地址).
    Address,
    /// A unit's unified social credit code (统一社会信用代码).
    CreditCode,
    /// A unit's registered name (单位名称).
    UnitName,
}

/// Validates `value` as `field`.
pub fn validate(field: Field, value: &str) -> Validation {
    match field {
        Field::Id => resident_id(value),
        Field::Name => name(value),
        Field::Phone => phone(value),
        Field::LicenceFile => licence_file(value, None),
        Field::Code => application_code(value),
        Field::Address => address(value),
        Field::CreditCode => credit_code(value),
        Field::UnitName => unit_name(value),
    }
}

/// The error every validator gives for an empty value.
pub(crate) fn required(field_zh: &str, field_en: &str) -> Reason {
    Reason::new(
        "required",
        format!("请填写{field_zh}。"),
        format!("Please enter the {field_en}."),
    )
}

/// Digits of a value after trimming and converting full-width digits, with spaces, hyphens and
/// similar separators removed; `None` when anything else remains.
pub(crate) fn digits_only(value: &str) -> Option<String> {
    let cleaned: String = width::to_half_width(value.trim())
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '\u{3000}'))
        .collect();
    cleaned
        .chars()
        .all(|c| c.is_ascii_digit())
        .then_some(cleaned)
}
