import Fluent
import Foundation
import SQLKit
import Testing
@testable import TitleBridgeServer
import Vapor

@Suite("PostgreSQL: the server runs as a serving role that cannot change the schema or rewrite the audit log")
struct ServingRoleTests {
    static var postgres: [DatabaseEngine] { DatabaseEngine.available.filter { $0 == .postgres } }

    @Test("Migrations run as the owner; as the serving role the service works, and UPDATE, DELETE, TRUNCATE of the audit log, dropping its trigger or a table, making a table are refused",
          arguments: postgres)
    func servingRole(engine: DatabaseEngine) async throws {
        let environment = ProcessInfo.processInfo.environment
        let owner = try #require(DatabaseEngine.postgresURL)
        let serving = try #require(environment["TITLEBRIDGE_TEST_SERVING_URL"], "scripts/test makes the serving role")
        let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("titlebridge-role-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = AppConfig(dataDirectory: folder.path, storage: .postgres(url: serving, searchPath: [schema]), logLevel: .warning,
                               security: .testing, ownerDatabaseURL: owner)
        _ = TestLogging.bootstrapped
        let app = try await Application.make(.testing)
        do {
            try configure(app, config: config, services: try DomainServices.bundled(clock: shanghaiNoon("2024-09-10")))
            let ownerSQL = try #require(app.db(.owner) as? any SQLDatabase)
            try await ownerSQL.raw("CREATE SCHEMA \(ident: schema)").run()
            _ = try await prepareDatabase(app, demo: true, demoExtent: .people)

            // The service works as the serving role: a sign-in writes a session and appends to the audit log.
            let servingSQL = try #require(app.db as? any SQLDatabase)
            let who = try #require(try await servingSQL.raw("SELECT current_user AS name").first()).decode(column: "name", as: String.self)
            #expect(who == "titlebridge_serving")
            let before = try await AuditEventRecord.query(on: app.db).count()
            _ = try await signInAPI(app, "applicant1")
            #expect(try await AuditEventRecord.query(on: app.db).count() > before)

            for statement in ["UPDATE audit_events SET reason = 'rewritten'", "DELETE FROM audit_events", "TRUNCATE audit_events",
                              "DROP TRIGGER audit_events_append_only ON audit_events", "ALTER TABLE audit_events DISABLE TRIGGER ALL",
                              "DROP TABLE applications", "CREATE TABLE intruder (id int)", "DELETE FROM _fluent_migrations"] {
                var refusal = ""
                do { try await servingSQL.raw(SQLQueryString(stringLiteral: statement)).run() } catch { refusal = String(reflecting: error) }
                #expect(refusal.contains("permission denied") || refusal.contains("must be owner"), "\(statement): \(refusal.prefix(300))")
            }
            #expect(try await OperatorTasks.verifyAudit(on: app).isIntact)
            try await ownerSQL.raw("DROP SCHEMA \(ident: schema) CASCADE").run()
        } catch {
            if let sql = app.db(.owner) as? any SQLDatabase { try? await sql.raw("DROP SCHEMA IF EXISTS \(ident: schema) CASCADE").run() }
            try await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
