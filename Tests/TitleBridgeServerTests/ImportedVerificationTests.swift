import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

@Suite("Verification platform results — the holder's own, numbers never shared")
struct ImportedVerificationTests {
    static let header = VerificationResultsTable.columns.joined(separator: ",")
    /// A valid resident ID number no demo account has.
    static let newcomerID = "310101198506151238"

    /// Uploads a results file as `browser` at `path` (the import page, or it with `?lang=en`).
    static func upload(_ app: Application, _ browser: Browser, _ lines: [String],
                       path: String = "/verifications/import") async throws -> (HTTPStatus, String) {
        var result: (HTTPStatus, String) = (.internalServerError, "")
        try await app.testing().test(.POST, path, beforeRequest: { req in
            browser.prepare(&req)
            var form = Multipart()
            form.fields = ["_csrf": browser.csrf]
            form.files["file"] = Multipart.FilePart(name: "results.csv", data: Data(lines.joined(separator: "\r\n").utf8), contentType: "text/csv")
            form.apply(to: &req)
        }) { res in result = (res.status, res.body.string) }
        return result
    }

    static func record(_ app: Application, number: String) async throws -> VerificationRecord {
        try #require(try await VerificationRecord.query(on: app.db).filter(\.$verificationNumber == number).first())
    }

    @Test("A loaded result with applicant1's ID number and name is theirs: on their page, told, and chosen in the certificate step",
          arguments: DatabaseEngine.available)
    func linkedAtImport(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let bureau = try await signInBrowser(app, "bureau1")
            let (status, page) = try await Self.upload(app, bureau, [
                Self.header,
                // applicant1 (陈思远), the number written in lower case as some exports do.
                "PV-2024-0042,acca-fcca,FCCA-2019-556677,陈思远,11010519491231002x,2024-08-15",
                // applicant1's number with another name: not linked on the number alone.
                "PV-2024-0043,acca-fcca,FCCA-2019-556678,王五,11010519491231002X,2024-08-15",
                // Nobody's account.
                "PV-2024-0044,acca-fcca,FCCA-2019-556679,林晓,\(Self.newcomerID),2024-08-15",
            ])
            #expect(status == .ok, "import answered \(status): \(page.prefix(300))")
            #expect(page.contains("已导入 3 条查验结果，其中 1 条按证件号码和姓名归入持证人账户"))

            let applicant1 = try await userID(app, "applicant1")
            let linked = try await Self.record(app, number: "PV-2024-0042")
            #expect(linked.applicantID == applicant1)
            #expect(try await Self.record(app, number: "PV-2024-0043").applicantID == nil)
            #expect(try await Self.record(app, number: "PV-2024-0044").applicantID == nil)
            let audit = try await AuditEventRecord.query(on: app.db).filter(\.$recordID == linked.requireID().uuidString).sort(\.$id).all()
            #expect(audit.map(\.action) == ["verification.import"])
            #expect(audit.first?.reason == "holder linked by ID number and name")

            // The holder is told, and finds it on their own page, marked as the platform's result.
            let told = try await MessageRecord.query(on: app.db).filter(\.$userID == applicant1).all()
            #expect(told.map(\.titleZh) == [HolderLink.messageTitle.zh])
            #expect(told.first?.bodyZh.contains("PV-2024-0042") == true)
            let holder = try await signInBrowser(app, "applicant1")
            let (_, list) = try await ApplicationFlowTests.get(app, holder, "/verifications")
            #expect(list.contains("PV-2024-0042"))
            #expect(list.contains("查验平台结果，由市人社局导入"))
            #expect(!list.contains("PV-2024-0043"))
            let linkedID = try linked.requireID()
            let (_, english) = try await ApplicationFlowTests.get(app, holder, "/verifications/\(linkedID)?lang=en")
            #expect(english.contains("The verification platform&#39;s result, loaded by the bureau")
                    || english.contains("The verification platform's result, loaded by the bureau"))
            let other = try await signInBrowser(app, "applicant2")
            let (_, otherList) = try await ApplicationFlowTests.get(app, other, "/verifications")
            #expect(!otherList.contains("PV-2024-0042"))

            // The certificate step takes it (it answered 400 “Choose a verification of yours that passed”).
            let (opened, stepURL, _) = try await ApplicationFlowTests.post(app, holder, "/applications", [:])
            #expect(opened == .seeOther)
            let id = try #require(stepURL.flatMap { UUID(uuidString: String($0.split(separator: "/")[1])) })
            let (_, stepPage) = try await ApplicationFlowTests.get(app, holder, "/applications/\(id)/steps/certificate")
            #expect(stepPage.contains("PV-2024-0042"))
            let (saved, body) = try await ApplicationFlowTests.save(app, holder, id, .certificate, ["verificationNumber": "PV-2024-0042"])
            #expect(saved == .seeOther, "certificate step answered \(saved): \(body.prefix(300))")
            #expect(try await ApplicationRecord.find(id, on: app.db)?.verificationID == linked.id)
            // Someone else's loaded result is still not theirs to choose.
            let (refused, _) = try await ApplicationFlowTests.save(app, holder, id, .certificate, ["verificationNumber": "PV-2024-0043"])
            #expect(refused == .badRequest)
        }
    }

    @Test("An account created after the load with the holder's ID number and name gets the result, audited",
          arguments: DatabaseEngine.available)
    func linkedWhenTheAccountComes(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let bureau = try await signInBrowser(app, "bureau1")
            let (status, _) = try await Self.upload(app, bureau, [
                Self.header, "PV-2024-0050,acca-fcca,FCCA-2020-7,林 晓,\(Self.newcomerID),2024-08-15"])
            #expect(status == .ok)
            let loaded = try await Self.record(app, number: "PV-2024-0050")
            #expect(loaded.applicantID == nil)

            let admin = try await signInBrowser(app, "admin")
            let (created, page) = try await AdminTests.post(app, admin, "/admin/users", [
                "username": "lin.xiao", "displayName": "林晓", "password": "Lin-xiao-2024", "roles[]": "applicant",
                "idKind": "residentID", "idNumber": Self.newcomerID])
            #expect(created == .seeOther, "account creation answered \(created): \(page.prefix(300))")
            let newcomer = try await userID(app, "lin.xiao")
            #expect(try await Self.record(app, number: "PV-2024-0050").applicantID == newcomer)
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == "verification.link")
                .filter(\.$recordID == loaded.requireID().uuidString).count() == 1)

            let holder = try await signInBrowser(app, "lin.xiao", password: "Lin-xiao-2024")
            let (_, list) = try await ApplicationFlowTests.get(app, holder, "/verifications")
            #expect(list.contains("PV-2024-0050"))
        }
    }

    @Test("A loaded CV2024-000001 and the verifier's passes never share a number; loading a drawn number is refused at its line",
          arguments: DatabaseEngine.available)
    func numbersNeverShared(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, clock: shanghaiNoon("2024-08-20"), demo: true) { app in
            let bureau = try await signInBrowser(app, "bureau1")
            var (status, page) = try await Self.upload(app, bureau, [
                Self.header, "CV2024-000001,acca-fcca,FCCA-2018-1,Holder One,\(Self.newcomerID),2024-08-15"])
            #expect(status == .ok, "import answered \(status): \(page.prefix(300))")

            // Passing a request draws the next free number (it answered 500 on the unique number).
            let holder = try await signInBrowser(app, "applicant1")
            let verifier = try await signInBrowser(app, "verifier1")
            let first = try await VerificationTests.submit(app, holder)
            #expect(try await VerificationTests.decide(app, verifier, first, "pass") == .seeOther)
            #expect(try await VerificationRecord.find(first, on: app.db)?.verificationNumber == "CV2024-000002")
            let second = try await VerificationTests.submit(app, holder)
            #expect(try await VerificationTests.decide(app, verifier, second, "pass") == .seeOther)
            #expect(try await VerificationRecord.find(second, on: app.db)?.verificationNumber == "CV2024-000003")
            let numbers = try await VerificationRecord.query(on: app.db).all().compactMap(\.verificationNumber)
            #expect(numbers.count == 3)
            #expect(Set(numbers).count == numbers.count, "a number names two verifications: \(numbers)")

            // A file carrying a number drawn here is refused at its line and column, in both
            // languages, and loads nothing.
            let before = try await VerificationRecord.query(on: app.db).count()
            let clash = [Self.header, "PV-2024-0100,acca-fcca,FCCA-2018-2,Holder Two,\(Self.newcomerID),2024-08-15",
                         "CV2024-000002,acca-fcca,FCCA-2018-3,Holder Three,\(Self.newcomerID),2024-08-15"]
            (status, page) = try await Self.upload(app, bureau, clash)
            #expect(status == .unprocessableEntity)
            #expect(page.contains("第 3 行，“verification_number”列"))
            #expect(page.contains("查验编号“CV2024-000002”已有查验记录使用"))
            (status, page) = try await Self.upload(app, bureau, clash, path: "/verifications/import?lang=en")
            #expect(status == .unprocessableEntity)
            #expect(page.contains("line 3, column “verification_number”"))
            #expect(page.contains("“CV2024-000002” is already held by a verification"))
            #expect(try await VerificationRecord.query(on: app.db).count() == before)
        }
    }
}
