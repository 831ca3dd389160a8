//! Unified social credit codes (统一社会信用代码, GB 32100-2015): the 18-character identity of a
//! unit (company, institution, organisation). Characters 9–17 are the organisation code of
//! GB 11714, with its own check character; the 18th checks the whole code.

use super::{Validation, required, width::to_half_width};
use crate::i18n::Reason;

/// The code's alphabet, in value order (no I, O, S, V or Z).
const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Weights of characters 1–17 (3^i mod 31).
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];
/// Weights of the organisation code's first 8 characters (GB 11714).
const ORG_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];
/// The number of characters in a credit code.
pub const CREDIT_CODE_CHARS: usize = 18;

/// Validates a unified social credit code: spaces and hyphens are removed, full-width and
/// lower-case characters converted; the explanations name the character to look at again.
pub fn credit_code(value: &str) -> Validation {
    if value.trim().is_empty() {
        return Validation::new(
            None,
            vec![required("统一社会信用代码", "unified social credit code")],
        );
    }
    let code: String = to_half_width(value.trim())
        .chars()
        .filter(|c| !matches!(c, ' ' | '-'))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let chars: Vec<char> = code.chars().collect();
    if chars.len() != CREDIT_CODE_CHARS {
        return invalid(Reason::new(
            "credit_code_length",
            format!(
                "统一社会信用代码应为 18 位，您填写了 {} 位。请对照营业执照重新填写。",
                chars.len()
            ),
            format!(
                "A unified social credit code has 18 characters; you entered {}. Copy it again from the business licence.",
                chars.len()
            ),
        ));
    }
    let values: Vec<Option<u32>> = chars.iter().map(|c| value_of(*c)).collect();
    if let Some(i) = values.iter().position(Option::is_none) {
        let c = chars[i];
        let hint_zh = if matches!(c, 'I' | 'O' | 'S' | 'V' | 'Z') {
            "（代码中不使用字母 I、O、S、V、Z，可能是数字 1、0、5、2 或字母 U）"
        } else {
            ""
        };
        let hint_en = if hint_zh.is_empty() {
            ""
        } else {
            " (the codes never use I, O, S, V or Z: perhaps 1, 0, 5, 2 or U)"
        };
        return invalid(Reason::new(
            "credit_code_characters",
            format!(
                "第 {} 位“{c}”不是统一社会信用代码使用的字符{hint_zh}。",
                i + 1
            ),
            format!(
                "Character {} ('{c}') is not used in unified social credit codes{hint_en}.",
                i + 1
            ),
        ));
    }
    let values: Vec<u32> = values.into_iter().flatten().collect();
    if !chars[2..8].iter().all(char::is_ascii_digit) {
        return invalid(Reason::new(
            "credit_code_division",
            "第 3–8 位是登记机关的行政区划代码，应为 6 位数字。",
            "Characters 3–8 are the registering authority's division code: 6 digits.",
        ));
    }
    let mut errors = Vec::new();
    let org_expected = org_check(&chars[8..16]);
    if org_expected != Some(chars[16]) {
        let expected = org_expected.map(String::from).unwrap_or_default();
        errors.push(Reason::new(
            "credit_code_org_check",
            format!(
                "第 9–17 位是组织机构代码，其校验位（第 17 位）应为“{expected}”，请核对第 9–16 位。"
            ),
            format!(
                "Characters 9–17 are the organisation code; its check character (17th) should be '{expected}': check characters 9–16."
            ),
        ));
    }
    let expected = check_char(&values[..17]);
    if chars[17] != expected {
        errors.push(Reason::new(
            "credit_code_checksum",
            format!("校验位（第 18 位）应为“{expected}”，您填写了“{}”：请逐位核对。", chars[17]),
            format!(
                "The check character (18th) should be '{expected}', not '{}': check each character.",
                chars[17]
            ),
        ));
    }
    Validation::new(Some(code), errors)
}

/// The whole code for its first 16 characters (registering authority, kind, division and the
/// organisation code's body): both check characters appended; `None` when a character is not in
/// the code's alphabet.
pub fn complete_credit_code(first16: &str) -> Option<String> {
    let chars: Vec<char> = first16.chars().collect();
    if chars.len() != 16 {
        return None;
    }
    let org = org_check(&chars[8..16])?;
    let mut code: String = chars.iter().collect();
    code.push(org);
    let values = code.chars().map(value_of).collect::<Option<Vec<u32>>>()?;
    code.push(check_char(&values));
    Some(code)
}

fn invalid(reason: Reason) -> Validation {
    Validation::new(None, vec![reason])
}

/// A character's value in the code's alphabet.
fn value_of(c: char) -> Option<u32> {
    ALPHABET.find(c).and_then(|i| u32::try_from(i).ok())
}

/// The 18th character for the values of the first 17.
fn check_char(values: &[u32]) -> char {
    let sum: u32 = values.iter().zip(WEIGHTS).map(|(v, w)| v * w).sum();
    let index = (31 - sum % 31) % 31;
    ALPHABET.chars().nth(index as usize).unwrap_or('0')
}

/// The GB 11714 check character (`0`–`9` or `X`) of an organisation code's first 8 characters
/// (digits and letters, A = 10 … Z = 35); `None` when one is neither.
fn org_check(body: &[char]) -> Option<char> {
    let mut sum = 0;
    for (c, w) in body.iter().zip(ORG_WEIGHTS) {
        sum += c.to_digit(36)? * w;
    }
    Some(match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        n => char::from_digit(n, 10)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example printed in GB 32100-2015 and on sample licences.
    const SAMPLE: &str = "91350100M000100Y43";

    #[test]
    fn a_code_is_completed_with_both_check_characters() {
        assert_eq!(complete_credit_code(&SAMPLE[..16]).as_deref(), Some(SAMPLE));
        let made = complete_credit_code("9111010855000001").unwrap();
        assert!(credit_code(&made).valid, "{made}");
        assert_eq!(complete_credit_code("91110108550000I1"), None);
        assert_eq!(complete_credit_code("911101"), None);
    }

    #[test]
    fn accepts_valid_codes_as_typed() {
        assert!(credit_code(SAMPLE).valid);
        let typed = credit_code(" ９１３５０１００m000100y43 ");
        assert!(typed.valid, "{:?}", typed.codes());
        assert_eq!(typed.normalized.as_deref(), Some(SAMPLE));
        assert!(credit_code("913501-00M000100Y43").valid);
    }

    #[test]
    fn names_what_is_wrong() {
        assert_eq!(credit_code("").codes(), ["required"]);
        assert_eq!(
            credit_code("91350100M000100Y4").codes(),
            ["credit_code_length"]
        );
        let letter_o = credit_code("91350100M00O100Y43");
        assert_eq!(letter_o.codes(), ["credit_code_characters"]);
        assert!(letter_o.errors[0].message_zh.contains("第 12 位"));
        assert!(letter_o.errors[0].message_en.contains("perhaps"));
        assert_eq!(
            credit_code("91AB0100M000100Y43").codes(),
            ["credit_code_division"]
        );
        let last = credit_code("91350100M000100Y44");
        assert_eq!(last.codes(), ["credit_code_checksum"]);
        assert!(last.errors[0].message_zh.contains("“3”"));
        assert_eq!(last.normalized.as_deref(), Some("91350100M000100Y44"));
    }

    #[test]
    fn a_changed_organisation_character_fails_both_checks() {
        // 9th character M → N: the organisation code's check no longer matches, nor does the 18th.
        let changed = credit_code("91350100N000100Y43");
        assert_eq!(
            changed.codes(),
            ["credit_code_org_check", "credit_code_checksum"]
        );
        assert!(changed.errors[0].message_en.contains("9–17"));
    }

    #[test]
    fn every_single_character_change_is_caught() {
        let chars: Vec<char> = SAMPLE.chars().collect();
        for i in 0..CREDIT_CODE_CHARS {
            for c in ALPHABET.chars().filter(|c| *c != chars[i]) {
                let mut changed = chars.clone();
                changed[i] = c;
                let changed: String = changed.into_iter().collect();
                assert!(!credit_code(&changed).valid, "{changed} passed");
            }
        }
    }
}
