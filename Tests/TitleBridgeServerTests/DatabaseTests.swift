import Fluent
import Foundation
import SQLKit
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor

@Suite("Database — migrations, reference data, demo rules")
struct DatabaseTests {
    @Test("A new database gets the batch policy, the catalogue and the holiday calendar", arguments: DatabaseEngine.available)
    func referenceData(engine: DatabaseEngine) async throws {
        try await withTestApp(engine) { app in
            let batches = try await BatchRecord.query(on: app.db).all()
            #expect(batches.map(\.id) == ["shanghai-2024-batch2"])
            #expect(batches.first?.isCurrent == true)
            #expect(batches.first?.noticeDocument == "沪人社专〔2024〕296号")
            // The stored policy is the file's policy, whole.
            let stored = try #require(batches.first?.policyJSON)
            let policy = try JSONDecoder().decode(BatchPolicy.self, from: Data(stored.utf8))
            #expect(policy == app.domain.policies["shanghai-2024-batch2"])

            let years = try await HolidayYearRecord.query(on: app.db).sort(\.$id).all()
            #expect(years.compactMap(\.id) == [2024, 2025, 2026])
            #expect(years.first?.sourceDocument == "国办发明电〔2023〕7号")

            let items = try await CertificateItemRecord.query(on: app.db).all()
            #expect(Set(items.compactMap(\.id)) == ["acca-fcca", "cgma-fellow"])
            #expect(items.allSatisfy { $0.field == "financeManagement" && $0.levels == "associateSenior" })
        }
    }

    @Test("Preparing again changes nothing and says the database is not new", arguments: DatabaseEngine.available)
    func idempotent(engine: DatabaseEngine) async throws {
        // With accounts in it: a database without any would get the demo data now.
        try await withTestApp(engine, demo: true) { app in
            let before = try await HolidayYearRecord.query(on: app.db).count()
            let report = try await prepareDatabase(app, demo: true)
            #expect(report.wasNew == false)
            #expect(report.demoSeeded == false)
            #expect(try await HolidayYearRecord.query(on: app.db).count() == before)
            #expect(try await BatchRecord.query(on: app.db).count() == 1)
        }
    }

    @Test("Demo data only into a new database, and never with demo off", arguments: DatabaseEngine.available)
    func demoRules(engine: DatabaseEngine) async throws {
        _ = TestLogging.bootstrapped
        for demo in [true, false] {
            let database = try TestDatabase(engine)
            let app = try await Application.make(.testing)
            do {
                try configure(app, config: database.config(security: SecuritySettings(bcryptCost: 4)), services: try DomainServices.bundled())
                try await database.create(on: app)
                let report = try await prepareDatabase(app, demo: demo, demoExtent: .people)
                #expect(report.wasNew == true)
                #expect(report.demoSeeded == demo)
                #expect(try await UserRecord.query(on: app.db).count() == (demo ? DemoSeed.accounts.count : 0))
                if demo {
                    // `seed --demo` on a demo database adds nothing.
                    let rows = try await AuditEventRecord.query(on: app.db).count()
                    try await DemoSeed.run(on: app, extent: .people)
                    #expect(try await UserRecord.query(on: app.db).count() == DemoSeed.accounts.count)
                    #expect(try await OrganisationRecord.query(on: app.db).count() == DemoSeed.units.count)
                    #expect(try await AuditEventRecord.query(on: app.db).count() == rows)
                }
            } catch {
                Issue.record(error)
            }
            await database.drop(on: app)
            try await app.asyncShutdown()
        }
    }

    @Test("The SQLite file runs in WAL mode")
    func sqliteWAL() async throws {
        try await withTestApp(.sqlite) { app in
            let sql = try #require(app.db as? any SQLDatabase)
            let row = try await sql.raw("PRAGMA journal_mode").first()
            #expect(try row?.decode(column: "journal_mode", as: String.self) == "wal")
        }
    }
}
