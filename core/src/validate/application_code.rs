//! Application codes (申请编码): exactly 13 ASCII digits.

use super::{Validation, digits_only, required};
use crate::i18n::Reason;

/// The number of digits in an application code.
pub const CODE_DIGITS: usize = 13;

/// Reads an application code as a person types it (spaces, hyphens, full-width digits), or
/// explains what is wrong: the one parser behind every place a code is typed (the validator, the
/// result-file checks, the CLI and the apps).
pub fn read_code(value: &str) -> Result<crate::results::Code, Reason> {
    let checked = application_code(value);
    checked
        .normalized
        .as_deref()
        .and_then(crate::results::Code::parse)
        .ok_or_else(|| {
            checked.errors.into_iter().next().unwrap_or_else(|| {
                Reason::new(
                    "code_length",
                    "申请编码应为 13 位数字。",
                    "An application code has 13 digits.",
                )
            })
        })
}

/// Validates an application code; spaces, hyphens and full-width digits are cleaned up.
pub fn application_code(value: &str) -> Validation {
    if value.trim().is_empty() {
        return Validation::new(None, vec![required("申请编码", "application code")]);
    }
    let Some(digits) = digits_only(value) else {
        return Validation::new(
            None,
            vec![Reason::new(
                "code_characters",
                "申请编码只能包含数字（13 位）。",
                "An application code contains only digits (13 of them).",
            )],
        );
    };
    if digits.len() != CODE_DIGITS {
        return Validation::new(
            None,
            vec![Reason::new(
                "code_length",
                format!(
                    "申请编码应为 13 位数字，您填写了 {} 位。忘记编码可登录后在“我的申请”中查看。",
                    digits.len()
                ),
                format!(
                    "An application code has 13 digits; you entered {}. Forgot it? Log in and see My applications.",
                    digits.len()
                ),
            )],
        );
    }
    Validation::new(Some(digits), vec![])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_read_as_the_validator_accepts_them() {
        for typed in [
            "1234 5678 90123",
            "１２３４５６７８９０１２３",
            "1234-5678-90123",
        ] {
            assert_eq!(read_code(typed).unwrap().to_string(), "1234567890123");
        }
        assert_eq!(read_code("123").unwrap_err().code, "code_length");
        assert_eq!(
            read_code("12345678901x3").unwrap_err().code,
            "code_characters"
        );
    }

    #[test]
    fn validates_codes() {
        assert_eq!(
            application_code("1234 5678 90123").normalized.as_deref(),
            Some("1234567890123")
        );
        assert!(application_code("０６６２１０２１３８６８０").valid);
        assert_eq!(application_code("123456789012").codes(), ["code_length"]);
        assert_eq!(application_code("12345678901234").codes(), ["code_length"]);
        assert_eq!(
            application_code("123456789012a").codes(),
            ["code_characters"]
        );
        assert_eq!(application_code(" ").codes(), ["required"]);
    }
}
