// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "TitleBridge",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "titlebridge", targets: ["titlebridge"]),
        .library(name: "TitleBridgeCore", targets: ["TitleBridgeCore"]),
        .library(name: "TitleBridgeServer", targets: ["TitleBridgeServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.0"..<"5.0.0"),
    ],
    targets: [
        .target(
            name: "TitleBridgeCore",
            resources: [.copy("Resources")]
        ),
        .target(
            name: "TitleBridgeCredentials",
            dependencies: [
                "TitleBridgeCore",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "TitleBridgeDocuments",
            dependencies: ["TitleBridgeCore"]
        ),
        .target(
            name: "TitleBridgeServer",
            dependencies: [
                "TitleBridgeCore",
                "TitleBridgeCredentials",
                "TitleBridgeDocuments",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            resources: [.copy("Resources")]
        ),
        .executableTarget(
            name: "titlebridge",
            dependencies: [
                "TitleBridgeCore",
                "TitleBridgeServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "eligibility-benchmark",
            dependencies: ["TitleBridgeCore"],
            path: "Benchmarks/EligibilityBenchmark"
        ),
        .testTarget(name: "TitleBridgeCoreTests", dependencies: ["TitleBridgeCore"], resources: [.copy("RuleCases")]),
        .testTarget(name: "TitleBridgeCredentialsTests", dependencies: ["TitleBridgeCredentials"]),
        .testTarget(name: "TitleBridgeDocumentsTests", dependencies: ["TitleBridgeDocuments"]),
        .testTarget(
            name: "TitleBridgeServerTests",
            dependencies: [
                "TitleBridgeServer",
                .product(name: "VaporTesting", package: "vapor"),
            ],
            resources: [.copy("Policies")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
