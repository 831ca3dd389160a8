//! Cross-crate integration tests live in `tests/tests/`; fixtures in `tests/fixtures/`.
