#!/usr/bin/env bash
# Builds the workspace (the FFI library and the bindgen in one invocation, with the same features
# as the test build, so nothing is rebuilt) and
# generates the Kotlin and Swift bindings into <target>/bindings. Prints that directory.
set -euo pipefail
cd "$(dirname "$0")/../.."
target=${CARGO_TARGET_DIR:-$PWD/target}
cargo build --locked --workspace >&2
out="$target/bindings"
rm -rf "$out"
"$target/debug/uniffi-bindgen" generate "$target/debug/libyaohao_ffi.so" \
  --language kotlin --language swift --no-format --out-dir "$out" >&2
echo "$out"
