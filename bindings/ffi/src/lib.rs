//! `yaohao-ffi`: the single uniffi surface of `yaohao-core` for Kotlin and Swift.
//!
//! Mainly small wrappers: core records cross as uniffi remote types (declared again in
//! `records.rs`, converted by uniffi itself), functions are thin calls into the core. No panic
//! crosses the boundary: every input error is a [`YaohaoError`], and async exports run on the
//! core's own runtime (`runtime.rs`), where a panicking task becomes an error value. No export
//! blocks the caller's thread with I/O (see `docs/bindings.md`, Threading).

mod cancel;
mod card_records;
mod documents;
mod error;
mod facade;
mod facade_records;
mod labels;
mod platform;
mod policies;
mod records;
mod results;
mod rules;
mod runtime;

pub use error::YaohaoError;
pub use facade::Yaohao;

uniffi::setup_scaffolding!();
