//! The seam to `yaohao-core`'s rules: field validation, eligibility, points, the draw.
//!
//! The portal never re-implements a rule: every check here calls the core. Where the core piece
//! has not landed yet the function says so (see the `SEAM` notes) and accepts only what the
//! portal itself must guarantee (non-empty, trimmed input).

use crate::error::{ApiError, ApiResult};

/// A required text field, trimmed; empty is an `invalid_input` about `field`.
fn required(field: &str, raw: &str) -> ApiResult<String> {
    let value = raw.trim();
    if value.is_empty() {
        Err(ApiError::invalid(
            field,
            format!("{field} 不能为空"),
            format!("{field} is required"),
        ))
    } else {
        Ok(value.to_owned())
    }
}

/// The normalised resident ID number.
// SEAM(core::validate::resident_id): GB 11643 check pending on the core branch.
pub fn resident_id(field: &str, raw: &str) -> ApiResult<String> {
    required(field, raw)
}

/// The applicant's name exactly as on the ID.
// SEAM(core::validate::name): pending on the core branch.
pub fn name(field: &str, raw: &str) -> ApiResult<String> {
    required(field, raw)
}

/// The normalised mainland mobile number.
// SEAM(core::validate::phone): pending on the core branch.
pub fn mobile(field: &str, raw: &str) -> ApiResult<String> {
    required(field, raw)
}
