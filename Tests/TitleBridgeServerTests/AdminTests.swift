import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

@Suite("Administration: organisations, accounts, roles")
struct AdminTests {
    static func post(_ app: Application, _ browser: Browser, _ path: String, _ fields: [String: String]) async throws -> (HTTPStatus, String) {
        var result: (HTTPStatus, String) = (.internalServerError, "")
        try await app.testing().test(.POST, path, beforeRequest: { req in
            browser.prepare(&req)
            var form = fields
            form["_csrf"] = browser.csrf
            try req.content.encode(FormBody(form), as: .urlEncodedForm)
        }) { res in result = (res.status, res.body.string) }
        return result
    }

    @Test("A credit code with a wrong check character is refused, named, and nothing is written", arguments: DatabaseEngine.available)
    func creditCode(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let admin = try await signInBrowser(app, "admin")
            let before = try await OrganisationRecord.query(on: app.db).count()
            let audit = try await AuditEventRecord.query(on: app.db).count()
            let (status, page) = try await Self.post(app, admin, "/admin/organisations",
                                                     ["kind": "enterprise", "nameZh": "上海错码有限公司", "creditCode": "91310000MA1FL0000M"])
            #expect(status == .badRequest)
            #expect(page.contains("统一社会信用代码校验位不符"))
            #expect(page.contains("value=\"上海错码有限公司\""), "what was typed stays in the form")
            #expect(try await OrganisationRecord.query(on: app.db).count() == before)
            #expect(try await AuditEventRecord.query(on: app.db).count() == audit)

            let (ok, _) = try await Self.post(app, admin, "/admin/organisations",
                                              ["kind": "enterprise", "nameZh": "上海正码有限公司", "creditCode": "91310000ma1fl0000n"])
            #expect(ok == .seeOther)
            let saved = try await OrganisationRecord.query(on: app.db).filter(\.$creditCode == "91310000MA1FL0000N").count()
            #expect(saved == 1)
            let (duplicate, _) = try await Self.post(app, admin, "/admin/organisations",
                                                     ["kind": "enterprise", "nameZh": "重复", "creditCode": "91310000MA1FL0000N"])
            #expect(duplicate == .conflict)
        }
    }

    @Test("A public institution needs its supervising department", arguments: DatabaseEngine.available)
    func institutionNeedsDepartment(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let admin = try await signInBrowser(app, "admin")
            let (status, page) = try await Self.post(app, admin, "/admin/organisations",
                                                     ["kind": "publicInstitution", "nameZh": "某研究所", "creditCode": "113100000024200878"])
            #expect(status == .badRequest)
            #expect(page.contains("事业单位须选择其主管部门"))
        }
    }

    @Test("Accounts: password rules, bad ID numbers, and audited role changes", arguments: DatabaseEngine.available)
    func accounts(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let admin = try await signInBrowser(app, "admin")
            var (status, page) = try await Self.post(app, admin, "/admin/users",
                                                     ["username": "expert8", "displayName": "专家8", "password": "short1", "roles[]": "expert"])
            #expect(status == .badRequest)
            #expect(page.contains("密码至少需要10个字符"))
            (status, page) = try await Self.post(app, admin, "/admin/users",
                                                 ["username": "new.applicant", "displayName": "某人", "password": "Applicant-pass-3",
                                                  "roles[]": "applicant", "idKind": "residentID", "idNumber": "110105194912310021"])
            #expect(status == .badRequest)
            #expect(try await UserRecord.query(on: app.db).filter(\.$username == "new.applicant").count() == 0)

            (status, _) = try await Self.post(app, admin, "/admin/users",
                                              ["username": "expert8", "displayName": "专家8", "password": "Expert-pass-2024", "roles[]": "expert"])
            #expect(status == .seeOther)
            let expert = try await userID(app, "expert8")
            (status, _) = try await Self.post(app, admin, "/admin/users/\(expert)/roles", ["roles[]": "secretary", "reason": "调任秘书"])
            #expect(status == .seeOther)
            #expect(try await AccountDirectory(app: app).roles(of: expert) == [.secretary])
            let change = try await AuditEventRecord.query(on: app.db).filter(\.$action == "user.setRoles").all()
            #expect(change.count == 1)
            #expect(change.first?.reason == "调任秘书")
            #expect(change.first?.actorName == "admin")

            // The new account signs in and holds its new role only.
            let session = try await signInAPI(app, "expert8", password: "Expert-pass-2024")
            #expect(session.user.roles == [.secretary])

            // An administrator cannot take away its own admin role.
            let own = try await userID(app, "admin")
            (status, page) = try await Self.post(app, admin, "/admin/users/\(own)/roles", ["roles[]": "bureau"])
            #expect(status == .conflict)
            #expect(page.contains("不能取消自己的管理员角色"))
        }
    }

    @Test("titlebridge users create makes the first administrator, who can then sign in")
    func command() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("titlebridge-users-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (status, text) = try runTitlebridge(["users", "create", "--data-dir", folder.path, "--username", "chief",
                                                 "--name", "首席管理员", "--role", "admin"], input: "Head-of-admin-2024\n")
        #expect(status == 0)
        #expect(text.contains("created chief (admin)"))

        let config = AppConfig(dataDirectory: folder.path, logLevel: .warning, security: SecuritySettings(bcryptCost: 4))
        _ = TestLogging.bootstrapped
        let app = try await Application.make(.testing)
        do {
            try configure(app, config: config, services: try DomainServices.bundled(clock: shanghaiNoon("2024-09-10")))
            try await prepareDatabase(app, demo: false)
            let session = try await signInAPI(app, "chief", password: "Head-of-admin-2024")
            #expect(session.user.roles == [.admin])
            #expect(try await UserRecord.query(on: app.db).count() == 1, "no demo data in a database made by the command")
        } catch {
            try await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
