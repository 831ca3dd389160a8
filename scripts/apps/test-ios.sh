#!/usr/bin/env bash
# iOS shell tests on Linux: `swift test` (XCTest) of ios/YaohaoKit in the Debian trixie chroot
# (scripts/bindings/setup-swift.sh) against the real libyaohao_ffi.so and a real yaohao-portal,
# both built on the host by generate.sh, then a
# tree-sitter syntax check of every Swift file under ios/ (the SwiftUI app cannot be compiled here)
# a check that the String Catalog translates every Chinese string of the app, and a check that
# the privacy manifest, the asset catalog and the entitlements are well-formed and listed.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
target=${CARGO_TARGET_DIR:-$PWD/target}
root=$(bash scripts/bindings/setup-swift.sh | tail -n 1)
gen=$(bash scripts/bindings/generate.sh | tail -n 1)
libdir="$target/debug"

# The package is assembled in the target dir from ios/YaohaoKit and the generated sources, so
# nothing generated lands in the checkout.
pkg="$target/ios-tests/YaohaoKit"
rm -rf "$pkg" && mkdir -p "$pkg"
cp -r ios/YaohaoKit/. "$pkg/"
rm -rf "$pkg/.build" "$pkg/YaohaoFFIFFI.xcframework"
cp "$gen/YaohaoFFI.swift" "$pkg/Sources/YaohaoFFI/"
cp "$gen/YaohaoFFIFFI.h" "$pkg/Linux/YaohaoFFIFFI/"

# --allow-shlib-undefined: Swift 6.0's libswiftObservation.so on Linux references
# swift::threading::fatal, which no library exports (swiftlang/swift#75670); it is only called
# on a fatal threading error. SWIFT_BUILD_JOBS=1 builds the package on one core (a shared machine).
log=$(mktemp)
trap 'rm -f "$log"' EXIT
bash scripts/bindings/swift-chroot.sh "$root" "$pkg" "$libdir" \
  "YAOHAO_FIXTURES=$repo/tests/fixtures" "YAOHAO_PORTAL=$libdir/yaohao-portal" \
  -- -Xlinker --allow-shlib-undefined ${SWIFT_BUILD_JOBS:+-j "$SWIFT_BUILD_JOBS"} | tee "$log"
# XCTest's summary as the "N passed, N failed" line the other suites print.
sed -nE "/Suite 'All tests'/{n;s/.*Executed ([0-9]+) tests?, with ([0-9]+) failures?.*/\1 \2/p}" "$log" | tail -n 1 |
  awk '{print $1 - $2 " passed, " $2 " failed"}'

# Checks, not tests (a file that parses, a catalog entry that exists): reported as "checks: …".
as_checks() { sed -E 's/^([0-9]+ passed, [0-9]+ failed)$/checks: \1/'; }
bash scripts/apps/syntax-check.sh ios | as_checks
python3 ios/check-strings.py | as_checks
python3 ios/check-store.py | as_checks
