import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

@Suite("证书查验 — the verifier compares the request with the account, and a late pass says it cannot serve the batch")
struct VerifierComparisonTests {
    /// A request of `browser`'s holder with `holderName` typed as the name on the certificate.
    static func ask(_ app: Application, _ browser: Browser, holderName: String) async throws -> UUID {
        var location = ""
        try await app.testing().test(.POST, "/verifications", beforeRequest: { req in
            browser.prepare(&req)
            var form = VerificationTests.request(csrf: browser.csrf)
            form.fields["holderName"] = holderName
            form.apply(to: &req)
        }) { res in
            #expect(res.status == .seeOther, "request answered \(res.status): \(res.body.string.prefix(300))")
            location = res.headers.first(name: .location) ?? ""
        }
        return try #require(UUID(uuidString: String(location.split(separator: "/").last ?? "")))
    }

    @Test("Beside the name typed, the account's name and masked ID number; a warning when the names differ, none when only order and case do",
          arguments: DatabaseEngine.available)
    func accountBesideRequest(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, clock: shanghaiNoon("2024-08-20"), demo: true) { app in
            // applicant2 is Emily Carter, with the ID number 931840198506150015.
            let holder = try await signInBrowser(app, "applicant2")
            let other = try await Self.ask(app, holder, holderName: "Emily Johnson")
            let same = try await Self.ask(app, holder, holderName: "CARTER  emily")
            let verifier = try await signInBrowser(app, "verifier1")

            var (status, page) = try await ApplicationFlowTests.get(app, verifier, "/verifications/\(other)")
            #expect(status == .ok)
            #expect(page.contains("Emily Johnson"))
            #expect(page.contains("Emily Carter"), "the account's name is shown")
            #expect(page.contains(Masking.identityNumber("931840198506150015")), "with its ID number masked")
            #expect(!page.contains("931840198506150015"), "never whole")
            #expect(page.contains("不一致"), "the names differ: a warning")

            (status, page) = try await ApplicationFlowTests.get(app, verifier, "/verifications/\(same)")
            #expect(status == .ok)
            #expect(page.contains("Emily Carter"))
            #expect(!page.contains("不一致"), "the same name in another order and case")

            // The holder's own page does not show the comparison.
            (_, page) = try await ApplicationFlowTests.get(app, holder, "/verifications/\(other)")
            #expect(!page.contains(Masking.identityNumber("931840198506150015")))
        }
    }

    @Test("After the batch's cut-off the pass button's page warns, and the holder is told the pass cannot be used for this batch",
          arguments: DatabaseEngine.available)
    func latePass(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, clock: shanghaiNoon("2024-09-02"), demo: true) { app in
            let holder = try await signInBrowser(app, "applicant1")
            let id = try await Self.ask(app, holder, holderName: "陈思远")
            let verifier = try await signInBrowser(app, "verifier1")
            let (_, page) = try await ApplicationFlowTests.get(app, verifier, "/verifications/\(id)")
            #expect(page.contains("value=\"pass\""))
            #expect(page.contains("此后通过的查验不能用于本批次申报"), "the warning before passing")
            #expect(try await VerificationTests.decide(app, verifier, id, "pass") == .seeOther)

            let applicant = try await userID(app, "applicant1")
            let told = try #require(try await MessageRecord.query(on: app.db).filter(\.$userID == applicant)
                .filter(\.$titleZh == "证书查验：通过").first())
            #expect(told.bodyZh.contains("不能用于本批次申报"))
            #expect(told.bodyEn.contains("cannot be used for this batch"))
            #expect(!told.bodyZh.contains("申报时请选择此查验编号"), "it is not offered for this batch")
        }
    }

    @Test("A pass by the cut-off is told as before, with no warning", arguments: DatabaseEngine.available)
    func timelyPass(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, clock: shanghaiNoon("2024-08-30"), demo: true) { app in
            let holder = try await signInBrowser(app, "applicant1")
            let id = try await Self.ask(app, holder, holderName: "陈思远")
            let verifier = try await signInBrowser(app, "verifier1")
            let (_, page) = try await ApplicationFlowTests.get(app, verifier, "/verifications/\(id)")
            #expect(!page.contains("此后通过的查验不能用于本批次申报"))
            #expect(!page.contains("不一致"), "the account of 陈思远 asked with its own name")
            #expect(try await VerificationTests.decide(app, verifier, id, "pass") == .seeOther)
            let applicant = try await userID(app, "applicant1")
            let told = try await MessageRecord.query(on: app.db).filter(\.$userID == applicant).filter(\.$titleZh == "证书查验：通过").first()
            #expect(told?.bodyZh.contains("申报时请选择此查验编号") == true)
        }
    }
}
