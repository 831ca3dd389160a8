//! Driving-licence file numbers (驾驶证档案编号): 12 digits, printed on the licence's second page.
//!
//! The licence *number* equals the ID number; typing it into the file-number field is the classic
//! mistake, detected and explained here.

use super::{Validation, digits_only, required, width::to_half_width};
use crate::i18n::Reason;

/// Validates a file number; `id_number`, when known, lets the licence-number mix-up be named exactly.
pub fn licence_file(value: &str, id_number: Option<&str>) -> Validation {
    if value.trim().is_empty() {
        return Validation::new(
            None,
            vec![required("驾驶证档案编号", "driving-licence file number")],
        );
    }
    let compact: String = to_half_width(value.trim())
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let looks_like_id =
        compact.chars().count() == 18 && compact.chars().take(17).all(|c| c.is_ascii_digit());
    let same_as_id = id_number.is_some_and(|id| id.eq_ignore_ascii_case(&compact));
    if looks_like_id || same_as_id {
        return Validation::new(
            None,
            vec![Reason::new(
                "licence_file_is_licence_number",
                "您填写的是驾驶证号（与身份证号相同），这里需要的是档案编号：驾驶证副页上的 12 位数字。",
                "You entered the licence number (it equals your ID number). This field needs the file number: the 12 digits on the licence's second page.",
            )],
        );
    }
    let Some(digits) = digits_only(&compact) else {
        return Validation::new(
            None,
            vec![Reason::new(
                "licence_file_characters",
                "档案编号只能包含数字。",
                "The file number contains only digits.",
            )],
        );
    };
    if digits.len() != 12 {
        return Validation::new(
            None,
            vec![Reason::new(
                "licence_file_length",
                format!("档案编号应为 12 位数字，您填写了 {} 位。", digits.len()),
                format!(
                    "The file number has 12 digits; you entered {}.",
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
    fn accepts_twelve_digits() {
        let v = licence_file(" 1101 2345 6789 ", None);
        assert!(v.valid);
        assert_eq!(v.normalized.as_deref(), Some("110123456789"));
    }

    #[test]
    fn detects_the_licence_number_mix_up() {
        assert_eq!(
            licence_file("11010519491231002X", None).codes(),
            ["licence_file_is_licence_number"]
        );
        assert_eq!(
            licence_file("11010519491231002x", Some("11010519491231002X")).codes(),
            ["licence_file_is_licence_number"]
        );
    }

    #[test]
    fn explains_other_mistakes() {
        assert_eq!(licence_file("", None).codes(), ["required"]);
        assert_eq!(
            licence_file("12345678901", None).codes(),
            ["licence_file_length"]
        );
        assert_eq!(
            licence_file("1234567890AB", None).codes(),
            ["licence_file_characters"]
        );
    }
}
