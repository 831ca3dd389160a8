#!/usr/bin/env bash
# The Android app's checks that run on Linux (see android/README.md, "Verified on Linux CI"):
# :presentation (state holders) and :screens (the Compose screens, on Compose Multiplatform for
# desktop) compiled with kotlinc together with the generated bindings; the presentation tests and
# the screens' UI and screenshot tests run on the JVM against the real libyaohao_ffi.so and a real
# yaohao-portal; then a tree-sitter syntax check of every Kotlin file under android/. Prints
# "N passed, N failed" for each test run and "checks: N passed, N failed" for the syntax check;
# exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/apps/android-jvm.sh
java "${java_flags[@]}" -cp "$presentation_classes:$jvm_classpath" app.yaohao.presentation.TestMainKt
java "${java_flags[@]}" -Dyaohao.screens="$target/screens" -cp "$screens_classes:$presentation_classes:$jvm_classpath" \
  app.yaohao.screens.ScreensTestMainKt
bash scripts/apps/syntax-check.sh android | sed -E 's/^([0-9]+ passed, [0-9]+ failed)$/checks: \1/'
