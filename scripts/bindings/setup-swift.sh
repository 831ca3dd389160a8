#!/usr/bin/env bash
# Prepares a Debian trixie chroot with Swift 6 (Debian's `swiftlang`) for the Swift binding tests:
# this Linux host has no Swift of its own and trixie's needs a newer glibc than the host.
# Idempotent (marker files); the root lives outside the checkout. Prints the root on the last line.
set -euo pipefail
ROOT=${YAOHAO_SWIFT_ROOT:-/var/cache/yaohao-swift-root}
MIRROR=${YAOHAO_DEBIAN_MIRROR:-http://deb.debian.org/debian}

if ! command -v debootstrap >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
fi
if ! [ -f "$ROOT/.yaohao-bootstrapped" ]; then
  mkdir -p "$ROOT"
  debootstrap --variant=minbase trixie "$ROOT" "$MIRROR" >/dev/null
  touch "$ROOT/.yaohao-bootstrapped"
fi
if ! [ -f "$ROOT/.yaohao-swift" ]; then
  mountpoint -q "$ROOT/proc" || mount -t proc proc "$ROOT/proc"
  trap 'umount "$ROOT/proc" 2>/dev/null || true' EXIT
  chroot "$ROOT" /usr/bin/env DEBIAN_FRONTEND=noninteractive bash -c \
    'apt-get update -qq && apt-get install -y -qq --no-install-recommends swiftlang libc6-dev >/dev/null && apt-get clean'
  touch "$ROOT/.yaohao-swift"
fi
echo "$ROOT"
