import Fluent
import Foundation
import Testing
import TitleBridgeCore
import TitleBridgeCredentials
@testable import TitleBridgeServer
import Vapor
import VaporTesting

/// 职称电子证书 (四(八)): an issued certificate verifies on the page, in the API and offline;
/// a changed byte fails it; a revoked one shows revoked everywhere; the holder downloads it.
@Suite("Electronic title certificate: issue, verify, revoke (四(八))")
struct CertificateIssueTests {
    static func issued(_ app: Application, _ clock: MovableClock) async throws -> CertificateRecord {
        let (file, _) = try await ResultPublicityTests.published(app, clock)
        clock.set("2024-11-04", 10)
        let desk = CertificateDesk(app: app, database: app.db)
        let bureau = try await ResultPublicityTests.bureau(app)
        let (run, files) = try await desk.startRun(batch: file.batchID, documentNumber: "沪人社专〔2024〕412号", by: bureau)
        await desk.execute(run, files: files, by: bureau)
        return try #require(try await CertificateRecord.query(on: app.db).filter(\.$applicationID == file.requireID()).first())
    }

    static func get(_ app: Application, _ path: String) async throws -> (HTTPStatus, String) {
        var result: (HTTPStatus, String) = (.internalServerError, "")
        try await app.testing().test(.GET, path) { res in result = (res.status, res.body.string) }
        return result
    }

    struct Answer: Decodable {
        struct Step: Decodable { let step: String; let result: String }
        let number: String
        let state: String
        let steps: [Step]
        let certificate: TitleCertificate?
    }

    @Test("Issued: valid on the page and in the API with every step passed, offline too; a changed byte fails the signature; revoked: revoked on the page, in the API and offline with the status list",
          arguments: DatabaseEngine.available)
    func issueVerifyRevoke(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-10-28"))
        try await withTestApp(engine, clock: clock, demoFiles: true) { app in
            let record = try await Self.issued(app, clock)
            #expect(record.number == "SHZC-2024B2-00003", "after the demo's two, the next of the batch's sequence")
            let certificate = try #require(record.certificate)
            #expect(certificate.title.zh == "高级会计师" && certificate.documentNumber == "沪人社专〔2024〕412号" && certificate.approvedOn == "2024-11-04")
            #expect(certificate.maskedIDNumber.contains("*"), "the ID number is masked on the certificate")

            let visitor = try await anonymousBrowser(app)
            let answer = try ReviewFixture.decode(Answer.self, try await Self.get(app, "/api/v1/certificates/\(record.number.lowercased())").1)
            #expect(answer.state == "valid" && answer.steps.map(\.step) == ["format", "signature", "issuer", "validity", "status"])
            #expect(answer.steps.allSatisfy { $0.result == "passed" })
            let (status, page) = try await ApplicationFlowTests.get(app, visitor, "/certificates/\(record.number)?lang=zh")
            #expect(status == .ok && page.contains("有效") && page.contains(certificate.holderName) && page.contains("高级会计师"))
            #expect(try await Self.get(app, "/api/v1/certificates/SHZC-2024B2-99999").0 == .notFound)

            // Offline, with the issuer's public key.
            let key = try #require(try await SigningKeyRecord.query(on: app.db).filter(\.$keyID == record.keyID).first()).publicMultibase
            let credential = Data(record.credentialJSON.utf8)
            #expect(CertificateOperations.verifyOffline(credential: credential, key: key, statusList: nil, now: clock.now()).valid)
            // Any changed byte of the signed content fails.
            let tampered = record.credentialJSON.replacingOccurrences(of: certificate.holderName, with: certificate.holderName + "X")
            let (tamperedValid, tamperedLines) = CertificateOperations.verifyOffline(credential: Data(tampered.utf8), key: key, statusList: nil, now: clock.now())
            #expect(!tamperedValid && tamperedLines.contains("signature: failed"))
            let changedDay = record.credentialJSON.replacingOccurrences(of: "2024-11-04", with: "2024-11-05")
            #expect(!CertificateOperations.verifyOffline(credential: Data(changedDay.utf8), key: key, statusList: nil, now: clock.now()).valid)

            // The holder downloads both forms; another applicant cannot.
            let holder = try #require(try await UserRecord.find(record.holderID, on: app.db))
            let holderBrowser = try await signInBrowser(app, holder.username)
            let (pdfStatus, pdf) = try await ApplicationFlowTests.get(app, holderBrowser, "/certificates/\(record.number)/certificate.pdf")
            #expect(pdfStatus == .ok && pdf.hasPrefix("%PDF-"))
            let other = try await signInBrowser(app, "applicant3")
            let (otherStatus, _) = try await ApplicationFlowTests.get(app, other, "/certificates/\(record.number)/certificate.pdf")
            #expect(otherStatus == .notFound)
            let (_, status2) = try await ApplicationFlowTests.get(app, holderBrowser, "/applications/\(record.applicationID)")
            #expect(status2.contains("/certificates/\(record.number)/certificate.pdf") && status2.contains("/certificates/\(record.number)/credential.json"))

            // The bureau revokes with a reason, on the verification page.
            clock.set("2024-12-02", 10)
            let bureau = try await signInBrowser(app, "bureau1")
            let revokePath = "/certificates/\(record.number)/revocation"
            let (short, shortBack, _) = try await ApplicationFlowTests.post(app, bureau, revokePath, ["reason": "作假"])
            let (_, shortPage) = try await ApplicationFlowTests.get(app, bureau, try #require(shortBack))
            #expect(short == .seeOther && shortPage.contains("请写明撤销理由") && shortPage.contains("作假"), "beside the reason, what was typed kept")
            let (asked, _, question) = try await ApplicationFlowTests.post(app, bureau, revokePath,
                                                                           ["reason": "经查，申报材料存在弄虚作假情形，撤销其职称。", "confirmed": ""])
            #expect(asked == .ok && question.contains("撤销后证书即失效"))
            #expect(try await CertificateRecord.find(record.id, on: app.db)?.revokedAt == nil, "asked first, nothing changed")
            let (revoked, _, _) = try await ApplicationFlowTests.post(app, bureau, revokePath,
                                                                      ["reason": "经查，申报材料存在弄虚作假情形，撤销其职称。"])
            #expect(revoked == .seeOther)
            #expect(try await ApplicationRecord.find(record.applicationID, on: app.db)?.currentStage == .revoked)
            let after = try ReviewFixture.decode(Answer.self, try await Self.get(app, "/api/v1/certificates/\(record.number)").1)
            #expect(after.state == "revoked" && after.steps.last?.result == "revoked")
            let (_, revokedPage) = try await ApplicationFlowTests.get(app, visitor, "/certificates/\(record.number)?lang=zh")
            #expect(revokedPage.contains("已撤销") && revokedPage.contains("弄虚作假"))
            let message = try await MessageRecord.query(on: app.db).filter(\.$userID == record.holderID).sort(\.$createdAt, .descending).first()
            #expect(message?.bodyZh.contains("撤销") == true, "the holder is told")
            let holderAgain = try await signInBrowser(app, holder.username)
            let (gone, _) = try await ApplicationFlowTests.get(app, holderAgain, "/certificates/\(record.number)/certificate.pdf")
            #expect(gone == .gone, "no clean copy of a revoked certificate")

            // Offline with the served status list: revoked.
            var listBody = Data()
            try await app.testing().test(.GET, "/credentials/status/revocation") { res in listBody = Data(buffer: res.body) }
            let offline = CertificateOperations.verifyOffline(credential: credential, key: key, statusList: listBody, now: clock.now())
            #expect(!offline.valid && offline.lines.contains("REVOKED"))
            var issuerBody = Data()
            try await app.testing().test(.GET, "/credentials/issuer") { res in issuerBody = Data(buffer: res.body) }
            #expect(String(decoding: issuerBody, as: UTF8.self).contains(key), "the controller document names the key")
        }
    }

    @Test("A retired key signs nothing more, and what it signed still verifies", arguments: [DatabaseEngine.sqlite])
    func retiredKeyStillVerifies(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-10-28"))
        try await withTestApp(engine, clock: clock, demoFiles: true) { app in
            let record = try await Self.issued(app, clock)
            try await CertificateOperations.retireSigningKey(record.keyID, on: app)
            #expect(try await app.signingKeys.current(on: app.db, app: app) == nil)
            let answer = try ReviewFixture.decode(Answer.self, try await Self.get(app, "/api/v1/certificates/\(record.number)").1)
            #expect(answer.state == "valid")
            let fresh = try await CertificateOperations.newSigningKey(on: app)
            #expect(try await app.signingKeys.current(on: app.db, app: app)?.keyID == fresh.split(separator: " ").first.map(String.init))
            let lines = try await CertificateOperations.listSigningKeys(on: app)
            #expect(lines.count == 2 && lines.contains { $0.contains("retired") })
            #expect(!lines.joined().contains("z3u2"), "no private key is printed")
        }
    }
}
