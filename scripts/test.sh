#!/usr/bin/env bash
# Every test of Yaohao, on a fresh machine: installs what it needs (Debian packages, the Kotlin
# compiler from npm, a Debian trixie chroot with Swift), then checks format and lints, runs the Rust
# suite, and the Kotlin and Swift binding tests against the real library. This is the README's test
# command and exactly what CI runs. The last line sums every suite's tests: "N passed, N failed";
# syntax checks are reported on their own line as checks and not counted there.
set -euo pipefail
cd "$(dirname "$0")/.."
# One full run gains nothing from incremental caches; without them the build needs GBs less disk.
export CARGO_INCREMENTAL=0
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT

step() { printf '\n==> %s\n' "$*"; }

step "toolchain components"
rustup component add rustfmt clippy >/dev/null 2>&1 || true

step "format"
cargo fmt --all -- --check

step "lint"
cargo clippy --workspace --all-targets --locked -- -D warnings
# The client-only CLI (no embedded portal for `yaohao demo`) builds without axum and argon2.
cargo clippy -p yaohao-cli --no-default-features --locked -- -D warnings

step "Rust tests"
cargo test --workspace --locked 2>&1 | tee "$log/rust"

step "Portal contract (schemathesis against docs/api/portal.openapi.yaml)"
bash scripts/contract/portal.sh

step "Kotlin binding tests (JVM)"
bash scripts/bindings/test-kotlin.sh 2>&1 | tee "$log/kotlin"

step "Swift binding tests (Debian trixie chroot)"
bash scripts/bindings/test-swift.sh 2>&1 | tee "$log/swift"

step "Android shell: presentation and screens tests (JVM), syntax check"
bash scripts/apps/test-android.sh 2>&1 | tee "$log/android"

step "iOS shell: YaohaoKit tests (Swift chroot), syntax and string-catalog checks"
bash scripts/apps/test-ios.sh 2>&1 | tee "$log/ios"

step "Fuzz targets: each for 30 s (scripts/fuzz.sh; longer campaigns in docs/reliability.md)"
FUZZ_FLAGS="--dev --sanitizer none" bash scripts/fuzz.sh 30 2>&1 | tee "$log/fuzz"

step "summary"
python3 - "$log" <<'PY'
import re, sys, pathlib
log = pathlib.Path(sys.argv[1])

def plain(name, lines):
    """Sums a suite's "N passed, N failed" lines; a missing line counts as a failure."""
    found = re.findall(r"^(\d+) passed, (\d+) failed$", (log / name).read_text(), re.M)[-lines:]
    if len(found) != lines:
        return (0, 1)
    return (sum(int(p) for p, _ in found), sum(int(f) for _, f in found))

rust = re.findall(r"test result: \w+\. (\d+) passed; (\d+) failed", (log / "rust").read_text())
swift = re.findall(r"Suite 'All tests' \w+ at .*\n\s+Executed (\d+) tests?, with (\d+) failures?", (log / "swift").read_text())
run, swift_failed = map(int, swift[-1]) if swift else (0, 1)
suites = {
    "rust": (sum(int(p) for p, _ in rust), sum(int(f) for _, f in rust)),
    "kotlin": plain("kotlin", 1),
    "swift": (run - swift_failed, swift_failed),
    "android": plain("android", 2),  # presentation tests, screens tests (the syntax check is a check)
    "ios": plain("ios", 1),  # XCTest (the syntax check and the string catalog are checks)
}
for name, (p, f) in suites.items():
    print(f"{name}: {p} passed, {f} failed")

# Checks (a file that parses is not a passed test): reported on their own line, not in the total.
def checks(name, lines):
    """Sums a suite's "checks: N passed, N failed" lines; a missing line counts as a failure."""
    found = re.findall(r"^checks: (\d+) passed, (\d+) failed$", (log / name).read_text(), re.M)[-lines:]
    if len(found) != lines:
        return (0, 1)
    return (sum(int(p) for p, _ in found), sum(int(f) for _, f in found))

check_failed = 0
for name, lines, what in [
    ("android", 1, "syntax"),
    ("ios", 3, "syntax, string catalog, store files"),
    ("fuzz", 1, "fuzz targets, 30 s each"),
]:
    p, f = checks(name, lines)
    check_failed += f
    print(f"{name} checks ({what}): {p} passed, {f} failed")

passed = sum(p for p, _ in suites.values())
failed = sum(f for _, f in suites.values())
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed or check_failed or not passed else 0)
PY
