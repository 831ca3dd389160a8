#!/usr/bin/env bash
# Kotlin binding tests: the generated bindings and tests/kotlin compiled with kotlinc and run on
# the JVM against the real libyaohao_ffi.so and a real yaohao-portal process. Prints
# "N passed, N failed". Fails first if an exported item is used by no Kotlin test.
set -euo pipefail
cd "$(dirname "$0")/../.."
target=${CARGO_TARGET_DIR:-$PWD/target}
kotlinc=$(bash scripts/bindings/setup-kotlin.sh | tail -n 1)
gen=$(bash scripts/bindings/generate.sh | tail -n 1)
# Every exported item must be used by the Kotlin tests (and have a row in docs/bindings.md).
python3 scripts/bindings/coverage.py check "$gen" kotlin
klib="$(dirname "$kotlinc")/../lib"
jars="/usr/share/java/jna.jar:/usr/share/java/junit4.jar:/usr/share/java/hamcrest-core.jar"
jars="$jars:$klib/kotlinx-coroutines-core-jvm.jar:$klib/kotlin-test.jar:$klib/kotlin-test-junit.jar"
classes="$target/kotlin-tests"
rm -rf "$classes" && mkdir -p "$classes"
"$kotlinc" -nowarn -jvm-target 17 -cp "$jars" -d "$classes" \
  $(find "$gen" -name '*.kt') tests/kotlin/*.kt
java -Djna.library.path="$target/debug" -Dyaohao.portal="$target/debug/yaohao-portal" -cp "$classes:$jars:$klib/kotlin-stdlib.jar" \
  app.yaohao.tests.MainKt
