//! Full-width (全角) to half-width (半角) conversion for ASCII letters, digits and spaces.

/// Whether `c` is a full-width form of a printable ASCII character (U+FF01–U+FF5E).
pub(crate) fn is_full_width_ascii(c: char) -> bool {
    ('\u{FF01}'..='\u{FF5E}').contains(&c)
}

/// Converts full-width ASCII forms and the ideographic space to their half-width equivalents;
/// every other character (CJK included) is kept exactly.
pub(crate) fn to_half_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            c if is_full_width_ascii(c) => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_only_full_width_ascii() {
        assert_eq!(to_half_width("１２３ＡＢｘ　张"), "123ABx 张");
        assert!(is_full_width_ascii('Ｘ'));
        assert!(!is_full_width_ascii('X'));
    }
}
