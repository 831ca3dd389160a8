// swift-tools-version:5.9
// Runs the generated Swift bindings of yaohao-ffi against the real library on Linux.
import PackageDescription

let package = Package(
    name: "YaohaoBindingTests",
    targets: [
        .systemLibrary(name: "YaohaoFFIFFI", path: "Sources/YaohaoFFIFFI"),
        .target(name: "YaohaoFFI", dependencies: ["YaohaoFFIFFI"], path: "Sources/YaohaoFFI"),
        .testTarget(name: "YaohaoFFITests", dependencies: ["YaohaoFFI"], path: "Tests/YaohaoFFITests"),
    ]
)
