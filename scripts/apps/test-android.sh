#!/usr/bin/env bash
# The Android app's checks that run on Linux: the presentation module (state holders with no
# Android imports) compiled with kotlinc together with the generated bindings, its JUnit tests run
# on the JVM against the real libyaohao_ffi.so and a real yaohao-portal, then a tree-sitter syntax
# check of every Kotlin file under android/. Prints "N passed, N failed" for each; exits non-zero
# on any failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
target=${CARGO_TARGET_DIR:-$PWD/target}
kotlinc=$(bash scripts/bindings/setup-kotlin.sh | tail -n 1)
gen=$(bash scripts/bindings/generate.sh | tail -n 1)
klib="$(dirname "$kotlinc")/../lib"
jars="/usr/share/java/jna.jar:/usr/share/java/junit4.jar:/usr/share/java/hamcrest-core.jar"
jars="$jars:$klib/kotlinx-coroutines-core-jvm.jar:$klib/kotlin-test.jar:$klib/kotlin-test-junit.jar"
classes="$target/android-presentation"
rm -rf "$classes" && mkdir -p "$classes"
# The JVM-compilable Kotlin: the generated bindings, the core module's coroutine layer, and the
# presentation module with its tests.
"$kotlinc" -nowarn -jvm-target 17 -cp "$jars" -d "$classes" \
  $(find "$gen" android/yaohao-core/src/main/kotlin android/presentation/src/main android/presentation/src/test -name '*.kt')
# The portal tests start the real yaohao-portal that generate.sh built with the workspace.
java -Djna.library.path="$target/debug" -Dyaohao.portal="$target/debug/yaohao-portal" -cp "$classes:$jars:$klib/kotlin-stdlib.jar" \
  app.yaohao.presentation.TestMainKt
bash scripts/apps/syntax-check.sh android
