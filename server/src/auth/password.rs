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

/// The portal's password policy: 8–64 characters with at least one letter and one digit.
pub fn check_policy(password: &str, field: &str) -> ApiResult<()> {
    let length = password.chars().count();
    let letter = password.chars().any(|c| c.is_ascii_alphabetic());
    let digit = password.chars().any(|c| c.is_ascii_digit());
    if (8..=64).contains(&length) && letter && digit {
        Ok(())
    } else {
        Err(ApiError::invalid(
            field,
            "密码须为8至64位，且同时包含字母和数字",
            "the password needs 8 to 64 characters with at least one letter and one digit",
        ))
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
