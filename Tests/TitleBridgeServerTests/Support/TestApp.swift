import Fluent
import Foundation
import Logging
import SQLKit
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

enum TestLogging {
    /// Tests log warnings and errors only; bootstrapping twice would trap, hence the once.
    static let bootstrapped: Bool = {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }
        return true
    }()
}

/// A fresh, isolated database for one test: a SQLite file in its own temporary folder, or a
/// schema of its own on the test PostgreSQL server. Removed afterwards.
struct TestDatabase {
    let engine: DatabaseEngine
    let storage: AppConfig.Storage
    let directory: URL
    let schema: String?

    init(_ engine: DatabaseEngine) throws {
        self.engine = engine
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("titlebridge-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        switch engine {
        case .sqlite:
            schema = nil
            storage = .sqlite(path: directory.appendingPathComponent(AppConfig.sqliteFileName).path)
        case .postgres:
            guard let url = DatabaseEngine.postgresURL else {
                throw TestSetupError("TITLEBRIDGE_TEST_DATABASE_URL is not set although PostgreSQL is required; run ./scripts/test")
            }
            let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            schema = name
            storage = .postgres(url: url, searchPath: [name])
        }
    }

    /// The lowest bcrypt cost keeps sign-ins fast in tests; the hashes are real bcrypt all the same.
    func config(security: SecuritySettings, maximumUploadBytes: Int = 10 * 1024 * 1024) -> AppConfig {
        AppConfig(dataDirectory: directory.path, storage: storage, logLevel: .warning, security: security,
                  maximumUploadBytes: maximumUploadBytes)
    }

    /// Creates the schema (PostgreSQL) before anything else runs.
    func create(on app: Application) async throws {
        guard let schema, let sql = app.db as? any SQLDatabase else { return }
        try await sql.raw("CREATE SCHEMA IF NOT EXISTS \(ident: schema)").run()
    }

    func drop(on app: Application) async {
        if let schema, let sql = app.db as? any SQLDatabase {
            try? await sql.raw("DROP SCHEMA IF EXISTS \(ident: schema) CASCADE").run()
        }
        try? FileManager.default.removeItem(at: directory)
    }
}

extension SecuritySettings {
    /// What tests run with: the lowest bcrypt cost, so sign-ins are fast (the hashes are real
    /// bcrypt all the same), and rate limits a hundred times the standard ones, since every
    /// in-process request comes from one address and a test signs in every role. The limits
    /// themselves are tested at their own size (`RateLimitTests`) and in the real binary.
    static var testing: SecuritySettings {
        var limits = RateLimits.standard
        for rule in [\RateLimits.signIn, \.registration, \.objection, \.lookup] {
            let standard = limits[keyPath: rule]
            limits[keyPath: rule] = .init(bucket: standard.bucket, limit: standard.limit * 100, window: standard.window)
        }
        return SecuritySettings(bcryptCost: 4, rateLimits: limits)
    }
}

struct TestSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A clock pinned to a day of the batch, noon in Shanghai.
func shanghaiNoon(_ iso: String) -> FixedClock {
    guard let day = LocalDate(iso: iso) else { fatalError("test date \(iso) is not a date") }
    return FixedClock(shanghai: day)
}

/// Runs `body` against a configured, migrated and seeded application on `engine`, with the
/// clock at `clock`, and cleans up afterwards. `demo` adds the demo's organisations and
/// accounts (the fixture most tests sign in with); `demoFiles` the replayed batch as well. `policyFolder` adds batch policy files as an
/// installation's `TITLEBRIDGE_POLICY_DIR` does, and `currentBatch` names the batch to run.
func withTestApp(
    _ engine: DatabaseEngine,
    clock: any WallClock = shanghaiNoon("2024-09-10"),
    demo: Bool = false,
    demoFiles: Bool = false,
    security: SecuritySettings = .testing,
    maximumUploadBytes: Int = 10 * 1024 * 1024,
    policyFolder: URL? = nil,
    currentBatch: String? = nil,
    _ body: (Application) async throws -> Void
) async throws {
    _ = TestLogging.bootstrapped
    let database = try TestDatabase(engine)
    let app = try await Application.make(.testing)
    do {
        try configure(app, config: database.config(security: security, maximumUploadBytes: maximumUploadBytes), services: try DomainServices.bundled(clock: clock, policyFolder: policyFolder, currentBatch: currentBatch))
        app.storage[TestStorageKey.self] = database.storage
        app.storage[TestDatabaseKey.self] = database
        try await database.create(on: app)
        try await prepareDatabase(app, demo: demo || demoFiles, demoExtent: demoFiles ? .everything : .people)
        try await body(app)
    } catch {
        await database.drop(on: app)
        try await app.asyncShutdown()
        throw error
    }
    await database.drop(on: app)
    try await app.asyncShutdown()
}

private struct TestStorageKey: StorageKey {
    typealias Value = AppConfig.Storage
}

private struct TestDatabaseKey: StorageKey {
    typealias Value = TestDatabase
}

extension Application {
    /// Where this test's database lives (the SQLite file, or the PostgreSQL schema).
    var testStorage: AppConfig.Storage? { storage[TestStorageKey.self] }
}

/// A second instance of the application on the same database and data folder (as two
/// servers behind one load balancer), shut down after `body`.
func withSecondInstance(of app: Application, clock: any WallClock, security: SecuritySettings = .testing,
                        _ body: (Application) async throws -> Void) async throws {
    guard let database = app.storage[TestDatabaseKey.self] else { throw TestSetupError("not a test application") }
    let second = try await Application.make(.testing)
    do {
        try configure(second, config: database.config(security: security), services: try DomainServices.bundled(clock: clock))
        try await body(second)
    } catch {
        try await second.asyncShutdown()
        throw error
    }
    try await second.asyncShutdown()
}
