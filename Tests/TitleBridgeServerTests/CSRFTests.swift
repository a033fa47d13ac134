import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

@Suite("CSRF tokens on every state-changing form")
struct CSRFTests {
    enum Token: String, CaseIterable, CustomTestStringConvertible {
        case missing, wrong, otherSession
        var testDescription: String { rawValue }
    }

    @Test("A form without the right token gets 403 and changes nothing",
          arguments: DatabaseEngine.available, Token.allCases)
    func refused(engine: DatabaseEngine, token: Token) async throws {
        try await withTestApp(engine, demo: true) { app in
            let admin = try await signInBrowser(app, "admin")
            let other = try await signInBrowser(app, "employer1")
            let unit = try await organisationID(app, creditCode: DemoUnits.enterprise)
            let auditRows = try await AuditEventRecord.query(on: app.db).count()
            var fields: [String: String] = [:]
            switch token {
            case .missing: break
            case .wrong: fields["_csrf"] = "not-a-token"
            case .otherSession: fields["_csrf"] = other.csrf
            }
            let tester = try app.testing()
            try await tester.test(.POST, "/admin/users", beforeRequest: { req in
                admin.prepare(&req)
                var form = fields
                form["username"] = "intruder1"
                form["displayName"] = "Intruder"
                form["password"] = "Intruder-pass-2024"
                form["roles[]"] = "admin"
                try req.content.encode(FormBody(form), as: .urlEncodedForm)
            }) { res in
                #expect(res.status == .forbidden)
                #expect(res.body.string.contains("未作任何更改"))
            }
            try await tester.test(.POST, "/units/\(unit)", beforeRequest: { req in
                admin.prepare(&req)
                var form = fields
                form["contactPhone"] = "021-00000000"
                try req.content.encode(FormBody(form), as: .urlEncodedForm)
            }) { res in
                #expect(res.status == .forbidden)
            }
            try await tester.test(.POST, "/logout", beforeRequest: { req in
                admin.prepare(&req)
                try req.content.encode(FormBody(fields), as: .urlEncodedForm)
            }) { res in
                #expect(res.status == .forbidden)
            }
            #expect(try await UserRecord.query(on: app.db).filter(\.$username == "intruder1").count() == 0)
            #expect(try await OrganisationRecord.find(unit, on: app.db)?.contactPhone == nil)
            #expect(try await UserSessionRecord.query(on: app.db).count() == 2, "sign-out must not have happened")
            #expect(try await AuditEventRecord.query(on: app.db).count() == auditRows)
        }
    }

    @Test("The sign-in form itself needs its token (no login CSRF)", arguments: DatabaseEngine.available)
    func signInForm(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            try await app.testing().test(.POST, "/login", beforeRequest: { req in
                try req.content.encode(FormBody(["username": "employer1", "password": DemoSeed.password]), as: .urlEncodedForm)
            }) { res in
                #expect(res.status == .forbidden)
                #expect(Browser.setCookies(res)[SessionStore.cookieName] == nil)
            }
            #expect(try await UserSessionRecord.query(on: app.db).count() == 0)
        }
    }

    @Test("With the right token the same form goes through", arguments: DatabaseEngine.available)
    func accepted(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let admin = try await signInBrowser(app, "admin")
            try await app.testing().test(.POST, "/admin/users", beforeRequest: { req in
                admin.prepare(&req)
                try req.content.encode(FormBody(["_csrf": admin.csrf, "username": "verifier2", "displayName": "钱晓",
                                                 "password": "Verifier-pass-2024", "roles[]": "verifier"]), as: .urlEncodedForm)
            }) { res in
                #expect(res.status == .seeOther)
            }
            let created = try await UserRecord.query(on: app.db).filter(\.$username == "verifier2").first()
            let user = try #require(created)
            #expect(try await AccountDirectory(app: app).roles(of: user.requireID()) == [.verifier])
        }
    }
}
