import Fluent
import Foundation
import SQLKit
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor

@Suite("Audit log — append-only, hash-chained")
struct AuditLogTests {
    /// Lets a test play the attacker with database access: the append-only trigger is removed.
    static func disableGuard(_ sql: any SQLDatabase) async throws {
        if sql.dialect.name == "sqlite" {
            try await sql.raw("DROP TRIGGER audit_events_no_update").run()
            try await sql.raw("DROP TRIGGER audit_events_no_delete").run()
        } else {
            try await sql.raw("ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only").run()
        }
    }

    /// The audit rows of the demo's people: one per organisation, one per account and one per
    /// member of the committee.
    static let demoRows = DemoSeed.units.count + DemoSeed.accounts.count + DemoSeed.committeeMembers.count

    @Test("Every change is chained and the chain verifies", arguments: DatabaseEngine.available)
    func intact(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let report = try await OperatorTasks.verifyAudit(on: app)
            #expect(report.isIntact)
            // The demo's organisations and accounts, each created once.
            #expect(report.rowsChecked == Self.demoRows)
            let rows = try await AuditEventRecord.query(on: app.db).sort(\.$id).all()
            #expect(rows.first?.prevHash == AuditLog.genesis)
            for (previous, row) in zip(rows, rows.dropFirst()) { #expect(row.prevHash == previous.hash) }
            #expect(rows.allSatisfy { $0.actorName == "demo-seed" && $0.afterDigest != nil })
        }
    }

    @Test("The database refuses to change or delete an audit row", arguments: DatabaseEngine.available)
    func appendOnly(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let sql = try #require(app.db as? any SQLDatabase)
            await #expect(throws: (any Error).self) {
                try await sql.raw("UPDATE audit_events SET reason = 'rewritten' WHERE seq = 3").run()
            }
            await #expect(throws: (any Error).self) {
                try await sql.raw("DELETE FROM audit_events WHERE seq = 3").run()
            }
            #expect(try await OperatorTasks.verifyAudit(on: app).isIntact)
        }
    }

    @Test("An edited row is named by verify, even with its own hash recomputed", arguments: DatabaseEngine.available)
    func tampering(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let sql = try #require(app.db as? any SQLDatabase)
            try await Self.disableGuard(sql)
            try await sql.raw("UPDATE audit_events SET reason = 'roles: admin' WHERE seq = 12").run()
            var report = try await OperatorTasks.verifyAudit(on: app)
            #expect(report.firstBrokenRow == 12)
            #expect(report.rowsChecked == 11)
            #expect(report.problem?.contains("hash") == true)

            // Recomputing the edited row's own hash does not help: the next row's link breaks.
            let rows = try await AuditEventRecord.query(on: app.db).filter(\.$id == 12).all()
            let edited = try #require(rows.first)
            let rehash = AuditLog.hash(of: edited, previous: edited.prevHash)
            try await sql.raw("UPDATE audit_events SET hash = \(bind: rehash) WHERE seq = 12").run()
            report = try await OperatorTasks.verifyAudit(on: app)
            #expect(report.firstBrokenRow == 13)
        }
    }

    @Test("A deleted row breaks the link of the row after it", arguments: DatabaseEngine.available)
    func deletion(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let sql = try #require(app.db as? any SQLDatabase)
            try await Self.disableGuard(sql)
            try await sql.raw("DELETE FROM audit_events WHERE seq = 7").run()
            let report = try await OperatorTasks.verifyAudit(on: app)
            #expect(report.firstBrokenRow == 8)
            #expect(report.problem?.contains("link") == true)
        }
    }

    @Test("Newest rows removed leave an intact chain, but not the head written down before", arguments: DatabaseEngine.available)
    func truncatedEnd(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let before = try await OperatorTasks.verifyAudit(on: app)
            let head = try #require(before.head)
            #expect(head.hasPrefix("\(Self.demoRows):"))
            // The log grows: the recorded head still holds.
            _ = try await signInAPI(app, "applicant1")
            let grown = try await OperatorTasks.verifyAudit(on: app, expectedHead: head)
            #expect(grown.isIntact && grown.head != head)

            let sql = try #require(app.db as? any SQLDatabase)
            try await Self.disableGuard(sql)
            try await sql.raw("DELETE FROM audit_events WHERE seq >= \(bind: Self.demoRows)").run()
            #expect(try await OperatorTasks.verifyAudit(on: app).isIntact, "the chain alone cannot see its end cut off")
            let cut = try await OperatorTasks.verifyAudit(on: app, expectedHead: head)
            #expect(!cut.isIntact)
            #expect(cut.problem?.contains("removed from its end") == true)
        }
    }

    @Test("Concurrent changes still form one chain", arguments: DatabaseEngine.available)
    func concurrentAppends(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let directory = AccountDirectory(app: app)
            let units = try await OrganisationRecord.query(on: app.db).all()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, unit) in units.enumerated() {
                    group.addTask {
                        try await directory.updateContact(of: unit, to: UnitContact(contactPhone: "021-5555000\(index)", address: nil),
                                                          by: .system("test"))
                    }
                }
                try await group.waitForAll()
            }
            let report = try await OperatorTasks.verifyAudit(on: app)
            #expect(report.isIntact)
            #expect(report.rowsChecked == Self.demoRows + units.count)
        }
    }

    @Test("titlebridge audit verify names the edited row and exits 1")
    func command() async throws {
        try await withTestApp(.sqlite, demo: true) { app in
            let sql = try #require(app.db as? any SQLDatabase)
            guard case .sqlite(let path) = app.testStorage else { throw TestSetupError("not SQLite") }
            let folder = (path as NSString).deletingLastPathComponent

            var (status, output) = try runTitlebridge(["audit", "verify", "--data-dir", folder])
            #expect(status == 0)
            #expect(output.contains("intact: \(Self.demoRows) rows"))

            try await Self.disableGuard(sql)
            try await sql.raw("UPDATE audit_events SET actor_name = 'someone-else' WHERE seq = 5").run()
            (status, output) = try runTitlebridge(["audit", "verify", "--data-dir", folder])
            #expect(status == 1)
            #expect(output.contains("BROKEN at row 5"), "output: \(output)")
        }
    }
}
