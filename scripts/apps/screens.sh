#!/usr/bin/env bash
# Renders every screen of the Android app in each of its states, in Chinese and English, light and
# dark, at a phone and a small-phone size, headlessly to PNG in target/screens/ (never committed).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/apps/android-jvm.sh
rm -rf "$target/screens"
java "${java_flags[@]}" -cp "$screens_classes:$presentation_classes:$jvm_classpath" app.yaohao.screens.ScreenshotsKt "$target/screens"
