//! A unit's registered name (单位名称), as on its business licence.

use super::{Validation, required};
use crate::i18n::Reason;

/// The most characters a unit's name may have.
pub const UNIT_NAME_CHARS: usize = 100;

/// Validates a unit's name: trimmed, 1–100 characters, no control characters.
pub fn unit_name(value: &str) -> Validation {
    let name = value.trim();
    if name.is_empty() {
        return Validation::new(None, vec![required("单位名称", "unit name")]);
    }
    let mut errors = Vec::new();
    if name.chars().count() > UNIT_NAME_CHARS {
        errors.push(Reason::new(
            "unit_name_length",
            format!("单位名称不超过 {UNIT_NAME_CHARS} 个字：请照营业执照填写。"),
            format!(
                "A unit's name has at most {UNIT_NAME_CHARS} characters: copy it from the business licence."
            ),
        ));
    }
    if name.chars().any(char::is_control) {
        errors.push(Reason::new(
            "unit_name_characters",
            "单位名称含有不可见的控制字符：请重新输入。",
            "The unit's name contains invisible control characters: type it again.",
        ));
    }
    Validation::new(Some(name.to_owned()), errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_trimmed_and_bounded() {
        let ok = unit_name("  北京某某科技有限公司 ");
        assert!(ok.valid);
        assert_eq!(ok.normalized.as_deref(), Some("北京某某科技有限公司"));
        assert!(!unit_name("   ").valid);
        assert_eq!(
            unit_name(&"字".repeat(101)).errors[0].code,
            "unit_name_length"
        );
        assert_eq!(
            unit_name("北京\u{1b}[31m公司").errors[0].code,
            "unit_name_characters"
        );
    }
}
