//! Accounts: SMS codes, registration, sessions, password reset, mobile and marital-status
//! changes.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::status::MaritalChangeStatus;

/// Marital statuses (a closed set: the client sends them).
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

impl MaritalStatus {
    /// Every status.
    pub const ALL: [MaritalStatus; 4] = [
        MaritalStatus::Unmarried,
        MaritalStatus::Married,
        MaritalStatus::Divorced,
        MaritalStatus::Widowed,
    ];

    /// The wire (and stored) name.
    pub fn as_str(self) -> &'static str {
        match self {
            MaritalStatus::Unmarried => "unmarried",
            MaritalStatus::Married => "married",
            MaritalStatus::Divorced => "divorced",
            MaritalStatus::Widowed => "widowed",
        }
    }

    /// The status with this name.
    pub fn parse(name: &str) -> Option<MaritalStatus> {
        MaritalStatus::ALL.into_iter().find(|s| s.as_str() == name)
    }
}

/// An applicant's account (`POST /v1/accounts`, `GET /v1/me`, `PUT /v1/me/mobile`).
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
    /// Marital status (changed only through a reviewed [`MaritalChange`]).
    pub marital_status: MaritalStatus,
    /// When the account was created.
    pub created_at: DateTime<Utc>,
    /// The unit, for a unit's account (单位账户): then the ID, name and mobile above are its
    /// contact person's (经办人).
    #[serde(default)]
    pub unit: Option<UnitProfile>,
}

/// A unit (company, institution) holding an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitProfile {
    /// 统一社会信用代码 (18 characters, GB 32100-2015).
    pub credit_code: String,
    /// The unit's registered name.
    pub unit_name: String,
}

/// `POST /v1/units`: a new unit's account, kept by its contact person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitRegistration {
    /// 统一社会信用代码.
    pub credit_code: String,
    /// The unit's registered name.
    pub unit_name: String,
    /// The contact person's resident ID number.
    pub contact_resident_id: String,
    /// The contact person's name exactly as on the ID.
    pub contact_name: String,
    /// The contact person's mainland mobile number.
    pub mobile: String,
    /// Password (8–64 characters with a letter and a digit).
    pub password: String,
    /// The code sent to `mobile`.
    pub sms_code: String,
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

/// `POST /v1/sms-codes`: register needs `mobile`, login `resident_id` (a unit: `credit_code`),
/// a reset both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeRequest {
    /// What the code is for.
    pub purpose: SmsPurpose,
    /// The mobile number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile: Option<String>,
    /// The resident ID number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resident_id: Option<String>,
    /// A unit's credit code, instead of `resident_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_code: Option<String>,
}

/// An SMS code was sent (or, to protect privacy, would have been).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeSent {
    /// Seconds the code stays valid.
    pub expires_in: i64,
    /// Seconds before another code may be requested.
    pub resend_after: i64,
}

/// `POST /v1/accounts`: a new individual applicant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registration {
    /// Resident ID number.
    pub resident_id: String,
    /// Name exactly as on the ID.
    pub name: String,
    /// Mainland mobile number.
    pub mobile: String,
    /// Password (8–64 characters with a letter and a digit).
    pub password: String,
    /// The code sent to `mobile`.
    pub sms_code: String,
}

/// `POST /v1/sessions`: log in, as a person by resident ID or as a unit by credit code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Login {
    /// Resident ID number (a person's account).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resident_id: Option<String>,
    /// 统一社会信用代码 (a unit's account).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_code: Option<String>,
    /// Password.
    pub password: String,
    /// The login code.
    pub sms_code: String,
}

/// A new session (the answer to [`Login`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// Bearer token (64 hex characters).
    pub token: String,
    /// When it expires.
    pub expires_at: DateTime<Utc>,
    /// The account.
    pub account: Account,
}

/// `POST /v1/password-resets`, for a person's account (`resident_id`) or a unit's
/// (`credit_code`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordReset {
    /// Resident ID number (a person's account).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resident_id: Option<String>,
    /// 统一社会信用代码 (a unit's account).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_code: Option<String>,
    /// The registered mobile.
    pub mobile: String,
    /// The reset code.
    pub sms_code: String,
    /// The new password.
    pub new_password: String,
}

/// `POST /v1/me/mobile/codes`: codes to the current and the new number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MobileCodes {
    /// The new number.
    pub new_mobile: String,
}

/// `PUT /v1/me/mobile`: the change, confirmed by both codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MobileChange {
    /// The new number.
    pub new_mobile: String,
    /// The code sent to the current number.
    pub old_code: String,
    /// The code sent to the new number.
    pub new_code: String,
}

/// A marital-status change request (reviewed in about 5 working days).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaritalChange {
    /// Portal id.
    pub id: i64,
    /// The status asked for.
    pub requested_status: MaritalStatus,
    /// The review.
    pub status: MaritalChangeStatus,
    /// Why it was rejected.
    #[serde(default)]
    pub reason: Option<String>,
    /// When it was requested.
    pub created_at: DateTime<Utc>,
    /// When it was decided.
    #[serde(default)]
    pub decided_at: Option<DateTime<Utc>>,
}

/// An address change request: the new contact address of the account's approved applications,
/// with a proof of address, reviewed like a marital-status change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressChange {
    /// Portal id.
    pub id: i64,
    /// The address asked for.
    pub requested_address: String,
    /// The review.
    pub status: MaritalChangeStatus,
    /// Why it was rejected.
    #[serde(default)]
    pub reason: Option<String>,
    /// When it was requested.
    pub created_at: DateTime<Utc>,
    /// When it was decided.
    #[serde(default)]
    pub decided_at: Option<DateTime<Utc>>,
}

/// `POST /v1/operator/marital-changes/{id}`, `POST /v1/operator/address-changes/{id}`: the
/// operator's decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// Approve (the account changes) or reject.
    pub approve: bool,
    /// Why, for a rejection.
    #[serde(default)]
    pub reason: Option<String>,
}
