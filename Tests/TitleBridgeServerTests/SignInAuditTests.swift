import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

@Suite("Failed sign-ins — the audit log keeps no typed secrets")
struct SignInAuditTests {
    /// Every text of an audit row, as one string to search.
    static func text(of row: AuditEventRecord) -> String {
        [row.at, row.actorID ?? "", row.actorName, row.actorRole, row.action, row.recordType, row.recordID,
         row.beforeDigest ?? "", row.afterDigest ?? "", row.reason ?? ""].joined(separator: "\n")
    }

    /// One API sign-in; its status.
    static func attempt(_ app: Application, _ username: String, _ password: String) async throws -> HTTPStatus {
        var status = HTTPStatus.internalServerError
        try await app.testing().test(.POST, "/api/v1/session", beforeRequest: { req in
            try req.content.encode(["username": username, "password": password], as: .json)
        }) { res in status = res.status }
        return status
    }

    @Test("A user name that names no account leaves no trace in the audit log; a wrong password still names the account",
          arguments: DatabaseEngine.available)
    func typedNameNotKept(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            // A password typed into the user-name field, through the API and through the page.
            let typed = "Tr0ub4dor-Secret-2024"
            #expect(try await Self.attempt(app, typed, "not-the-password-1") == .unauthorized)
            let browser = try await anonymousBrowser(app)
            try await app.testing().test(.POST, "/login", beforeRequest: { req in
                browser.prepare(&req)
                try req.content.encode(FormBody(["_csrf": browser.csrf, "username": typed, "password": "not-the-password-1"]),
                                       as: .urlEncodedForm)
            }) { res in
                #expect(res.status == .unauthorized)
            }

            let rows = try await AuditEventRecord.query(on: app.db).sort(\.$id).all()
            let unknown = rows.filter { $0.action == "signIn.failed" }
            #expect(unknown.count == 2, "both attempts are audited")
            #expect(unknown.allSatisfy { $0.recordID == "unknown" })
            for row in rows {
                #expect(!Self.text(of: row).lowercased().contains(typed.lowercased()),
                        "audit row \(row.id ?? 0) (\(row.action)) holds what was typed")
            }

            // A wrong password for an account that exists still names the account.
            #expect(try await Self.attempt(app, "employer1", "not-the-password-1") == .unauthorized)
            let employer = try await userID(app, "employer1")
            let named = try await AuditEventRecord.query(on: app.db).filter(\.$action == "signIn.failed")
                .filter(\.$recordID == employer.uuidString).all()
            #expect(named.count == 1)
            #expect(named.first?.actorName == "employer1")
        }
    }
}
