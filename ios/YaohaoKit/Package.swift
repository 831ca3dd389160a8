// swift-tools-version:6.0
// YaohaoKit: the Rust core (an XCFramework built by ../build-xcframework.sh), its generated Swift
// bindings, and the small Swift layer the SwiftUI app is written against.
import PackageDescription

#if os(Linux)
// Linux, for the tests only: the host's libyaohao_ffi.so through a system-library target whose
// module map links it (scripts/apps/test-ios.sh copies the generated header next to it).
let rustCore: Target = .systemLibrary(name: "YaohaoFFIFFI", path: "Linux/YaohaoFFIFFI")
#else
// Apple platforms: the static libraries (device, simulator) with the C header and module map.
let rustCore: Target = .binaryTarget(name: "YaohaoFFIFFI", path: "YaohaoFFIFFI.xcframework")
#endif

let package = Package(
    name: "YaohaoKit",
    platforms: [.iOS(.v17), .macOS(.v14)],
    products: [.library(name: "YaohaoKit", targets: ["YaohaoKit"])],
    targets: [
        rustCore,
        // The uniffi-generated YaohaoFFI.swift, written here by the build scripts, never committed.
        .target(
            name: "YaohaoFFI",
            dependencies: ["YaohaoFFIFFI"],
            path: "Sources/YaohaoFFI",
            exclude: ["README.md"],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .target(name: "YaohaoKit", dependencies: ["YaohaoFFI"]),
        .testTarget(name: "YaohaoKitTests", dependencies: ["YaohaoKit"]),
    ]
)
