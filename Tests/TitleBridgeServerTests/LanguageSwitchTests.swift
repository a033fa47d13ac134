import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

@Suite("The language switch leads to a page that exists")
struct LanguageSwitchTests {
    /// Posts `fields` to `path` as the page's form does, from the page at `referer` (or none).
    static func post(_ app: Application, _ browser: Browser, _ path: String, _ fields: [String: String],
                     referer: String?) async throws -> (HTTPStatus, String) {
        var result: (HTTPStatus, String) = (.internalServerError, "")
        try await app.testing().test(.POST, path, beforeRequest: { req in
            browser.prepare(&req)
            if let referer { req.headers.replaceOrAdd(name: .referer, value: referer) }
            var form = fields
            form["_csrf"] = browser.csrf
            form["confirmed"] = "1"
            try req.content.encode(FormBody(form), as: .urlEncodedForm)
        }) { res in result = (res.status, res.body.string) }
        return result
    }

    @Test("A refusal shown where a form was sent switches language back to the form's page, never to the address of the post",
          arguments: DatabaseEngine.available)
    func afterARefusal(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-08-20"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            // A draft without its title: submitting it is refused with the file page.
            let id = try await TargetStepTests.draftBeforeTarget(app, clock: clock)
            let applicant = try await signInBrowser(app, "applicant1")
            let fields = ["event": "submit", "idempotencyKey": UUID().uuidString]
            let (status, page) = try await Self.post(app, applicant, "/applications/\(id)/transitions", fields,
                                                     referer: "http://127.0.0.1:8080/applications/\(id)?lang=zh")
            #expect(status == .conflict)
            #expect(page.contains(#"href="/applications/\#(id)?lang=en""#))
            #expect(!page.contains("/transitions?lang="))

            // Without a referring page: the home page, never the post's address.
            let (_, bare) = try await Self.post(app, applicant, "/applications/\(id)/transitions",
                                                ["event": "submit", "idempotencyKey": UUID().uuidString], referer: nil)
            #expect(bare.contains(#"class="lang-switch" href="/?lang=en""#))
            #expect(!bare.contains("/transitions?lang="))

            // A page fetched by its own address switches to itself, as before.
            let (_, shown) = try await ApplicationFlowTests.get(app, applicant, "/applications/\(id)")
            #expect(shown.contains(#"href="/applications/\#(id)?lang=en""#))
        }
    }
}
