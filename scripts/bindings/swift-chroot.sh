#!/usr/bin/env bash
# Runs `swift test` (XCTest) for a SwiftPM package inside the Debian trixie chroot made by
# setup-swift.sh, linking the host-built libraries in <libdir>. The checkout and the cargo target
# dir are bind-mounted at the same paths inside the root, in a private mount namespace: no other
# run sees the mounts, and they vanish with it even if this script is killed (the trap unmounts
# them in order anyway).
#
# Usage: swift-chroot.sh <root> <package dir> <libdir> [VAR=value …] [-- extra `swift test` args]
set -euo pipefail
if [ -z "${YAOHAO_PRIVATE_MOUNTS:-}" ]; then
  YAOHAO_PRIVATE_MOUNTS=1 exec unshare --mount --propagation private -- bash "$0" "$@"
fi
root=$1 pkg=$2 libdir=$3
shift 3
env_vars=("HOME=/root" "PATH=/usr/bin:/bin")
while [ $# -gt 0 ] && [ "$1" != "--" ]; do env_vars+=("$1"); shift; done
[ $# -gt 0 ] && shift
repo=$(cd "$(dirname "$0")/../.." && pwd)
target=${CARGO_TARGET_DIR:-$repo/target}

mounts=()
cleanup() {
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount "${mounts[$i]}" 2>/dev/null || umount -l "${mounts[$i]}" || true; done
}
trap cleanup EXIT
bind() { # bind <host dir>: mount it at the same path inside the root
  mkdir -p "$root$1"
  mountpoint -q "$root$1" || { mount --bind "$1" "$root$1"; mounts+=("$root$1"); }
}
mountpoint -q "$root/proc" || { mount -t proc proc "$root/proc"; mounts+=("$root/proc"); }
bind "$repo"
[ "${target#"$repo"/}" != "$target" ] || bind "$target"

chroot "$root" /usr/bin/env "${env_vars[@]}" bash -c "cd '$pkg' && swift test --disable-swift-testing \
  -Xlinker -L'$libdir' -Xlinker -rpath -Xlinker '$libdir' $* 2>&1"
