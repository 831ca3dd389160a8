#!/usr/bin/env bash
# Installs what the Kotlin binding tests need on a fresh Debian machine: JNA and JUnit 4 from
# Debian, and the Kotlin compiler from npm (`kotlin-compiler`, the full kotlinc distribution).
# Idempotent. Prints the tools directory's kotlinc path on the last line.
set -euo pipefail
KOTLIN_VERSION=2.4.20
TOOLS=${YAOHAO_TOOLS:-$HOME/.cache/yaohao-tools}

if ! [ -f /usr/share/java/jna.jar ] || ! [ -f /usr/share/java/junit4.jar ] || ! command -v java >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends libjna-java junit4 default-jdk-headless >/dev/null
fi
kotlinc="$TOOLS/node_modules/kotlin-compiler/bin/kotlinc"
if ! [ -x "$kotlinc" ] || ! grep -q "\"version\": \"$KOTLIN_VERSION\"" "$TOOLS/node_modules/kotlin-compiler/package.json" 2>/dev/null; then
  mkdir -p "$TOOLS"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS" "kotlin-compiler@$KOTLIN_VERSION" >/dev/null
fi
echo "$kotlinc"
