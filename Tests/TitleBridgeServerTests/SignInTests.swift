import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

@Suite("Sign-in, lock-out and sign-out")
struct SignInTests {
    static func attempt(_ app: Application, _ username: String, _ password: String) async throws -> (HTTPStatus, String?, LocalizedText?) {
        var result: (HTTPStatus, String?, LocalizedText?) = (.internalServerError, nil, nil)
        try await app.testing().test(.POST, "/api/v1/session", beforeRequest: { req in
            try req.content.encode(["username": username, "password": password], as: .json)
        }) { res in
            let error = try? res.content.decode(ErrorPageMiddleware.APIError.self)
            result = (res.status, error?.error.code, error?.error.message)
        }
        return result
    }

    @Test("A wrong password and an unknown user get the same 401 and message", arguments: DatabaseEngine.available)
    func sameAnswer(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let wrong = try await Self.attempt(app, "employer1", "not-the-password-1")
            let unknown = try await Self.attempt(app, "nobody-here", "not-the-password-1")
            #expect(wrong.0 == .unauthorized)
            #expect(unknown.0 == .unauthorized)
            #expect(wrong.1 == unknown.1)
            #expect(wrong.2 == unknown.2)
            #expect(wrong.2?.zh == "用户名或密码不正确。")
        }
    }

    @Test("Lock-out after the configured failures, audited; lifted when the time is up", arguments: DatabaseEngine.available)
    func lockOut(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-09-10"))
        try await withTestApp(engine, clock: clock, demo: true,
                              security: SecuritySettings(maxFailedSignIns: 3, lockoutMinutes: 15, bcryptCost: 4)) { app in
            for _ in 1...2 {
                #expect(try await Self.attempt(app, "applicant1", "wrong-password-9").0 == .unauthorized)
            }
            let third = try await Self.attempt(app, "applicant1", "wrong-password-9")
            #expect(third.0 == HTTPStatus(statusCode: 423))
            #expect(third.1 == "account_locked")
            #expect(third.2?.zh.contains("2024-09-10 12:15") == true, "the message names when to try again: \(third.2?.zh ?? "")")
            #expect(third.2?.en.contains("Beijing time") == true)

            // Locked: even the right password is refused, and no session is made.
            let right = try await Self.attempt(app, "applicant1", DemoSeed.password)
            #expect(right.0 == HTTPStatus(statusCode: 423))
            #expect(try await UserSessionRecord.query(on: app.db).count() == 0)

            let found = try await UserRecord.query(on: app.db).filter(\.$username == "applicant1").first()
            let user = try #require(found)
            let events = try await AuditEventRecord.query(on: app.db).filter(\.$recordID == user.requireID().uuidString)
                .sort(\.$id).all().map(\.action)
            #expect(events == ["user.create", "signIn.failed", "signIn.failed", "signIn.failed", "account.locked", "signIn.refused"])

            clock.advance(minutes: 16)
            #expect(try await Self.attempt(app, "applicant1", DemoSeed.password).0 == .created)
            let reloaded = try await UserRecord.query(on: app.db).filter(\.$username == "applicant1").first()
            let after = try #require(reloaded)
            #expect(after.failedSignIns == 0)
            #expect(after.lockedUntil == nil)
        }
    }

    @Test("Parallel guesses cannot slip past the lock", arguments: DatabaseEngine.available)
    func parallelGuesses(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true,
                              security: SecuritySettings(maxFailedSignIns: 5, lockoutMinutes: 15, bcryptCost: 4)) { app in
            try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for attempt in 0..<12 {
                    group.addTask { try await Self.attempt(app, "employer2", "guess-number-\(attempt)").0 }
                }
                var statuses: [HTTPStatus] = []
                for try await status in group { statuses.append(status) }
                #expect(statuses.allSatisfy { $0 == .unauthorized || $0.code == 423 })
            }
            let failures = try await AuditEventRecord.query(on: app.db).filter(\.$action == "signIn.failed").count()
            let refusals = try await AuditEventRecord.query(on: app.db).filter(\.$action == "signIn.refused").count()
            #expect(failures + refusals == 12, "every guess is in the audit log")
            #expect(try await Self.attempt(app, "employer2", DemoSeed.password).0.code == 423)
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == "account.locked").count() >= 1)
        }
    }

    @Test("The sign-in page keeps the user name, says what went wrong, and sets no session", arguments: DatabaseEngine.available)
    func pageRefusal(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            var browser = try await anonymousBrowser(app)
            try await app.testing().test(.POST, "/login", beforeRequest: { req in
                browser.prepare(&req)
                try req.content.encode(FormBody(["_csrf": browser.csrf, "username": "employer1", "password": "wrong-password-1"]),
                                       as: .urlEncodedForm)
            }) { res in
                #expect(res.status == .unauthorized)
                #expect(res.body.string.contains("用户名或密码不正确。"))
                #expect(res.body.string.contains("value=\"employer1\""))
                #expect(Browser.setCookies(res)[SessionStore.cookieName] == nil)
            }
            browser = try await signInBrowser(app, "employer1")
            let cookie = try #require(browser.cookies[SessionStore.cookieName])
            #expect(try await UserSessionRecord.query(on: app.db).count() == 1)
            // Only the token's digest is stored.
            let sessions = try await UserSessionRecord.query(on: app.db).all()
            let stored = try #require(sessions.first)
            #expect(stored.tokenHash != cookie)
            #expect(stored.tokenHash == SecureToken.sha256Hex(cookie))
        }
    }

    @Test("Session cookie flags; Secure behind TLS", arguments: DatabaseEngine.available)
    func cookieFlags(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true,
                              security: SecuritySettings(publicURL: "https://titles.example.gov.cn", bcryptCost: 4)) { app in
            let browser = try await anonymousBrowser(app)
            try await app.testing().test(.POST, "/login", beforeRequest: { req in
                browser.prepare(&req)
                try req.content.encode(FormBody(["_csrf": browser.csrf, "username": "employer1", "password": DemoSeed.password]),
                                       as: .urlEncodedForm)
            }) { res in
                #expect(res.status == .seeOther)
                let line = try #require(res.headers[.setCookie].first { $0.hasPrefix(SessionStore.cookieName + "=") })
                #expect(line.contains("HttpOnly"))
                #expect(line.contains("SameSite=Lax"))
                #expect(line.contains("Secure"))
                #expect(res.headers.first(name: "Strict-Transport-Security")?.contains("max-age=") == true)
            }
        }
    }

    @Test("Sign-out ends the session in the database; a returning to a page asks to sign in again", arguments: DatabaseEngine.available)
    func signOut(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let browser = try await signInBrowser(app, "employer1")
            let tester = try app.testing()
            try await tester.test(.POST, "/logout", beforeRequest: { req in
                browser.prepare(&req)
                try req.content.encode(FormBody(["_csrf": browser.csrf]), as: .urlEncodedForm)
            }) { res in
                #expect(res.status == .seeOther)
            }
            #expect(try await UserSessionRecord.query(on: app.db).count() == 0)
            try await tester.test(.GET, "/account", beforeRequest: { browser.prepare(&$0) }) { res in
                #expect(res.status == .seeOther)
                #expect(res.headers.first(name: .location) == "/login?next=/account")
            }
            // The API token ends the same way.
            let api = try await signInAPI(app, "bureau1")
            try await tester.test(.DELETE, "/api/v1/session", beforeRequest: { req in
                req.headers.bearerAuthorization = BearerAuthorization(token: api.token)
            }) { res in
                #expect(res.status == .noContent)
            }
            try await tester.test(.GET, "/api/v1/me", beforeRequest: { req in
                req.headers.bearerAuthorization = BearerAuthorization(token: api.token)
            }) { res in
                #expect(res.status == .unauthorized)
            }
        }
    }

    @Test("After sign-in the browser returns to the page it asked for, never to another site", arguments: DatabaseEngine.available)
    func returnPath(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            for (next, expected) in [("/admin/users", "/admin/users"), ("//evil.example/x", "/account"), ("https://evil.example", "/account")] {
                let browser = try await anonymousBrowser(app)
                try await app.testing().test(.POST, "/login", beforeRequest: { req in
                    browser.prepare(&req)
                    try req.content.encode(FormBody(["_csrf": browser.csrf, "username": "admin", "password": DemoSeed.password,
                                                     "next": next]), as: .urlEncodedForm)
                }) { res in
                    #expect(res.headers.first(name: .location) == expected)
                }
            }
        }
    }
}
