//! argon2id password hashing (PHC strings) and the portal's password policy.

use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::config::PasswordCost;
use crate::error::{ApiError, ApiResult};

fn hasher(cost: PasswordCost) -> ApiResult<Argon2<'static>> {
    let params = match cost {
        PasswordCost::Standard => Params::default(),
        PasswordCost::Light => Params::new(64, 1, 1, None).map_err(ApiError::internal)?,
    };
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes `password` with a fresh random salt into a PHC string (`$argon2id$…`).
pub fn hash(password: &str, cost: PasswordCost) -> ApiResult<String> {
    let hashed = hasher(cost)?
        .hash_password(password.as_bytes())
        .map_err(ApiError::internal)?;
    Ok(hashed.to_string())
}

/// Whether `password` matches the stored PHC string (its own parameters are used).
pub fn verify(password: &str, stored: &str) -> bool {
    Argon2::default()
        .verify_password(password.as_bytes(), stored)
        .is_ok()
}

/// A hash at `cost` of a password nobody has: a login that has no account's hash to check (an
/// unknown ID, a wrong SMS code) verifies against it, so it costs the same time as a real one.
pub fn dummy(cost: PasswordCost) -> ApiResult<&'static str> {
    static STANDARD: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    static LIGHT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let cell = match cost {
        PasswordCost::Standard => &STANDARD,
        PasswordCost::Light => &LIGHT,
    };
    if let Some(hash) = cell.get() {
        return Ok(hash);
    }
    let made = hash(&hex::encode(crate::random::token_bytes()?), cost)?;
    Ok(cell.get_or_init(|| made))
}

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

/// The portal's password policy: 8–64 characters with at least one letter and one digit, and
/// not easy to guess (see [`guessable`]).
pub fn check_policy(password: &str, field: &str) -> ApiResult<()> {
    let length = password.chars().count();
    let letter = password.chars().any(|c| c.is_ascii_alphabetic());
    let digit = password.chars().any(|c| c.is_ascii_digit());
    if !((8..=64).contains(&length) && letter && digit) {
        return Err(ApiError::invalid(
            field,
            "密码须为8至64位，且同时包含字母和数字",
            "the password needs 8 to 64 characters with at least one letter and one digit",
        ));
    }
    if guessable(password) {
        return Err(ApiError::invalid(
            field,
            "密码过于简单（常见单词、重复字符或键盘顺序），请换一个",
            "the password is too easy to guess (a common word, repeated characters or a \
             keyboard run): choose another",
        )
        .with_code("password_too_weak"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_policy_rejects_weak_passwords() {
        let stored = hash("secret123", PasswordCost::Light).unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("secret123", &stored));
        assert!(!verify("secret124", &stored));
        assert!(!verify("secret123", "not a hash"));
        assert!(check_policy("secret123", "password").is_ok());
        assert!(check_policy("12345678", "password").is_err());
        assert!(check_policy("short1", "password").is_err());
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
            let e = check_policy(weak, "password").unwrap_err();
            assert_eq!(e.body().code, "password_too_weak", "{weak}");
        }
        for fine in [
            "Secret123",
            "NewSecret456",
            "Another456",
            "Demo12345",
            "lotus-7-harbour",
        ] {
            assert!(check_policy(fine, "password").is_ok(), "{fine}");
        }
    }
}
