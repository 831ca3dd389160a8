# Sourced by test-android.sh and screens.sh: compiles what of android/ runs on the desktop JVM.
# - the generated bindings and :presentation (main and tests) into
#   $presentation_classes;
# - :screens (main and tests) with the Compose compiler plugin into $screens_classes, with the one
#   string table (:app's values/ and values-en/ strings.xml) copied beside its classes.
# Libraries come from Maven Central (scripts/apps/jvm-deps.sh, pinned in android/jvm/pom.xml); the
# screens need a CJK font to render Chinese (fonts-wqy-microhei from Debian).
# Sets $jvm_classpath (libraries), $presentation_classes, $screens_classes and $java_flags.
target=${CARGO_TARGET_DIR:-$PWD/target}
kotlinc=$(bash scripts/bindings/setup-kotlin.sh | tail -n 1)
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends fontconfig fonts-wqy-microhei >/dev/null
fi
deps=$(bash scripts/apps/jvm-deps.sh)
jvm_classpath=$(sed -n 1p <<<"$deps")
compose_plugin=$(sed -n 2p <<<"$deps")
gen=$(bash scripts/bindings/generate.sh | tail -n 1)
presentation_classes="$target/android-jvm/presentation"
screens_classes="$target/android-jvm/screens"
rm -rf "$presentation_classes" "$screens_classes" && mkdir -p "$presentation_classes" "$screens_classes"
"$kotlinc" -nowarn -jvm-target 17 -no-stdlib -cp "$jvm_classpath" -d "$presentation_classes" \
  $(find "$gen" android/presentation/src/main android/presentation/src/test -name '*.kt')
"$kotlinc" -nowarn -jvm-target 17 -no-stdlib -Xplugin="$compose_plugin" -cp "$jvm_classpath:$presentation_classes" -d "$screens_classes" \
  $(find android/screens/src/main android/screens/src/test -name '*.kt')
for dir in values values-en; do
  mkdir -p "$screens_classes/yaohao-strings/$dir"
  cp "android/app/src/main/res/$dir/strings.xml" "$screens_classes/yaohao-strings/$dir/"
done
java_flags=(-Djava.awt.headless=true -Djna.library.path="$target/debug" -Dyaohao.portal="$target/debug/yaohao-portal")
