//! The account password policy, shared by the portal (which enforces it) and the clients (which
//! check it before an SMS code is spent on a registration that would be refused).

use super::Validation;
use crate::i18n::Reason;

/// Fewest characters a password has.
pub const MIN_CHARS: usize = 8;
/// Most characters a password has.
pub const MAX_CHARS: usize = 64;

/// Words (and keyboard runs) that make a password guessable whatever digits and symbols
/// surround them, compared after undoing the usual letter-for-digit swaps (`P@ssw0rd1`).
const COMMON_WORDS: &[&str] = &[
    "password",
    "passwd",
    "pass",
    "passw",
    "qwerty",
    "qwertyuiop",
    "qwe",
    "qwer",
    "qwert",
    "asdf",
    "asdfgh",
    "asdfghjkl",
    "zxcv",
    "zxcvbn",
    "qaz",
    "qazwsx",
    "abc",
    "abcd",
    "abcde",
    "abcdef",
    "abcdefg",
    "admin",
    "administrator",
    "welcome",
    "iloveyou",
    "letmein",
    "monkey",
    "dragon",
    "football",
    "baseball",
    "sunshine",
    "princess",
    "master",
    "shadow",
    "superman",
    "login",
    "user",
    "test",
    "guest",
    "root",
    "hello",
    "woaini",
    "changeme",
    "default",
];

/// Whole passwords that pass the letter-and-digit rule and top every leaked-password list.
const COMMON_PASSWORDS: &[&str] = &[
    "1q2w3e4r",
    "1q2w3e4r5t",
    "1qaz2wsx",
    "zaq12wsx",
    "a1b2c3d4",
    "q1w2e3r4",
    "woaini1314",
];

/// Why `password` is easy to guess, if it is: fewer than five different characters, letters
/// that are all one letter, a common word or keyboard run with digits around it, or a
/// well-known password.
fn guessable(password: &str) -> bool {
    let lower = password.to_lowercase();
    let distinct: std::collections::HashSet<char> = lower.chars().collect();
    let letters: std::collections::HashSet<char> =
        lower.chars().filter(char::is_ascii_alphabetic).collect();
    let core = lower.trim_matches(|c: char| !c.is_ascii_alphabetic());
    let unleet: String = core
        .chars()
        .map(|c| match c {
            '@' | '4' => 'a',
            '$' | '5' => 's',
            '0' => 'o',
            '1' | '!' | '|' => 'i',
            '3' => 'e',
            '7' => 't',
            other => other,
        })
        .collect();
    distinct.len() < 5
        || letters.len() < 2
        || COMMON_WORDS.contains(&unleet.as_str())
        || COMMON_WORDS.contains(&unleet.replace('i', "l").as_str())
        || COMMON_PASSWORDS.contains(&lower.as_str())
}

/// Checks a new password: 8 to 64 characters with at least one letter and one digit, and not
/// easy to guess (`password_too_weak`). The value is never echoed back (`normalized` is `None`).
pub fn password(value: &str) -> Validation {
    let length = value.chars().count();
    let mut errors = Vec::new();
    if !(MIN_CHARS..=MAX_CHARS).contains(&length) {
        errors.push(Reason::new(
            "password_length",
            format!("密码须为 {MIN_CHARS} 至 {MAX_CHARS} 位，您输入了 {length} 位。"),
            format!("A password has {MIN_CHARS} to {MAX_CHARS} characters; you entered {length}."),
        ));
    }
    let letter = value.chars().any(|c| c.is_ascii_alphabetic());
    let digit = value.chars().any(|c| c.is_ascii_digit());
    if !(letter && digit) {
        errors.push(Reason::new(
            "password_letters_and_digits",
            "密码须同时包含字母和数字。",
            "A password needs at least one letter and one digit.",
        ));
    }
    if errors.is_empty() && guessable(value) {
        errors.push(Reason::new(
            "password_too_weak",
            "密码过于简单（常见单词、重复字符或键盘顺序），请换一个。",
            "The password is too easy to guess (a common word, repeated characters or a keyboard run): choose another.",
        ));
    }
    Validation::new(None, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_names_each_failure_and_never_echoes_the_value() {
        assert!(password("secret123").valid);
        assert_eq!(
            password("12345678").codes(),
            ["password_letters_and_digits"]
        );
        assert_eq!(
            password("short").codes(),
            ["password_length", "password_letters_and_digits"]
        );
        assert_eq!(password(&"a1".repeat(40)).codes(), ["password_length"]);
        assert_eq!(password("secret123").normalized, None);
    }

    #[test]
    fn guessable_passwords_are_refused() {
        for weak in [
            "aaaaaaa1",
            "Password1",
            "password123",
            "P@ssw0rd1",
            "Passw0rd!",
            "1Password",
            "qwerty123",
            "Abcd1234",
            "aa123456",
            "a1234567",
            "1qaz2wsx",
            "Woaini1314",
            "abababab12",
        ] {
            assert_eq!(password(weak).codes(), ["password_too_weak"], "{weak}");
        }
        for fine in [
            "Secret123",
            "NewSecret456",
            "Another456",
            "Demo12345",
            "lotus-7-harbour",
        ] {
            assert!(password(fine).valid, "{fine}");
        }
    }
}
