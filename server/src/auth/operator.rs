//! The operator guard: operator endpoints need the configured token in `X-Operator-Token`.

use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;

use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::state::AppState;

/// Header carrying the operator token.
pub const OPERATOR_HEADER: &str = "x-operator-token";

/// Proof that the request carries the operator token.
#[derive(Debug, Clone, Copy)]
pub struct Operator;

/// Compares in time independent of where the inputs first differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

impl FromRequestParts<AppState> for Operator {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Operator> {
        let expected = state.config.operator_token.as_bytes();
        let given = parts
            .headers
            .get(OPERATOR_HEADER)
            .map(|v| v.as_bytes())
            .unwrap_or_default();
        if !expected.is_empty() && same(given, expected) {
            Ok(Operator)
        } else {
            Err(ApiError::new(
                StatusCode::FORBIDDEN,
                ErrorCode::Forbidden,
                "需要运营方权限",
                "operator token required",
            ))
        }
    }
}
