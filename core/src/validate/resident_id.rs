//! Resident ID numbers (居民身份证号码, GB 11643-1999): 17 digits and a check character.

use super::{Validation, required, width::to_half_width};
use crate::i18n::Reason;
use chrono::{Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
/// Province-level codes (first two digits) in use on resident IDs.
const PROVINCES: [u32; 34] = [
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
    53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
];

/// Sex encoded in the 17th digit (odd: male, even: female).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    /// 男
    Male,
    /// 女
    Female,
}

/// A valid resident ID and what it encodes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResidentId {
    /// The 18-character number, check character upper-case.
    pub number: String,
    /// Date of birth (digits 7–14).
    pub birth_date: NaiveDate,
    /// Sex (digit 17).
    pub sex: Sex,
}

impl ResidentId {
    /// The number masked as in published lists: first 6, `********`, last 4.
    pub fn masked(&self) -> String {
        mask(&self.number)
    }

    /// Age in whole years on `day`.
    pub fn age_on(&self, day: NaiveDate) -> u32 {
        let b = self.birth_date;
        let mut age = day.year() - b.year();
        if (day.month(), day.day()) < (b.month(), b.day()) {
            age -= 1;
        }
        age.max(0).unsigned_abs()
    }
}

/// Masks any ID-like string for logs and lists: first 6, `********`, last 4 (shorter strings are
/// fully masked).
pub fn mask(number: &str) -> String {
    let chars: Vec<char> = number.chars().collect();
    if chars.len() < 11 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..6].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}********{tail}")
}

/// The check character for the first 17 digits.
pub fn check_char(first17: &[u32; 17]) -> char {
    let sum: u32 = first17.iter().zip(WEIGHTS).map(|(d, w)| d * w).sum();
    CHECK_CHARS[(sum % 11) as usize]
}

/// Validates a resident ID as of today (Beijing date).
pub fn resident_id(value: &str) -> Validation {
    resident_id_on(value, crate::time::beijing_date(Utc::now()))
}

/// Validates a resident ID; `today` bounds the birth date.
pub fn resident_id_on(value: &str, today: NaiveDate) -> Validation {
    match parse_resident_id(value, today) {
        Ok(id) => Validation::new(Some(id.number), vec![]),
        Err((normalized, errors)) => Validation::new(normalized, errors),
    }
}

/// Parses a resident ID, or returns the suggestion (if any) and every error.
pub fn parse_resident_id(
    value: &str,
    today: NaiveDate,
) -> Result<ResidentId, (Option<String>, Vec<Reason>)> {
    let cleaned: String = to_half_width(value.trim())
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if cleaned.is_empty() {
        return Err((None, vec![required("身份证号码", "resident ID number")]));
    }
    let chars: Vec<char> = cleaned.chars().collect();
    if chars.len() == 15 && chars.iter().all(char::is_ascii_digit) {
        return Err(fifteen_digit(&chars));
    }
    if chars.len() != 18 {
        return Err((
            None,
            vec![Reason::new(
                "id_length",
                format!(
                    "身份证号码应为 18 位，您填写了 {} 位。请对照身份证逐位核对。",
                    chars.len()
                ),
                format!(
                    "A resident ID has 18 characters; you entered {}. Check it against the card.",
                    chars.len()
                ),
            )],
        ));
    }
    let mut digits = [0u32; 17];
    for (i, c) in chars[..17].iter().enumerate() {
        match c.to_digit(10) {
            Some(d) => digits[i] = d,
            None => return Err((None, vec![bad_character(i + 1, *c)])),
        }
    }
    let last = chars[17];
    if !(last.is_ascii_digit() || last == 'X') {
        return Err((None, vec![bad_character(18, last)]));
    }
    let mut errors = Vec::new();
    let province = digits[0] * 10 + digits[1];
    if !PROVINCES.contains(&province) {
        errors.push(Reason::new(
            "id_region",
            format!("前两位 {province:02} 不是有效的省级行政区划代码，请核对号码开头。"),
            format!("The first two digits {province:02} are not a valid province code; check the start of the number."),
        ));
    }
    let birth = birth_date(&digits);
    match birth {
        None => errors.push(Reason::new(
            "id_birth_date",
            "第 7–14 位应为出生日期（年月日），这里不是一个真实的日期，请核对。",
            "Digits 7–14 must be the date of birth (YYYYMMDD); they are not a real date. Check them.",
        )),
        Some(b) if b > today || b.year() < 1900 => errors.push(Reason::new(
            "id_birth_date",
            format!("出生日期 {b} 不可能（晚于今天或早于 1900 年），请核对第 7–14 位。"),
            format!("Birth date {b} is impossible (after today or before 1900); check digits 7–14."),
        )),
        Some(_) => {}
    }
    let expected = check_char(&digits);
    if last != expected {
        errors.push(Reason::new(
            "id_checksum",
            "最后一位校验码与前 17 位不符，说明号码中有输错的数字，请对照身份证逐位核对。",
            "The check character does not match the first 17 digits: a digit was mistyped. Compare every digit with the card.",
        ));
    }
    match (errors.is_empty(), birth) {
        (true, Some(birth_date)) => Ok(ResidentId {
            number: cleaned,
            birth_date,
            sex: if digits[16] % 2 == 1 {
                Sex::Male
            } else {
                Sex::Female
            },
        }),
        _ => Err((None, errors)),
    }
}

fn birth_date(d: &[u32; 17]) -> Option<NaiveDate> {
    let num = |r: std::ops::Range<usize>| d[r].iter().fold(0u32, |acc, x| acc * 10 + x);
    NaiveDate::from_ymd_opt(num(6..10) as i32, num(10..12), num(12..14))
}

fn bad_character(position: usize, c: char) -> Reason {
    Reason::new(
        "id_characters",
        format!("第 {position} 位“{c}”无效：前 17 位只能是数字，最后一位是数字或 X。"),
        format!(
            "Character {position} ('{c}') is invalid: the first 17 are digits, the last a digit or X."
        ),
    )
}

/// A first-generation 15-digit ID: explain it and suggest the 18-digit form (19 + check char).
fn fifteen_digit(chars: &[char]) -> (Option<String>, Vec<Reason>) {
    let upgraded: String = chars[..6]
        .iter()
        .chain(['1', '9'].iter())
        .chain(chars[6..].iter())
        .collect();
    let mut digits = [0u32; 17];
    for (slot, c) in digits.iter_mut().zip(upgraded.chars()) {
        *slot = c.to_digit(10).unwrap_or(0);
    }
    let suggestion = format!("{upgraded}{}", check_char(&digits));
    (
        Some(suggestion.clone()),
        vec![Reason::new(
            "id_15_digit",
            format!(
                "这是 15 位的第一代身份证号码，已停止使用。请填写第二代身份证上的 18 位号码（通常为 {}）。",
                mask(&suggestion)
            ),
            format!(
                "This is a first-generation 15-digit ID, no longer accepted. Enter the 18-character number on your second-generation card (usually {}).",
                mask(&suggestion)
            ),
        )],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    /// Builds a valid ID from a region, a birth date and a serial.
    fn make_id(region: u32, birth: NaiveDate, serial: u32) -> String {
        let body = format!("{region:06}{}{serial:03}", birth.format("%Y%m%d"));
        let mut d = [0u32; 17];
        for (slot, c) in d.iter_mut().zip(body.chars()) {
            *slot = c.to_digit(10).unwrap();
        }
        format!("{body}{}", check_char(&d))
    }

    #[test]
    fn accepts_the_standard_example() {
        // The example number of GB 11643-1999.
        let v = resident_id_on("11010519491231002X", today());
        assert!(v.valid, "{v:?}");
        let id = parse_resident_id("11010519491231002x", today()).unwrap();
        assert_eq!(id.number, "11010519491231002X");
        assert_eq!(
            id.birth_date,
            NaiveDate::from_ymd_opt(1949, 12, 31).unwrap()
        );
        assert_eq!(id.sex, Sex::Female);
        assert_eq!(id.masked(), "110105********002X");
        assert_eq!(id.age_on(today()), 76);
    }

    #[test]
    fn normalizes_full_width_and_spaces() {
        let v = resident_id_on(" １１０１０５ 19491231002ｘ ", today());
        assert!(v.valid);
        assert_eq!(v.normalized.as_deref(), Some("11010519491231002X"));
    }

    #[test]
    fn explains_each_mistake() {
        assert_eq!(resident_id_on("", today()).codes(), ["required"]);
        assert_eq!(
            resident_id_on("1101051949123100", today()).codes(),
            ["id_length"]
        );
        assert_eq!(
            resident_id_on("11010519491231002A", today()).codes(),
            ["id_characters"]
        );
        assert_eq!(
            resident_id_on("11010519491231002Y", today()).codes(),
            ["id_characters"]
        );
        assert_eq!(
            resident_id_on("110105194912310021", today()).codes(),
            ["id_checksum"]
        );
        let feb30 = "110105".to_owned() + "20010230" + "123";
        let v = resident_id_on(&format!("{feb30}0"), today());
        assert!(v.codes().contains(&"id_birth_date"));
        let future = make_id(110105, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), 123);
        assert_eq!(resident_id_on(&future, today()).codes(), ["id_birth_date"]);
        let bad_region = make_id(990105, NaiveDate::from_ymd_opt(1990, 1, 1).unwrap(), 123);
        assert_eq!(resident_id_on(&bad_region, today()).codes(), ["id_region"]);
    }

    #[test]
    fn upgrades_fifteen_digit_ids() {
        let v = resident_id_on("110105491231002", today());
        assert_eq!(v.codes(), ["id_15_digit"]);
        assert_eq!(v.normalized.as_deref(), Some("11010519491231002X"));
        assert!(
            !v.errors[0].message_zh.contains("19491231"),
            "the suggestion is masked"
        );
    }

    fn arb_id() -> impl Strategy<Value = String> {
        (0usize..PROVINCES.len(), 1u32..100, 0i64..38_000, 0u32..1000).prop_map(
            |(p, city, days, serial)| {
                let birth =
                    NaiveDate::from_ymd_opt(1920, 1, 1).unwrap() + chrono::Duration::days(days);
                make_id(PROVINCES[p] * 10_000 + city * 100 + 1, birth, serial)
            },
        )
    }

    proptest! {
        #[test]
        fn random_valid_ids_round_trip(id in arb_id()) {
            let parsed = parse_resident_id(&id, today()).unwrap();
            prop_assert_eq!(&parsed.number, &id);
            prop_assert_eq!(resident_id_on(&id.to_lowercase(), today()).normalized, Some(id));
        }

        #[test]
        fn any_single_character_change_is_caught(id in arb_id(), pos in 0usize..18, repl in prop::sample::select(vec!['0','1','2','3','4','5','6','7','8','9','X'])) {
            let mut chars: Vec<char> = id.chars().collect();
            prop_assume!(chars[pos] != repl);
            chars[pos] = repl;
            let changed: String = chars.into_iter().collect();
            prop_assert!(!resident_id_on(&changed, today()).valid, "{} accepted", changed);
        }

        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let _ = resident_id_on(&s, today());
        }
    }
}
