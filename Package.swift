// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "cnn-tutor",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "cnn-tutor", targets: ["cnn-tutor"]),
        .library(name: "CNNCore", targets: ["CNNCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
    ],
    targets: [
        // The math: tensors, convolution, pooling, gradients and their term-by-term explanations. No I/O.
        .target(name: "CNNCore"),
        .executableTarget(
            name: "cnn-tutor",
            dependencies: [
                "CNNCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "CNNCoreTests",
            dependencies: [
                "CNNCore",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
    ]
)
