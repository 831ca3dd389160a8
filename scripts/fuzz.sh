#!/usr/bin/env bash
# Runs every fuzz target in fuzz/ for a bounded time with cargo-fuzz (libFuzzer), on the stable
# toolchain (RUSTC_BOOTSTRAP=1 lets it take the sanitizer flags). Seeds come from fuzz/seeds/<target>
# (committed, small); the growing corpus stays in target/fuzz-corpus/. Crashes are kept in
# fuzz/artifacts/<target>/ and fail the run.
# Prints "checks: N passed, N failed" (a target passes when its run ends without a crash).
#   usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET…]    (default 30 s, every target)
#   FUZZ_FLAGS sets cargo-fuzz's build flags (default: release with AddressSanitizer). CI's short
#   runs use "--dev --sanitizer none": an unoptimised build without ASan compiles in a fraction of
#   the time; the fuzzed code is safe Rust, and panics and timeouts are caught either way.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
shift || true
if ! command -v cargo-fuzz >/dev/null; then
  cargo install --locked cargo-fuzz@0.13.2
fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(sed -n 's/^name = "\(.*\)"$/\1/p' fuzz/Cargo.toml | tail -n +2)
fi
export RUSTC_BOOTSTRAP=1
read -r -a flags <<< "${FUZZ_FLAGS:---sanitizer address}"
# Build first: a target that does not build fails here, loudly.
cargo fuzz build "${flags[@]}" --fuzz-dir fuzz 2>&1 | tail -n 3
passed=0
failed=0
for t in "${targets[@]}"; do
  corpus=target/fuzz-corpus/$t
  mkdir -p "$corpus"
  echo "==> $t: ${seconds}s"
  cargo fuzz run "${flags[@]}" --fuzz-dir fuzz "$t" "$corpus" "fuzz/seeds/$t" -- \
    -max_total_time="$seconds" -max_len=262144 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 2>&1 |
    grep -E '^(#[0-9]+\s+(DONE|INITED)|stat::|==[0-9]+==|SUMMARY|Test unit written|thread .* panicked)' || true
  if [ -n "$(ls -A "fuzz/artifacts/$t" 2>/dev/null)" ]; then
    echo "$t: crash artifacts in fuzz/artifacts/$t" >&2
    failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
done
echo "checks: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
