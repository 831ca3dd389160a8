//! Mainland mobile numbers (手机号码): 11 digits starting 13–19.

use super::{Validation, digits_only, required};
use crate::i18n::Reason;

/// Validates a mobile number; `+86`/`86` prefixes, spaces and hyphens are removed.
pub fn phone(value: &str) -> Validation {
    if value.trim().is_empty() {
        return Validation::new(None, vec![required("手机号码", "mobile number")]);
    }
    let without_plus = value
        .trim()
        .trim_start_matches('+')
        .trim_start_matches('＋');
    let Some(mut digits) = digits_only(without_plus) else {
        return Validation::new(
            None,
            vec![Reason::new(
                "phone_characters",
                "手机号码只能包含数字。",
                "A mobile number contains only digits.",
            )],
        );
    };
    if digits.len() == 13 && digits.starts_with("86") {
        digits.drain(..2);
    }
    let mut errors = Vec::new();
    if digits.len() != 11 {
        errors.push(Reason::new(
            "phone_length",
            format!("手机号码应为 11 位，您填写了 {} 位。", digits.len()),
            format!(
                "A mobile number has 11 digits; you entered {}.",
                digits.len()
            ),
        ));
    } else if !(digits.starts_with('1') && matches!(digits.as_bytes()[1], b'3'..=b'9')) {
        errors.push(Reason::new(
            "phone_prefix",
            "手机号码应以 13–19 开头，请检查是否填成了座机号码。",
            "A mobile number starts with 13–19; check that this is not a landline number.",
        ));
    }
    let normalized = errors.is_empty().then_some(digits);
    Validation::new(normalized, errors)
}

/// Masks a mobile number for screens and logs: first 3, `****`, last 4 (`138****5678`);
/// anything shorter than 11 characters is fully masked.
pub fn mask_mobile(number: &str) -> String {
    let chars: Vec<char> = number.chars().collect();
    if chars.len() < 11 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}****{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_common_formats() {
        for input in [
            "13800138000",
            "+86 138 0013 8000",
            "86-138-0013-8000",
            "１３８００１３８０００",
        ] {
            let v = phone(input);
            assert!(v.valid, "{input}");
            assert_eq!(v.normalized.as_deref(), Some("13800138000"));
        }
    }

    #[test]
    fn explains_mistakes() {
        assert_eq!(phone("").codes(), ["required"]);
        assert_eq!(phone("1380013800").codes(), ["phone_length"]);
        assert_eq!(phone("01062345678").codes(), ["phone_prefix"]);
        assert_eq!(phone("12800138000").codes(), ["phone_prefix"]);
        assert_eq!(phone("138OO138000").codes(), ["phone_characters"]);
    }

    #[test]
    fn masks_mobiles() {
        assert_eq!(mask_mobile("13812345678"), "138****5678");
        assert_eq!(mask_mobile("+8613812345678"), "+86****5678");
        assert_eq!(mask_mobile("1381234"), "*******");
    }
}
