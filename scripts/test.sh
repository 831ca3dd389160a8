#!/usr/bin/env bash
# Every test of Yaohao, on a fresh machine: installs what it needs (Debian packages, the Kotlin
# compiler from npm, a Debian trixie chroot with Swift), then checks format and lints, runs the Rust
# suite, and the Kotlin and Swift binding tests against the real library. This is the README's test
# command and exactly what CI runs. The last line sums every suite: "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT

step() { printf '\n==> %s\n' "$*"; }

step "toolchain components"
rustup component add rustfmt clippy >/dev/null 2>&1 || true

step "format"
cargo fmt --all -- --check

step "lint"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "Rust tests"
cargo test --workspace --locked 2>&1 | tee "$log/rust"

step "Portal contract (schemathesis against docs/api/portal.openapi.yaml)"
bash scripts/contract/portal.sh

step "Kotlin binding tests (JVM)"
bash scripts/bindings/test-kotlin.sh 2>&1 | tee "$log/kotlin"

step "Swift binding tests (Debian trixie chroot)"
bash scripts/bindings/test-swift.sh 2>&1 | tee "$log/swift"

step "Android shell: presentation tests (JVM) and syntax check"
bash scripts/apps/test-android.sh 2>&1 | tee "$log/android"

step "iOS shell: YaohaoKit tests (Swift chroot), syntax and string-catalog checks"
bash scripts/apps/test-ios.sh 2>&1 | tee "$log/ios"

step "summary"
python3 - "$log" <<'PY'
import re, sys, pathlib
log = pathlib.Path(sys.argv[1])
rust = [tuple(map(int, m)) for m in re.findall(r"test result: \w+\. (\d+) passed; (\d+) failed", (log / "rust").read_text())]
kotlin = re.findall(r"^(\d+) passed, (\d+) failed$", (log / "kotlin").read_text(), re.M)
swift = re.findall(r"Suite 'All tests' \w+ at .*\n\s+Executed (\d+) tests?, with (\d+) failures?", (log / "swift").read_text())
suites = {"rust": (sum(p for p, _ in rust), sum(f for _, f in rust))}
suites["kotlin"] = tuple(map(int, kotlin[-1])) if kotlin else (0, 1)
android = re.findall(r"^(\d+) passed, (\d+) failed$", (log / "android").read_text(), re.M)
suites["android"] = (sum(int(p) for p, _ in android), sum(int(f) for _, f in android)) if len(android) == 2 else (0, 1)
ios = re.findall(r"^(\d+) passed, (\d+) failed$", (log / "ios").read_text(), re.M)
suites["ios"] = (sum(int(p) for p, _ in ios), sum(int(f) for _, f in ios)) if len(ios) == 3 else (0, 1)
if swift:
    run, failed = map(int, swift[-1])
    suites["swift"] = (run - failed, failed)
else:
    suites["swift"] = (0, 1)
for name, (p, f) in suites.items():
    print(f"{name}: {p} passed, {f} failed")
passed = sum(p for p, _ in suites.values())
failed = sum(f for _, f in suites.values())
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed or not passed else 0)
PY
