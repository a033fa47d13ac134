// swift-tools-version:6.0
import PackageDescription

// CI builds with `TITLEBRIDGE_WARNINGS_AS_ERRORS=1`: a warning in this package's own code fails
// the build there (dependencies keep their own warnings to themselves).
let strict: [SwiftSetting] = Context.environment["TITLEBRIDGE_WARNINGS_AS_ERRORS"] == "1"
    ? [.unsafeFlags(["-warnings-as-errors"])] : []

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
        // Imported directly, so declared (not reached through Vapor, Fluent and Leaf).
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/leaf-kit.git", from: "1.14.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        // The ZIP container of the XLSX exports.
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        // 一网通办's ID tokens: signature against the provider's JWKS.
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.7.1"),
        // Request counts and latencies: swift-metrics' types, exposed by swift-prometheus.
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // Start and graceful shutdown of the server and its scheduled jobs (SIGTERM).
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        .target(
            name: "TitleBridgeCore",
            resources: [.copy("Resources")],
            swiftSettings: strict
        ),
        // zlib (Debian's zlib1g-dev), for the gzip a Bitstring Status List is encoded with. Named
        // apart from ZIPFoundation's own `CZlib` module, which a build cannot hold twice.
        .systemLibrary(name: "CGzip", path: "Sources/CGzip"),
        .target(
            name: "TitleBridgeCredentials",
            dependencies: [
                "TitleBridgeCore",
                "CGzip",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "TitleBridgeDocuments",
            dependencies: ["TitleBridgeCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: strict
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
                .product(name: "LeafKit", package: "leaf-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "titlebridge",
            dependencies: [
                "TitleBridgeCore",
                "TitleBridgeServer",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "eligibility-benchmark",
            dependencies: ["TitleBridgeCore"],
            path: "Benchmarks/EligibilityBenchmark",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "dashboard-benchmark",
            dependencies: ["TitleBridgeCore", "TitleBridgeServer", .product(name: "Vapor", package: "vapor")],
            path: "Benchmarks/DashboardBenchmark",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "load-seed",
            dependencies: ["TitleBridgeCore", "TitleBridgeServer", .product(name: "Vapor", package: "vapor"),
                           .product(name: "SQLKit", package: "sql-kit"), .product(name: "Crypto", package: "swift-crypto")],
            path: "Benchmarks/LoadSeed",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "micro-benchmark",
            dependencies: ["TitleBridgeCore", "TitleBridgeDocuments"],
            path: "Benchmarks/MicroBenchmark",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "certificate-benchmark",
            dependencies: ["TitleBridgeCore", "TitleBridgeCredentials", "TitleBridgeDocuments"],
            path: "Benchmarks/CertificateBenchmark",
            swiftSettings: strict
        ),
        .testTarget(name: "TitleBridgeCoreTests", dependencies: ["TitleBridgeCore"], resources: [.copy("RuleCases")], swiftSettings: strict),
        .testTarget(
            name: "TitleBridgeCredentialsTests",
            dependencies: ["TitleBridgeCredentials", "TitleBridgeCore", .product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Vectors")],
            swiftSettings: strict
        ),
        .testTarget(name: "TitleBridgeDocumentsTests", dependencies: ["TitleBridgeDocuments"], swiftSettings: strict),
        .testTarget(
            name: "TitleBridgeServerTests",
            dependencies: [
                "TitleBridgeServer",
                "TitleBridgeCore",
                "TitleBridgeDocuments",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            resources: [.copy("Policies")],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
