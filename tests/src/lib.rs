//! Cross-crate flows of the workspace live in `tests/tests/`: the core's client (the facade the
//! apps and the CLI drive) against a real portal on a loopback port. Shared fixtures are in
//! `tests/fixtures/`; the Kotlin and Swift binding tests are in `tests/kotlin/` and `tests/swift/`.
