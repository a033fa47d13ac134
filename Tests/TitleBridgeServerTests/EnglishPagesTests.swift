import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

@Suite("English pages read as English — articles, plurals, titles")
struct EnglishPagesTests {
    @Test("Titles on offer read “Senior accountant (associate senior)”; the self-check says “An engineering technology certificate”",
          arguments: DatabaseEngine.available)
    func titlesAndArticles(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let holder = try await signInBrowser(app, "applicant1")
            let (_, stepURL, _) = try await ApplicationFlowTests.post(app, holder, "/applications", [:])
            let id = try #require(stepURL.flatMap { UUID(uuidString: String($0.split(separator: "/")[1])) })
            let (status, target) = try await ApplicationFlowTests.get(app, holder, "/applications/\(id)/steps/target?lang=en")
            #expect(status == .ok)
            #expect(target.contains("Senior accountant (associate senior)"))
            #expect(target.contains("Engineer (intermediate)"))
            #expect(!target.contains("accountant（"), "Chinese brackets in English")

            let query = "lang=en&target=engineering.associateSenior&employer=enterprise&field=engineeringTechnology&certSeries=engineering"
                + "&verifiedOn=2024-08-20&edu0Degree=bachelor&edu0Discipline=engineering&edu0AwardedOn=2010-06-30"
                + "&work0From=2010-07-01&work0InShanghai=1&work0Related=1&lawAbiding=1&ethics=1&duties=1"
            try await app.testing().test(.GET, "/self-check?" + query) { res in
                let html = res.body.string
                #expect(res.status == .ok)
                #expect(html.contains("An engineering technology certificate leads to the engineering series."))
                #expect(!html.contains("A engineering"))
                #expect(html.contains(">Senior engineer<"))
            }
        }
    }

    @Test("One imported result is “1 result imported”", arguments: DatabaseEngine.available)
    func oneResult(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let bureau = try await signInBrowser(app, "bureau1")
            let (status, page) = try await ImportedVerificationTests.upload(app, bureau, [
                ImportedVerificationTests.header,
                "PV-2024-0070,acca-fcca,FCCA-2021-1,Holder Seventy,\(ImportedVerificationTests.newcomerID),2024-08-15"],
                path: "/verifications/import?lang=en")
            #expect(status == .ok)
            #expect(page.contains("1 result imported; 0 matched to the holder"))
            #expect(!page.contains("1 results"))
        }
    }
}
