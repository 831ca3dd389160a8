#!/usr/bin/env bash
# Builds the Rust core for iOS into ios/YaohaoKit/YaohaoFFIFFI.xcframework (static libraries for
# devices and for the simulator, with the C header and module map) and generates the Swift
# bindings into ios/YaohaoKit/Sources/YaohaoFFI/. Needs a Mac with Xcode and rustup; run it
# before opening the project and after every change to core/ or bindings/. Nothing it writes is
# committed.
#
#   ios/build-xcframework.sh            # release-mobile profile (small, LTO)
#   PROFILE=dev ios/build-xcframework.sh  # quicker, for debugging the core
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
profile=${PROFILE:-release-mobile}
target_dir=${CARGO_TARGET_DIR:-$repo/target}
kit="$repo/ios/YaohaoKit"
work="$target_dir/ios-xcframework"
lib=libyaohao_ffi.a
export IPHONEOS_DEPLOYMENT_TARGET=17.0

[ "$(uname)" = Darwin ] || { echo "build-xcframework.sh needs macOS with Xcode" >&2; exit 1; }
device=aarch64-apple-ios
simulators=(aarch64-apple-ios-sim x86_64-apple-ios)
rustup target add "$device" "${simulators[@]}" >/dev/null

# `dev` builds land in target/<triple>/debug, every other profile in a directory of its name.
out_dir() { if [ "$profile" = dev ]; then echo "$target_dir/$1/debug"; else echo "$target_dir/$1/$profile"; fi; }

for triple in "$device" "${simulators[@]}"; do
  cargo build --locked -p yaohao-ffi --lib --profile "$profile" --target "$triple"
done

# One simulator library for both architectures (an XCFramework takes one library per platform).
rm -rf "$work" && mkdir -p "$work/ios" "$work/ios-simulator" "$work/bindings" "$work/headers/YaohaoFFIFFI"
cp "$(out_dir "$device")/$lib" "$work/ios/$lib"
lipo -create $(for t in "${simulators[@]}"; do echo "$(out_dir "$t")/$lib"; done) -output "$work/ios-simulator/$lib"

# The bindings come from the host build of the same crate (the exported interface does not depend
# on the target), generated in library mode like scripts/bindings/generate.sh does on Linux.
cargo build --locked -p yaohao-ffi -p uniffi-bindgen
"$target_dir/debug/uniffi-bindgen" generate "$target_dir/debug/libyaohao_ffi.dylib" \
  --language swift --out-dir "$work/bindings"

# The headers of every FFI module with one merged module map, in a subdirectory named for the
# module so that it cannot clash with another XCFramework's module.modulemap in the app.
cp "$work"/bindings/*.h "$work/headers/YaohaoFFIFFI/"
cat "$work"/bindings/*.modulemap > "$work/headers/YaohaoFFIFFI/module.modulemap"

rm -rf "$kit/YaohaoFFIFFI.xcframework"
xcodebuild -create-xcframework \
  -library "$work/ios/$lib" -headers "$work/headers" \
  -library "$work/ios-simulator/$lib" -headers "$work/headers" \
  -output "$kit/YaohaoFFIFFI.xcframework"
cp "$work/bindings/YaohaoFFI.swift" "$kit/Sources/YaohaoFFI/YaohaoFFI.swift"
echo "$kit/YaohaoFFIFFI.xcframework"
