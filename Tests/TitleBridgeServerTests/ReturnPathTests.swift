import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

@Suite("Return paths — after sign-in a browser stays on this site")
struct ReturnPathTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let next: String?
        let kept: Bool
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "a page of the site", next: "/applications", kept: true),
        Case(name: "a page with its query", next: "/applications/3f1c/steps/personal?lang=en", kept: true),
        Case(name: "encoded Chinese and a space", next: "/catalogue?q=%E4%B8%AD%E6%96%87%20x", kept: true),
        Case(name: "nothing", next: nil, kept: false),
        Case(name: "empty", next: "", kept: false),
        Case(name: "relative", next: "applications", kept: false),
        Case(name: "another site", next: "https://evil.example/", kept: false),
        Case(name: "protocol-relative", next: "//evil.example", kept: false),
        Case(name: "three slashes", next: "///evil.example", kept: false),
        Case(name: "leading space", next: " //evil.example", kept: false),
        Case(name: "backslash", next: "/\\evil.example", kept: false),
        Case(name: "two backslashes", next: "\\\\evil.example", kept: false),
        Case(name: "tab", next: "/\t/evil.example/", kept: false),
        Case(name: "encoded tab", next: "/%09/evil.example/", kept: false),
        Case(name: "line break", next: "/\r\n/evil.example/", kept: false),
        Case(name: "encoded line break", next: "/%0d%0aSet-Cookie:%20x=1", kept: false),
        Case(name: "NUL", next: "/\u{0}/evil.example", kept: false),
        Case(name: "encoded slashes", next: "/%2F%2Fevil.example", kept: false),
        Case(name: "encoded slashes, lower case", next: "/%2f%2fevil.example", kept: false),
        Case(name: "encoded backslash", next: "/%5Cevil.example", kept: false),
        Case(name: "doubly encoded slashes", next: "/%252F%252Fevil.example", kept: false),
        Case(name: "doubly encoded tab", next: "/%2509/evil.example/", kept: false),
        Case(name: "malformed escape", next: "/%zz", kept: false),
    ]

    @Test("One rule decides which return paths are kept", arguments: cases)
    func rule(_ row: Case) {
        #expect(ReturnPath.validated(row.next) == (row.kept ? row.next : nil))
    }

    /// Signs in through the real form with `next`; returns where the browser is sent.
    static func signIn(_ app: Application, next: String) async throws -> (HTTPStatus, String?) {
        let browser = try await anonymousBrowser(app)
        var result: (HTTPStatus, String?) = (.internalServerError, nil)
        try await app.testing().test(.POST, "/login", beforeRequest: { req in
            browser.prepare(&req)
            try req.content.encode(FormBody(["_csrf": browser.csrf, "username": "applicant1", "password": DemoSeed.password,
                                             "next": next]), as: .urlEncodedForm)
        }) { res in result = (res.status, res.headers.first(name: .location)) }
        return result
    }

    @Test("Signing in with a return path that could leave the site lands on the home page", arguments: DatabaseEngine.available)
    func signInFallsBackHome(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            for next in ["/\t/evil.example/", "/%09/evil.example/", "/\\evil.example", "/%2F%2Fevil.example", "//evil.example"] {
                let (status, location) = try await Self.signIn(app, next: next)
                #expect(status == .seeOther, "next \(next.debugDescription)")
                #expect(location == "/", "next \(next.debugDescription) sent the browser to \(location.debugDescription)")
            }
            let (status, location) = try await Self.signIn(app, next: "/applications")
            #expect(status == .seeOther)
            #expect(location == "/applications", "a page of the site is still returned to")

            // The sign-in page does not carry a refused path into its form either.
            try await app.testing().test(.GET, "/login?next=/%2509/evil.example/") { res in
                #expect(res.status == .ok)
                #expect(formValue("next", in: res.body.string) == "/")
            }
        }
    }
}
