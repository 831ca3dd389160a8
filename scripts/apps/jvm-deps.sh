#!/usr/bin/env bash
# Resolves the pinned desktop-JVM libraries of the Android modules (android/jvm/pom.xml) from Maven
# Central with Maven, into a cache keyed by the pom's hash: Compose Multiplatform for desktop with
# skiko's Linux runtime, coroutines, JNA, JUnit, and the Compose compiler plugin for kotlinc (the
# plain artifact: the -embeddable one is built against the shaded compiler of Gradle's Kotlin plugin
# and fails in the kotlinc command line with NoClassDefFoundError ...com.intellij.psi.PsiElement).
# Idempotent. Prints two lines: the classpath, then the Compose compiler plugin's jar.
set -euo pipefail
cd "$(dirname "$0")/../.."
pom=android/jvm/pom.xml
plugin=org.jetbrains.kotlin:kotlin-compose-compiler-plugin:2.4.20
if ! command -v mvn >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends maven >/dev/null
fi
key=$( { cat "$pom"; echo "$plugin"; } | sha256sum | cut -c1-16)
dir=${YAOHAO_TOOLS:-$HOME/.cache/yaohao-tools}/android-jvm-$key
if ! [ -f "$dir/done" ]; then
  rm -rf "$dir"
  mvn -q -B -f "$pom" dependency:copy-dependencies -Dmdep.prependGroupId=true -DoutputDirectory="$dir/lib" >&2
  mvn -q -B -f "$pom" dependency:copy -Dartifact="$plugin" -Dmdep.stripVersion=true -DoutputDirectory="$dir/plugin" >&2
  touch "$dir/done"
fi
find "$dir/lib" -name '*.jar' | sort | paste -sd:
echo "$dir/plugin/kotlin-compose-compiler-plugin.jar"
