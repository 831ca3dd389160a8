#!/usr/bin/env bash
# Swift binding tests: `swift test` (XCTest) in a Debian trixie chroot, on the generated bindings
# and tests/swift, against the real libyaohao_ffi.so built on the host and a real yaohao-portal.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
target=${CARGO_TARGET_DIR:-$PWD/target}
root=$(bash scripts/bindings/setup-swift.sh | tail -n 1)
gen=$(bash scripts/bindings/generate.sh | tail -n 1)
# Every exported item must be used by the Swift tests (and have a row in docs/bindings.md).
python3 scripts/bindings/coverage.py check "$gen" swift

# The SwiftPM package is assembled in the target dir from the checked-in package and the
# generated sources, so nothing generated lands in the checkout.
pkg="$target/swift-tests"
rm -rf "$pkg" && mkdir -p "$pkg"
cp -r tests/swift/. "$pkg/"
cp "$gen/YaohaoFFI.swift" "$pkg/Sources/YaohaoFFI/"
cp "$gen/YaohaoFFIFFI.h" "$pkg/Sources/YaohaoFFIFFI/"
libdir="$target/debug"

bash scripts/bindings/swift-chroot.sh "$root" "$pkg" "$libdir" \
  "YAOHAO_FIXTURES=$repo/tests/fixtures" "YAOHAO_PORTAL_BIN=$target/debug/yaohao-portal"
