//! Log hygiene: resident IDs and mobile numbers never reach a log line unmasked.

use crate::validate::mask;

/// `text` with every run that looks like a resident ID (17 digits and a check character) or a
/// mainland mobile number (11 digits starting with 1) masked as the published lists do.
pub fn redact(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if run == 0 {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let check_x = run == 17 && matches!(chars.get(i + 17), Some('X' | 'x'));
        let len = run + usize::from(check_x);
        let token: String = chars[i..i + len].iter().collect();
        let sensitive = len == 18 || (len == 11 && token.starts_with('1'));
        out.push_str(&if sensitive { mask(&token) } else { token });
        i += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_ids_and_phones_but_not_other_numbers() {
        let line = "login 11010519900101123X from 13800138000, app 42, code 1234567890123";
        let red = redact(line);
        assert!(!red.contains("11010519900101123X"));
        assert!(!red.contains("13800138000"));
        assert!(red.contains("110105********123X"));
        assert!(red.contains("app 42"));
        assert!(red.contains("1234567890123"));
        assert_eq!(redact("id 110105199001011232."), "id 110105********1232.");
    }
}
