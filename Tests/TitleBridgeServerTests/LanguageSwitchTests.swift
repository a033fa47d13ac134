import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

@Suite("The language switch leads to a page that exists")
struct LanguageSwitchTests {
    @Test("A refusal shown where a form was sent switches language back to the form's page, never to the address of the post",
          arguments: DatabaseEngine.available)
    func afterARefusal(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-08-20"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            // A draft without its title: submitting it is refused with the file page.
            let id = try await TargetStepTests.draftBeforeTarget(app, clock: clock)
            let applicant = try await signInBrowser(app, "applicant1")
            let fields = ["event": "submit", "idempotencyKey": UUID().uuidString]
            let (status, _, page) = try await ApplicationFlowTests.post(app, applicant, "/applications/\(id)/transitions", fields,
                                                                        referer: "http://127.0.0.1:8080/applications/\(id)?lang=zh")
            #expect(status == .conflict)
            #expect(page.contains(#"href="/applications/\#(id)?lang=en""#))
            #expect(!page.contains("/transitions?lang="))

            // Without a referring page: the home page, never the post's address.
            let (_, _, bare) = try await ApplicationFlowTests.post(app, applicant, "/applications/\(id)/transitions",
                                                                   ["event": "submit", "idempotencyKey": UUID().uuidString])
            #expect(bare.contains(#"class="lang-switch" href="/?lang=en""#))
            #expect(!bare.contains("/transitions?lang="))

            // A page fetched by its own address switches to itself, as before.
            let (_, shown) = try await ApplicationFlowTests.get(app, applicant, "/applications/\(id)")
            #expect(shown.contains(#"href="/applications/\#(id)?lang=en""#))
        }
    }
}
