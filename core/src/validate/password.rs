//! The account password policy, shared by the portal (which enforces it) and the clients (which
//! check it before an SMS code is spent on a registration that would be refused).

use super::Validation;
use crate::i18n::Reason;

/// Fewest characters a password has.
pub const MIN_CHARS: usize = 8;
/// Most characters a password has.
pub const MAX_CHARS: usize = 64;

/// Checks a new password: 8 to 64 characters with at least one letter and one digit. The value
/// is never echoed back (`normalized` is `None`).
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
}
