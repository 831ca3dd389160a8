#!/usr/bin/env bash
# Swift binding tests: `swift test` (XCTest) in a Debian trixie chroot, on the generated bindings
# and tests/swift, against the real libyaohao_ffi.so built on the host and a real yaohao-portal.
set -euo pipefail
# The bind mounts live in a private mount namespace: no other run sees them, and they vanish with
# it even if this script is killed.
if [ -z "${YAOHAO_PRIVATE_MOUNTS:-}" ]; then
  YAOHAO_PRIVATE_MOUNTS=1 exec unshare --mount --propagation private -- bash "$0" "$@"
fi
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

mounts=()
cleanup() {
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount "${mounts[$i]}" 2>/dev/null || umount -l "${mounts[$i]}" || true; done
}
trap cleanup EXIT
bind() { # bind <host dir> : mount it at the same path inside the root
  mkdir -p "$root$1"
  mountpoint -q "$root$1" || { mount --bind "$1" "$root$1"; mounts+=("$root$1"); }
}
mountpoint -q "$root/proc" || { mount -t proc proc "$root/proc"; mounts+=("$root/proc"); }
bind "$repo"
[ "${target#"$repo"/}" != "$target" ] || bind "$target"

env_vars=("HOME=/root" "PATH=/usr/bin:/bin" "YAOHAO_FIXTURES=$repo/tests/fixtures"
  "YAOHAO_PORTAL_BIN=$target/debug/yaohao-portal")
chroot "$root" /usr/bin/env "${env_vars[@]}" bash -c "cd '$pkg' && swift test --disable-swift-testing \
  -Xlinker -L'$libdir' -Xlinker -rpath -Xlinker '$libdir' 2>&1"
