//! `yaohao-ffi`: the single uniffi surface of `yaohao-core` for Kotlin and Swift.
//!
//! Mainly small wrappers: core records cross as uniffi remote types (declared again in
//! `records.rs`, converted by uniffi itself), functions are thin calls into the core. No panic
//! crosses the boundary: every input error is a [`YaohaoError`].

mod calendar;
mod documents;
mod error;
mod records;
mod rules;

pub use error::YaohaoError;

uniffi::setup_scaffolding!();
