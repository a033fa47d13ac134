import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

/// A signed-in browser: its cookies and the CSRF token its pages carry.
struct Browser: Sendable {
    var cookies: [String: String]
    var csrf: String

    var cookieHeader: String { cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }

    /// Adds the browser's cookies to a request.
    func prepare(_ request: inout TestingHTTPRequest) {
        if !cookies.isEmpty { request.headers.replaceOrAdd(name: .cookie, value: cookieHeader) }
    }

    mutating func keep(_ response: TestingHTTPResponse) {
        for (name, value) in Self.setCookies(response) { cookies[name] = value }
    }

    static func setCookies(_ response: TestingHTTPResponse) -> [String: String] {
        var found: [String: String] = [:]
        for line in response.headers[.setCookie] {
            guard let pair = line.split(separator: ";").first, let equals = pair.firstIndex(of: "=") else { continue }
            found[String(pair[..<equals]).trimmingCharacters(in: .whitespaces)] = String(pair[pair.index(after: equals)...])
        }
        return found
    }

    /// The first `_csrf` value in a page.
    static func csrf(in html: String) -> String? { formValue("_csrf", in: html) }
}

struct FormBody: Content {
    let fields: [String: String]

    func encode(to encoder: any Encoder) throws { try fields.encode(to: encoder) }
    init(_ fields: [String: String]) { self.fields = fields }
    init(from decoder: any Decoder) throws { fields = try [String: String](from: decoder) }
}

/// A browser that has opened the sign-in page: it holds the pre-sign-in CSRF cookie.
func anonymousBrowser(_ app: Application) async throws -> Browser {
    var browser = Browser(cookies: [:], csrf: "")
    try await app.testing().test(.GET, "/login") { res in
        browser.keep(res)
        browser.csrf = Browser.csrf(in: res.body.string) ?? ""
    }
    return browser
}

/// Signs in through the page, as a person does: fetch the form, post it with its token,
/// keep the session cookie, and read the session's CSRF token off the next page.
func signInBrowser(_ app: Application, _ username: String, password: String = DemoSeed.password) async throws -> Browser {
    let tester = try app.testing()
    var browser = try await anonymousBrowser(app)
    try await tester.test(.POST, "/login", beforeRequest: { req in
        browser.prepare(&req)
        try req.content.encode(FormBody(["_csrf": browser.csrf, "username": username, "password": password]), as: .urlEncodedForm)
    }, afterResponse: { res in
        #expect(res.status == .seeOther, "sign-in of \(username) answered \(res.status)")
        browser.keep(res)
    })
    try await tester.test(.GET, "/account", beforeRequest: { req in browser.prepare(&req) }) { res in
        #expect(res.status == .ok)
        browser.csrf = Browser.csrf(in: res.body.string) ?? ""
    }
    return browser
}

struct TokenAnswer: Decodable {
    let token: String
    let user: AccountView
}

/// Signs in through the API and returns the bearer token with the account.
func signInAPI(_ app: Application, _ username: String, password: String = DemoSeed.password) async throws -> TokenAnswer {
    var answer: TokenAnswer?
    try await app.testing().test(.POST, "/api/v1/session", beforeRequest: { req in
        try req.content.encode(["username": username, "password": password], as: .json)
    }, afterResponse: { res in
        #expect(res.status == .created, "API sign-in of \(username) answered \(res.status): \(res.body.string)")
        answer = try? res.content.decode(TokenAnswer.self)
    })
    guard let answer else { throw TestSetupError("API sign-in of \(username) failed") }
    return answer
}

func organisationID(_ app: Application, creditCode: String) async throws -> UUID {
    guard let id = try await OrganisationRecord.query(on: app.db).filter(\.$creditCode == creditCode).first()?.id else {
        throw TestSetupError("no organisation \(creditCode)")
    }
    return id
}

func userID(_ app: Application, _ username: String) async throws -> UUID {
    guard let id = try await UserRecord.query(on: app.db).filter(\.$username == username).first()?.id else {
        throw TestSetupError("no user \(username)")
    }
    return id
}

/// Demo units by name, for readable tests.
enum DemoUnits {
    static let enterprise = "91310115MA1H7ABCDF"
    static let institution = "12310000425003567F"
}

/// The value of the first form field called `name` in a page.
func formValue(_ name: String, in html: String) -> String? {
    guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
    let rest = html[range.upperBound...]
    return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
}
