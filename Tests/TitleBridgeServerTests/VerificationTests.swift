import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

@Suite("证书查验 — verification requests, decisions and the batch cut-off")
struct VerificationTests {
    static func request(certificate: String = "acca-fcca", issuedOn: String = "2019-05-01", expiresOn: String? = nil,
                        scan: Data = SampleFiles.pdf, scanName: String = "fcca.pdf", csrf: String) -> Multipart {
        var form = Multipart()
        form.fields = ["_csrf": csrf, "certificateCode": certificate, "certificateNumber": "FCCA-2019-778812",
                       "holderName": "CHEN Siyuan", "issuedOn": issuedOn]
        if let expiresOn { form.fields["expiresOn"] = expiresOn }
        form.files["scan"] = Multipart.FilePart(name: scanName, data: scan, contentType: "application/pdf")
        return form
    }

    /// Submits through the page as the holder; returns the new verification's id.
    static func submit(_ app: Application, _ browser: Browser, expiresOn: String? = nil) async throws -> UUID {
        var location = ""
        try await app.testing().test(.POST, "/verifications", beforeRequest: { req in
            browser.prepare(&req)
            Self.request(expiresOn: expiresOn, csrf: browser.csrf).apply(to: &req)
        }) { res in
            #expect(res.status == .seeOther, "submit answered \(res.status): \(res.body.string.prefix(300))")
            location = res.headers.first(name: .location) ?? ""
        }
        return try #require(UUID(uuidString: String(location.split(separator: "/").last ?? "")))
    }

    static func decide(_ app: Application, _ verifier: Browser, _ id: UUID, _ decision: String, reason: String = "") async throws -> HTTPStatus {
        var status = HTTPStatus.internalServerError
        try await app.testing().test(.POST, "/verifications/\(id)/decision", beforeRequest: { req in
            verifier.prepare(&req)
            try req.content.encode(FormBody(["_csrf": verifier.csrf, "decision": decision, "reason": reason]), as: .urlEncodedForm)
        }) { res in status = res.status }
        return status
    }

    @Test("Holder asks, verifier passes: a 查验编号 and the pass day; only the holder and staff see it",
          arguments: DatabaseEngine.available)
    func flow(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, clock: shanghaiNoon("2024-08-20"), demo: true) { app in
            let holder = try await signInBrowser(app, "applicant1")
            let id = try await Self.submit(app, holder)
            let record = try #require(try await VerificationRecord.find(id, on: app.db))
            #expect(record.verificationStatus == .submitted)
            let scan = try #require(record.scanFileID)
            let tester = try app.testing()

            // Another applicant: not the request, not the scan, not in the list.
            let other = try await signInBrowser(app, "applicant2")
            let otherAPI = try await signInAPI(app, "applicant2")
            try await tester.test(.GET, "/verifications/\(id)", beforeRequest: { other.prepare(&$0) }) { res in
                #expect(res.status == .notFound)
            }
            try await tester.test(.GET, "/files/\(scan)", beforeRequest: { other.prepare(&$0) }) { res in
                #expect(res.status == .notFound)
            }
            try await tester.test(.GET, "/api/v1/verifications", beforeRequest: { req in
                req.headers.bearerAuthorization = BearerAuthorization(token: otherAPI.token)
            }) { res in
                #expect((try? res.content.decode([VerificationView].self))?.isEmpty == true)
            }
            // The holder opens its scan.
            try await tester.test(.GET, "/files/\(scan)", beforeRequest: { holder.prepare(&$0) }) { res in
                #expect(res.status == .ok)
                #expect(res.headers.first(name: .contentType) == "application/pdf")
                #expect(Data(buffer: res.body) == SampleFiles.pdf)
            }

            // The verifier's queue holds it; the decision issues the number.
            let verifier = try await signInBrowser(app, "verifier1")
            try await tester.test(.GET, "/verifications", beforeRequest: { verifier.prepare(&$0) }) { res in
                #expect(res.body.string.contains("FCCA-2019-778812"))
                #expect(res.body.string.contains("待查验"))
            }
            #expect(try await Self.decide(app, verifier, id, "pass") == .seeOther)
            let passed = try #require(try await VerificationRecord.find(id, on: app.db))
            #expect(passed.verificationStatus == .passed)
            #expect(passed.passedOn == "2024-08-20")
            #expect(passed.verificationNumber == "CV2024-000001")
            #expect(try await Self.decide(app, verifier, id, "fail", reason: "再议") == .conflict)

            try await tester.test(.GET, "/verifications/\(id)", beforeRequest: { holder.prepare(&$0) }) { res in
                #expect(res.body.string.contains("CV2024-000001"))
                #expect(res.body.string.contains("2024年8月20日"))
            }
            let actions = try await AuditEventRecord.query(on: app.db).filter(\.$recordID == id.uuidString).sort(\.$id).all().map(\.action)
            #expect(actions == ["verification.submit", "verification.pass"])
            // The holder is told, in the message centre.
            let holderID = try #require(passed.applicantID)
            let messages = try await MessageRecord.query(on: app.db).filter(\.$userID == holderID).all()
            #expect(messages.count == 1)
            #expect(messages.first?.titleZh == "证书查验：通过")
            #expect(messages.first?.bodyZh.contains("CV2024-000001") == true)
        }
    }

    @Test("An expired certificate cannot pass; failing needs a reason", arguments: DatabaseEngine.available)
    func expiry(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, clock: shanghaiNoon("2024-08-20"), demo: true) { app in
            let holder = try await signInBrowser(app, "applicant1")
            let verifier = try await signInBrowser(app, "verifier1")
            let expired = try await Self.submit(app, holder, expiresOn: "2024-08-19")
            #expect(try await Self.decide(app, verifier, expired, "pass") == .conflict)
            #expect(try await VerificationRecord.find(expired, on: app.db)?.verificationStatus == .submitted)
            #expect(try await Self.decide(app, verifier, expired, "fail") == .badRequest)
            #expect(try await Self.decide(app, verifier, expired, "fail", reason: "证书已过期") == .seeOther)
            #expect(try await VerificationRecord.find(expired, on: app.db)?.verificationStatus == .failed)
            let told = try await MessageRecord.query(on: app.db).filter(\.$titleZh == "证书查验：未通过").all()
            #expect(told.count == 1)
            #expect(told.first?.bodyZh.contains("证书已过期") == true)

            // Valid through today: passes, with the next number of the year.
            let lastDay = try await Self.submit(app, holder, expiresOn: "2024-08-20")
            #expect(try await Self.decide(app, verifier, lastDay, "pass") == .seeOther)
            #expect(try await VerificationRecord.find(lastDay, on: app.db)?.verificationNumber == "CV2024-000001")
        }
    }

    @Test("A renamed executable or an oversized scan is refused and leaves nothing behind", arguments: DatabaseEngine.available)
    func uploads(engine: DatabaseEngine) async throws {
        // A 1 MB limit keeps the test quick; the rule is the same at the default 10 MB.
        try await withTestApp(engine, clock: shanghaiNoon("2024-08-20"), demo: true, maximumUploadBytes: 1024 * 1024) { app in
            let holder = try await signInBrowser(app, "applicant1")
            let oversized = SampleFiles.pdf + Data(count: 1024 * 1024)
            for (scan, status) in [(SampleFiles.executable, HTTPStatus.unsupportedMediaType), (oversized, .payloadTooLarge)] {
                try await app.testing(method: .running(port: try freeLoopbackPort())).test(.POST, "/verifications", beforeRequest: { req in
                    holder.prepare(&req)
                    Self.request(scan: scan, scanName: "certificate.pdf", csrf: holder.csrf).apply(to: &req)
                }) { res in
                    #expect(res.status == status)
                    #expect(res.body.string.contains(status == .payloadTooLarge ? "1 MB" : "PDF、JPEG 或 PNG"))
                }
            }
            #expect(try await VerificationRecord.query(on: app.db).count() == 0)
            #expect(try await UploadedFileRecord.query(on: app.db).count() == 0)
            let stored = FileManager.default.enumerator(atPath: app.files.root.path)?.allObjects.count ?? 0
            #expect(stored == 0, "no bytes were written")
        }
    }

    static let profile = """
    { "target": { "series": "accounting", "level": "associateSenior" },
      "employer": { "kind": "enterprise" },
      "certificate": { "verificationNumber": "%@" },
      "education": [ { "degree": "master", "discipline": "economics", "awardedOn": "2012-06-30" } ],
      "work": [ { "from": "2012-07-01", "to": null, "inShanghai": true, "related": true } ],
      "attestations": { "lawAbiding": true, "professionalEthics": true, "dutiesFulfilled": true } }
    """

    static func verificationClause(_ app: Application, number: String, token: String) async throws -> String? {
        var outcome: String?
        try await app.testing().test(.POST, "/api/v1/eligibility/check", beforeRequest: { req in
            req.headers.bearerAuthorization = BearerAuthorization(token: token)
            req.headers.contentType = .json
            req.body = ByteBuffer(string: Self.profile.replacingOccurrences(of: "%@", with: number))
        }) { res in
            #expect(res.status == .ok, "\(res.body.string)")
            let body = try JSONSerialization.jsonObject(with: Data(res.body.string.utf8)) as? [String: Any]
            let clauses = body?["clauses"] as? [[String: Any]] ?? []
            outcome = clauses.first { $0["id"] as? String == ClauseID.verification.rawValue }?["outcome"] as? String
        }
        return outcome
    }

    @Test("Passed on 2024-08-31 qualifies for batch 2; passed on 2024-09-01 does not (eligibility report)",
          arguments: DatabaseEngine.available)
    func cutoff(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-08-31"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            var holder = try await signInBrowser(app, "applicant1")
            var verifier = try await signInBrowser(app, "verifier1")
            let onCutoff = try await Self.submit(app, holder)
            #expect(try await Self.decide(app, verifier, onCutoff, "pass") == .seeOther)
            // A day later the sessions of yesterday have expired: sign in again.
            clock.advance(minutes: 24 * 60)
            holder = try await signInBrowser(app, "applicant1")
            verifier = try await signInBrowser(app, "verifier1")
            let dayAfter = try await Self.submit(app, holder)
            #expect(try await Self.decide(app, verifier, dayAfter, "pass") == .seeOther)

            let first = try #require(try await VerificationRecord.find(onCutoff, on: app.db)?.verificationNumber)
            let second = try #require(try await VerificationRecord.find(dayAfter, on: app.db)?.verificationNumber)
            let api = try await signInAPI(app, "applicant1")
            #expect(try await Self.verificationClause(app, number: first, token: api.token) == "pass")
            #expect(try await Self.verificationClause(app, number: second, token: api.token) == "fail")

            // Someone else's number resolves to nothing.
            let other = try await signInAPI(app, "applicant2")
            try await app.testing().test(.POST, "/api/v1/eligibility/check", beforeRequest: { req in
                req.headers.bearerAuthorization = BearerAuthorization(token: other.token)
                req.headers.contentType = .json
                req.body = ByteBuffer(string: Self.profile.replacingOccurrences(of: "%@", with: first))
            }) { res in
                #expect(res.status == .badRequest)
                #expect(res.body.string.contains("certificate.verificationNumber"))
            }
        }
    }
}
