//! Applications: a new draft, a saved form, the application as its owner reads it, and the
//! preview of every check a submission runs. The form itself is [`super::forms`].

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::documents::DocumentKind;
use super::forms::{ApplicationForm, ApplicationKind};
use super::status::ApplicationStatus;
use crate::i18n::Reason;
use crate::points::FamilyPoints;
use crate::validate::Validation;

/// `POST /v1/applications`: a new draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewApplication {
    /// Kind.
    pub kind: ApplicationKind,
    /// The form so far (empty when absent).
    #[serde(default)]
    pub form: ApplicationForm,
}

/// `PUT /v1/applications/{id}`: the form of a draft or rejected application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormUpdate {
    /// The whole form.
    pub form: ApplicationForm,
}

/// An application as its owner reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    /// Portal id.
    pub id: i64,
    /// Kind.
    pub kind: ApplicationKind,
    /// Status.
    pub status: ApplicationStatus,
    /// 13-digit application code, once submitted.
    #[serde(default)]
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

/// One field check of a [`Preview`].
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

impl FieldCheck {
    /// The check of `field` from the core's verdict.
    pub fn new(field: impl Into<String>, validation: Validation) -> FieldCheck {
        FieldCheck {
            field: field.into(),
            valid: validation.valid,
            normalized: validation.normalized,
            errors: validation.errors,
        }
    }
}

/// `GET /v1/applications/{id}/preview`: everything a submission would check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    /// Whether submitting would succeed now.
    pub ready: bool,
    /// Field checks.
    pub checks: Vec<FieldCheck>,
    /// Every material an application of this kind needs, in form order.
    #[serde(default)]
    pub required_documents: Vec<DocumentKind>,
    /// Required materials the portal does not have yet.
    pub missing_documents: Vec<DocumentKind>,
    /// Family points and their formula (family applications).
    #[serde(default)]
    pub points: Option<FamilyPoints>,
    /// Why the family is not a valid family application, if it is not.
    #[serde(default)]
    pub family_problem: Option<Reason>,
}
