//! Authentication: argon2id passwords, hashed session tokens (one active session per account),
//! and the extractors that guard applicant and operator endpoints.

pub mod operator;
pub mod password;
pub mod session;
