//! argon2id password hashing (PHC strings) and the portal's password policy.

use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::config::PasswordCost;
use crate::error::{ApiError, ApiResult, ErrorCode};

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

/// The portal's password policy, which is the core's ([`yaohao_core::validate::password`]):
/// 8–64 characters with letters and digits (`invalid_input` with the field), and not easy to
/// guess (`password_too_weak`).
pub fn check_policy(password: &str, field: &str) -> ApiResult<()> {
    let checked = yaohao_core::validate::password(password);
    match checked.errors.into_iter().next() {
        None => Ok(()),
        Some(reason) if reason.code == "password_too_weak" => {
            Err(
                ApiError::invalid(field, reason.message_zh, reason.message_en)
                    .with_code(ErrorCode::PasswordTooWeak),
            )
        }
        Some(reason) => Err(ApiError::invalid(
            field,
            reason.message_zh,
            reason.message_en,
        )),
    }
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
}
