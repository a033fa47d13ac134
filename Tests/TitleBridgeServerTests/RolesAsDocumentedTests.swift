import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

@Suite("Roles as the README says: the bureau keeps the certificate list; one appointment per person and title")
struct RolesAsDocumentedTests {
    @Test("The bureau opens the certificate list from its menu, imports the official CSV (audited in its name) and is offered no other admin tab",
          arguments: DatabaseEngine.available)
    func bureauImportsCatalogue(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let bureau = try await signInBrowser(app, "bureau1")
            let (_, home) = try await ApplicationFlowTests.get(app, bureau, "/")
            #expect(home.contains("href=\"/admin/catalogue\""), "the bureau's menu leads to the certificate list")

            let (status, page) = try await ApplicationFlowTests.get(app, bureau, "/admin/catalogue")
            #expect(status == .ok)
            #expect(page.contains("name=\"listVersion\""), "the import form is on the page")
            #expect(!page.contains("href=\"/admin/users\""), "the accounts tab would answer 403")
            #expect(!page.contains("href=\"/admin/organisations\""), "the organisations tab would answer 403")

            let csv = Data([CatalogueImportTests.header, CatalogueImportTests.cfa].joined(separator: "\r\n").utf8)
            let (imported, answer) = try await CatalogueImportTests.upload(app, bureau, csv)
            #expect(imported == .ok, "\(answer.prefix(300))")
            #expect(answer.contains("新增 1 项"))
            #expect(try await CertificateItemRecord.find("cfa-charter", on: app.db) != nil)
            let audit = try await AuditEventRecord.query(on: app.db).filter(\.$action == "catalogue.add")
                .filter(\.$recordID == "cfa-charter").all()
            #expect(audit.map(\.actorName) == ["bureau1"])

            try await app.testing().test(.GET, "/admin/catalogue/export.csv", beforeRequest: { bureau.prepare(&$0) }) { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("cfa-charter"))
            }

            // Accounts stay the administrator's; an employer keeps out of the list.
            #expect(try await ApplicationFlowTests.get(app, bureau, "/admin/users").0 == .forbidden)
            let employer = try await signInBrowser(app, "employer1")
            #expect(try await ApplicationFlowTests.get(app, employer, "/admin/catalogue").0 == .forbidden)
        }
    }

    @Test("The same person (name and birth date) is not appointed to the same junior title in the same unit twice",
          arguments: DatabaseEngine.available)
    func secondAppointmentRefused(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, clock: shanghaiNoon("2024-09-10"), demo: true) { app in
            let bureau = try await signInBrowser(app, "bureau1")
            let csv = Data([CatalogueImportTests.header, AppointmentTests.engineeringItem].joined(separator: "\n").utf8)
            #expect(try await CatalogueImportTests.upload(app, bureau, csv).0 == .ok)

            let employer = try await signInBrowser(app, "employer1")
            let form = AppointmentTests.form(name: "林雨桐", degree: "master", awardedOn: "2023-06-30", workFrom: "2023-07-15")
            var (status, _, page) = try await ApplicationFlowTests.post(app, employer, "/unit-appointments", form)
            #expect(status == .created, "\(page.prefix(400))")

            // Again, the name written with a space: refused, naming the first appointment; nothing numbered.
            var again = form
            again["personName"] = "林 雨桐"
            (status, _, page) = try await ApplicationFlowTests.post(app, employer, "/unit-appointments", again)
            #expect(status == .conflict)
            #expect(page.contains("已于2024年9月10日被本单位聘任为助理工程师（聘任编号 PR2024-000001），不能重复聘任。"))
            #expect(page.contains("value=\"林 雨桐\""), "what was typed stays in the form")
            (status, _, page) = try await ApplicationFlowTests.post(app, employer, "/unit-appointments?lang=en", again)
            #expect(status == .conflict)
            #expect(page.contains("was already appointed assistant engineer by the unit on 10 September 2024 (number PR2024-000001)"))
            #expect(try await AppointmentRecord.query(on: app.db).count() == 1)
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == "appointment.create").count() == 1)

            // A namesake born on another day is another person.
            var namesake = form
            namesake["birthDate"] = "1997-11-02"
            (status, _, page) = try await ApplicationFlowTests.post(app, employer, "/unit-appointments", namesake)
            #expect(status == .created, "\(page.prefix(400))")
            #expect(page.contains("PR2024-000002"))
        }
    }
}
