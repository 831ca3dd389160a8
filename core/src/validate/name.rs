//! Names (姓名), which must match the ID card exactly.
//!
//! Minority names use the middle dot `·` (U+00B7) between parts; rare characters (生僻字) from the
//! CJK extensions or the private-use area are kept byte for byte.

use super::{
    Validation, required,
    width::{is_full_width_ascii, to_half_width},
};
use crate::i18n::Reason;

/// The separator of minority names on ID cards.
pub const NAME_SEPARATOR: char = '\u{00B7}';
/// Look-alikes of `·` that people type instead.
const SEPARATOR_LOOKALIKES: [char; 8] = [
    '.', '\u{FF0E}', '\u{2022}', '\u{30FB}', '\u{2027}', '\u{FF65}', '\u{2219}', '\u{22C5}',
];
const MAX_CHARS: usize = 50;

/// Validates a name as it must appear on the application.
pub fn name(value: &str) -> Validation {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Validation::new(None, vec![required("姓名", "name")]);
    }
    let mut errors = Vec::new();
    if trimmed.chars().any(|c| c.is_whitespace()) {
        errors.push(Reason::new(
            "name_spaces",
            "姓名中不能有空格，须与身份证上完全一致。",
            "The name must not contain spaces; it must match the ID card exactly.",
        ));
    }
    if trimmed.chars().any(|c| SEPARATOR_LOOKALIKES.contains(&c)) {
        errors.push(Reason::new(
            "name_separator",
            "少数民族姓名的间隔号应为“·”（中间点），不是句点或其他圆点。",
            "Parts of a minority name are separated by '·' (middle dot), not a full stop or another dot.",
        ));
    }
    if trimmed.chars().any(is_full_width_ascii) {
        errors.push(Reason::new(
            "name_width",
            "姓名中混用了全角字母或符号，请改为与身份证一致的写法（半角）。",
            "The name mixes full-width letters or symbols; write them half-width as on the ID card.",
        ));
    }
    let fixed = suggestion(trimmed);
    if fixed.chars().any(|c| !allowed(c)) {
        errors.push(Reason::new(
            "name_characters",
            "姓名只能包含汉字、字母和间隔号“·”，不能有数字或其他符号。",
            "A name may contain only Chinese characters, letters and the middle dot '·'; no digits or other symbols.",
        ));
    }
    let parts_ok = fixed.split(NAME_SEPARATOR).all(|p| !p.is_empty());
    if fixed.contains(NAME_SEPARATOR) && !parts_ok {
        errors.push(Reason::new(
            "name_separator_position",
            "间隔号“·”只能出现在两个名字部分之间，不能在开头、结尾或连续出现。",
            "The middle dot '·' goes only between two parts of the name, never first, last or doubled.",
        ));
    }
    let len = fixed.chars().count();
    if len > MAX_CHARS {
        errors.push(Reason::new(
            "name_length",
            format!("姓名过长（{len} 个字符，最多 {MAX_CHARS} 个），请核对。"),
            format!("The name is too long ({len} characters, at most {MAX_CHARS}); check it."),
        ));
    }
    Validation::new(Some(fixed), errors)
}

/// The name with whitespace removed, look-alike dots replaced by `·` and full-width letters made
/// half-width. Every other character is kept exactly.
fn suggestion(trimmed: &str) -> String {
    to_half_width(trimmed)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| {
            if SEPARATOR_LOOKALIKES.contains(&c) {
                NAME_SEPARATOR
            } else {
                c
            }
        })
        .collect()
}

/// Letters of any script (CJK of every extension included), the private-use area (rare
/// characters on some ID systems) and the separator.
fn allowed(c: char) -> bool {
    c == NAME_SEPARATOR
        || ('\u{E000}'..='\u{F8FF}').contains(&c)
        || ('\u{F0000}'..='\u{10FFFD}').contains(&c)
        || (c.is_alphabetic() && !c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_and_minority_names() {
        assert!(name("张三").valid);
        let v = name("买买提·艾力");
        assert!(v.valid);
        assert_eq!(v.normalized.as_deref(), Some("买买提·艾力"));
    }

    #[test]
    fn keeps_rare_characters_byte_exactly() {
        for rare in ["王𠀀", "李\u{E000}明", "𪚥龘", "陈䶮"] {
            let v = name(rare);
            assert!(v.valid, "{rare}: {v:?}");
            assert_eq!(
                v.normalized.as_deref().map(str::as_bytes),
                Some(rare.as_bytes())
            );
        }
    }

    #[test]
    fn explains_spaces_dots_and_width() {
        let v = name("张 三");
        assert_eq!(v.codes(), ["name_spaces"]);
        assert_eq!(v.normalized.as_deref(), Some("张三"));
        assert_eq!(name("张\u{3000}三").codes(), ["name_spaces"]);
        let v = name("买买提.艾力");
        assert_eq!(v.codes(), ["name_separator"]);
        assert_eq!(v.normalized.as_deref(), Some("买买提·艾力"));
        assert_eq!(name("买买提•艾力").codes(), ["name_separator"]);
        let v = name("ＡＢ张");
        assert_eq!(v.codes(), ["name_width"]);
        assert_eq!(v.normalized.as_deref(), Some("AB张"));
    }

    #[test]
    fn rejects_digits_symbols_and_bad_separators() {
        assert_eq!(name("张三3").codes(), ["name_characters"]);
        assert_eq!(name("张@三").codes(), ["name_characters"]);
        assert_eq!(name("·艾力").codes(), ["name_separator_position"]);
        assert_eq!(name("买买提··艾力").codes(), ["name_separator_position"]);
        assert_eq!(name("  ").codes(), ["required"]);
        assert_eq!(name(&"张".repeat(51)).codes(), ["name_length"]);
    }
}
