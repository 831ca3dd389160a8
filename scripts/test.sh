#!/usr/bin/env bash
# Every test of Yaohao, on a fresh machine: installs what it needs, then checks format, lints and
# runs the whole suite. This is the README's test command and exactly what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "toolchain components"
rustup component add rustfmt clippy >/dev/null 2>&1 || true

step "format"
cargo fmt --all -- --check

step "lint"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "Rust tests"
cargo test --workspace --locked
