import Fluent
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

@Suite("Demo data — never silently lost, never printed when absent")
struct DemoDataTests {
    /// A configured application on a fresh database of `engine`, torn down after `body`.
    static func withFreshDatabase(_ engine: DatabaseEngine, _ body: (Application) async throws -> Void) async throws {
        _ = TestLogging.bootstrapped
        let database = try TestDatabase(engine)
        let app = try await Application.make(.testing)
        do {
            try configure(app, config: database.config(security: SecuritySettings(bcryptCost: 4)), services: try DomainServices.bundled())
            try await database.create(on: app)
            try await body(app)
        } catch {
            Issue.record(error)
        }
        await database.drop(on: app)
        try await app.asyncShutdown()
    }

    @Test("A database an earlier command created (no accounts) still gets the demo at the first serve", arguments: DatabaseEngine.available)
    func seededAfterAnEarlierCommand(engine: DatabaseEngine) async throws {
        try await Self.withFreshDatabase(engine) { app in
            // What `catalogue import` or `migrate` does first: a new database, no demo.
            let first = try await prepareDatabase(app, demo: false)
            #expect(first.wasNew)
            #expect(!first.demoSeeded)
            #expect(first.demoLogins.isEmpty)
            // Then `serve`: the database is not new, and it gets the demo all the same.
            let serve = try await prepareDatabase(app, demo: true)
            #expect(!serve.wasNew)
            #expect(serve.demoSeeded)
            #expect(serve.demoLogins == DemoSeed.logins)
            _ = try await signInAPI(app, "applicant1")
            // Again: nothing more.
            let again = try await prepareDatabase(app, demo: true)
            #expect(!again.demoSeeded)
            #expect(again.demoLogins == DemoSeed.logins)
        }
    }

    @Test("A database with a real account gets no demo, and no demo login is reported — not even a real “admin”",
          arguments: DatabaseEngine.available)
    func noDemoBesideRealAccounts(engine: DatabaseEngine) async throws {
        try await Self.withFreshDatabase(engine) { app in
            try await prepareDatabase(app, demo: false)
            // `users create` of the first administrator, under the demo's own user name.
            _ = try await OperatorTasks.createUser(on: app, username: "admin", displayName: "首席管理员", password: "Chief-keeper-2024",
                                                   roles: [.admin], organisationCreditCode: nil)
            let serve = try await prepareDatabase(app, demo: true)
            #expect(!serve.demoSeeded)
            #expect(serve.demoLogins.isEmpty)
            #expect(try await UserRecord.query(on: app.db).count() == 1)
        }
    }

    /// Starts the built `titlebridge serve` on `data` and returns what it printed up to the
    /// English address, and whether `username` signs in with the demo password.
    static func serveOnce(data: String, extra: [String] = [], username: String) async throws -> (banner: String, signsIn: Bool) {
        let serve = try ServeProcess(arguments: ["--data-dir", data] + extra)
        defer { serve.stop() }
        try #require(try await serve.healthy(), "serve did not answer /healthz with 200 within 30 s")
        let signsIn = try await serve.signsIn(username)
        return (await serve.banner.value, signsIn)
    }

    @Test("titlebridge catalogue import before the first serve: serve still adds the demo, and every printed login signs in")
    func importThenServe() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: ServeCommandTests.executable.path),
                     "build the titlebridge product first (swift build)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("titlebridge-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("catalogue.csv")
        try Data([CatalogueImportTests.header, CatalogueImportTests.cfa].joined(separator: "\n").utf8).write(to: csv)
        let data = folder.appendingPathComponent("data").path

        let (status, output) = try runTitlebridge(["catalogue", "import", "--data-dir", data, csv.path])
        #expect(status == 0, "catalogue import: \(output)")

        let (banner, signsIn) = try await Self.serveOnce(data: data, username: "applicant1")
        #expect(banner.contains("password: \(DemoSeed.password)"))
        #expect(banner.contains("    applicant1  ("))
        #expect(signsIn, "the printed demo login applicant1 does not sign in")
    }

    @Test("serve --no-demo on a fresh folder prints no demo logins")
    func noDemoPrintsNone() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: ServeCommandTests.executable.path),
                     "build the titlebridge product first (swift build)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("titlebridge-nodemo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (banner, signsIn) = try await Self.serveOnce(data: folder.appendingPathComponent("data").path, extra: ["--no-demo"],
                                                         username: "applicant1")
        #expect(!banner.contains("applicant1"))
        #expect(!banner.contains(DemoSeed.password))
        #expect(!signsIn)
    }
}
