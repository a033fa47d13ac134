import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

@Suite("Rate limits: one address cannot force sign-in, registration or the public look-ups")
struct RateLimitTests {
    /// Small limits so a test reaches them; the rule and the counting are the production ones.
    /// Windows are fixed, so a test that ran across the end of one would start counting again:
    /// these last a year (the `windows` test checks the boundaries).
    static var tight: SecuritySettings {
        var limits = RateLimits()
        limits.signIn = .init(bucket: "sign-in", limit: 3, window: year)
        limits.registration = .init(bucket: "registration", limit: 2, window: year)
        limits.lookup = .init(bucket: "lookup", limit: 4, window: year)
        return SecuritySettings(bcryptCost: 4, rateLimits: limits)
    }

    @Test("Sign-ins over the limit are refused 429 with Retry-After on every instance, and count no failed password",
          arguments: DatabaseEngine.available)
    func signIn(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true, security: Self.tight) { app in
            try await withSecondInstance(of: app, clock: shanghaiNoon("2024-09-10"), security: Self.tight) { second in
                for (index, instance) in [app, second, app].enumerated() {
                    let (status, _, _) = try await Self.apiSignIn(instance, "applicant\(index + 1)", password: "wrong-password-1")
                    #expect(status == .unauthorized)
                }
                let before = try await UserRecord.query(on: app.db).filter(\.$username == "applicant2").first()?.failedSignIns
                let (status, retry, body) = try await Self.apiSignIn(second, "applicant2", password: DemoSeed.password)
                #expect(status == .tooManyRequests, "the other instance counts the same address's attempts")
                let seconds = try #require(retry.flatMap(Int.init))
                #expect((1...Self.year).contains(seconds))
                #expect(body.contains("rate_limited") && body.contains("请求过于频繁") && body.contains("Too many requests"))
                let after = try await UserRecord.query(on: app.db).filter(\.$username == "applicant2").first()?.failedSignIns
                #expect(before == after, "a refused attempt never reaches the password check")
            }
        }
    }

    @Test("Registration and certificate look-ups have limits of their own; the page says it in the reader's language",
          arguments: DatabaseEngine.available)
    func registrationAndLookup(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true, security: Self.tight) { app in
            for index in 0..<2 {
                #expect(try await Self.register(app, "newcomer\(index)") == .created)
            }
            #expect(try await Self.register(app, "newcomer9") == .tooManyRequests)
            #expect(try await UserRecord.query(on: app.db).filter(\.$username == "newcomer9").count() == 0, "nothing was made")

            // Sign-in has its own count: registration's limit does not stop it.
            #expect(try await Self.apiSignIn(app, "applicant1", password: DemoSeed.password).0 == .created)

            var statuses: [HTTPStatus] = []
            for _ in 0..<4 {
                try await app.testing().test(.GET, "/certificates/SH-NOT-A-NUMBER") { statuses.append($0.status) }
            }
            #expect(!statuses.contains(.tooManyRequests))
            try await app.testing().test(.GET, "/certificates/SH-NOT-A-NUMBER?lang=en") { res in
                #expect(res.status == .tooManyRequests)
                #expect(res.headers.first(name: .retryAfter) != nil)
                #expect(res.body.string.contains("Too many requests from your network address"))
            }
        }
    }

    @Test("Windows: the limit counts within one window and starts again in the next")
    func windows() async throws {
        try await withTestApp(.sqlite) { app in
            let rule = RateLimits.Rule(bucket: "test", limit: 2, window: 600)
            let start = Date(timeIntervalSince1970: 1_800_000_000)  // a multiple of 600
            func wait(_ client: String, after seconds: Double) async throws -> Int? {
                try await RateLimiter.hit(rule, client: client, on: app.db, now: start.addingTimeInterval(seconds))
            }
            let answers = [try await wait("a", after: 0), try await wait("a", after: 10), try await wait("a", after: 100),
                           try await wait("b", after: 100), try await wait("a", after: 600)]
            // The third within the window waits out its 500 s; another address, and the next window, start afresh.
            #expect(answers == [nil, nil, 500, nil, nil])
        }
    }

    static let year = 365 * 86_400

    static func register(_ app: Application, _ username: String) async throws -> HTTPStatus {
        var status = HTTPStatus.internalServerError
        try await app.testing().test(.POST, "/api/v1/accounts", beforeRequest: { req in
            try req.content.encode(["username": username, "displayName": "新人", "password": "Quiet-Harbour-73-lanterns"], as: .json)
        }) { status = $0.status }
        return status
    }

    static func apiSignIn(_ app: Application, _ username: String, password: String) async throws -> (HTTPStatus, String?, String) {
        var result: (HTTPStatus, String?, String) = (.internalServerError, nil, "")
        try await app.testing().test(.POST, "/api/v1/session", beforeRequest: { req in
            try req.content.encode(["username": username, "password": password], as: .json)
        }) { res in result = (res.status, res.headers.first(name: .retryAfter), res.body.string) }
        return result
    }
}
