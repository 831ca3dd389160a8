#!/usr/bin/env bash
# Builds the FFI library and the bindgen in one cargo invocation (so uniffi is built once) and
# generates the Kotlin and Swift bindings into <target>/bindings. Prints that directory.
set -euo pipefail
cd "$(dirname "$0")/../.."
target=${CARGO_TARGET_DIR:-$PWD/target}
cargo build --locked -p yaohao-ffi -p uniffi-bindgen >&2
out="$target/bindings"
rm -rf "$out"
"$target/debug/uniffi-bindgen" generate "$target/debug/libyaohao_ffi.so" \
  --language kotlin --language swift --no-format --out-dir "$out" >&2
echo "$out"
