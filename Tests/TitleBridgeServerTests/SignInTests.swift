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
                              security: SecuritySettings(maxFailedSignIns: 3, lockoutMinutes: 15, bcryptCost: 4, rateLimits: SecuritySettings.testing.rateLimits)) { app in
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

    /// One answer of a burst of sign-ins.
    struct BurstAnswer: Sendable {
        let status: HTTPStatus
        let retryAfter: String?
        var rightPassword = false
    }

    static func apiSignIn(_ app: Application, _ username: String, _ password: String) async throws -> BurstAnswer {
        var answer = BurstAnswer(status: .internalServerError, retryAfter: nil)
        try await app.testing().test(.POST, "/api/v1/session", beforeRequest: { req in
            try req.content.encode(["username": username, "password": password], as: .json)
        }) { res in
            answer = BurstAnswer(status: res.status, retryAfter: res.headers.first(name: .retryAfter))
        }
        return answer
    }

    static func pageSignIn(_ app: Application, _ browser: Browser, _ username: String, _ password: String) async throws -> BurstAnswer {
        var answer = BurstAnswer(status: .internalServerError, retryAfter: nil)
        try await app.testing().test(.POST, "/login", beforeRequest: { req in
            browser.prepare(&req)
            try req.content.encode(FormBody(["_csrf": browser.csrf, "username": username, "password": password]), as: .urlEncodedForm)
        }) { res in
            answer = BurstAnswer(status: res.status, retryAfter: res.headers.first(name: .retryAfter))
        }
        return answer
    }

    /// Fifty sign-ins at once, each with a different wrong password but one, which is right.
    static func burst(_ send: @escaping @Sendable (String) async throws -> BurstAnswer) async throws -> [BurstAnswer] {
        try await withThrowingTaskGroup(of: BurstAnswer.self) { group in
            for attempt in 0..<50 {
                let right = attempt == 20
                let password = right ? DemoSeed.password : "guess-number-\(attempt)"
                group.addTask {
                    var answer = try await send(password)
                    answer.rightPassword = right
                    return answer
                }
            }
            var answers: [BurstAnswer] = []
            for try await answer in group { answers.append(answer) }
            return answers
        }
    }

    /// What a burst on `username` must leave behind, in whatever order its attempts ran.
    static func expectLockHeld(_ app: Application, _ username: String, _ answers: [BurstAnswer], maximum: Int,
                               signedIn: HTTPStatus) async throws {
        let locked = HTTPStatus(statusCode: 423)
        for answer in answers {
            #expect([signedIn, .unauthorized, locked, .serviceUnavailable].contains(answer.status), "answered \(answer.status.code)")
            if answer.status == .serviceUnavailable {
                #expect((answer.retryAfter.flatMap { Int($0) } ?? 0) > 0, "a 503 says when to try again")
            }
            if answer.status == signedIn { #expect(answer.rightPassword, "only the right password signs in") }
        }
        let id = try await userID(app, username)
        let rows = try await AuditEventRecord.query(on: app.db).filter(\.$recordID == id.uuidString).sort(\.$id).all()
        #expect(rows.filter { $0.action.hasPrefix("signIn.") }.count == answers.count, "every attempt is in the audit log")

        // In the order of the log: no more wrong passwords checked in a row than the lock-out
        // allows, and once the account is locked, neither a check nor a sign-in.
        var inARow = 0
        var checkedWrong = 0
        var locks = 0
        for row in rows {
            switch row.action {
            case "signIn.failed":
                #expect(row.reason?.hasPrefix("wrong password") == true)
                #expect(locks == 0, "a wrong password was checked after the account locked (audit row \(row.id ?? 0))")
                inARow += 1
                checkedWrong += 1
                #expect(inARow <= maximum, "\(inARow) wrong passwords checked in a row (audit row \(row.id ?? 0))")
            case "signIn.succeeded":
                #expect(locks == 0, "a sign-in succeeded after the account locked (audit row \(row.id ?? 0))")
                inARow = 0
            case "account.locked":
                locks += 1
            default:
                break
            }
        }
        let successes = answers.filter { $0.status == signedIn }.count
        #expect(locks <= 1)
        #expect(checkedWrong <= (successes == 0 ? maximum : 2 * maximum - 1), "\(checkedWrong) wrong passwords checked")
        #expect(answers.filter { $0.status == .unauthorized }.count == checkedWrong - locks, "a 401 answers a password that was checked")
        #expect(try await UserSessionRecord.query(on: app.db).filter(\.$userID == id).count() == successes,
                "a session for the sign-in that succeeded, and no other")
        if locks > 0 {
            #expect(try await Self.attempt(app, username, DemoSeed.password).0 == locked, "the lock holds after the burst")
        }
    }

    @Test("Fifty parallel API sign-ins with the right password among them: no more wrong passwords checked than the lock-out allows, no sign-in once locked, never 500",
          arguments: DatabaseEngine.available)
    func parallelGuesses(engine: DatabaseEngine) async throws {
        let maximum = 5
        try await withTestApp(engine, demo: true,
                              security: SecuritySettings(maxFailedSignIns: maximum, lockoutMinutes: 15, bcryptCost: 4, rateLimits: SecuritySettings.testing.rateLimits)) { app in
            let answers = try await Self.burst { password in try await Self.apiSignIn(app, "employer2", password) }
            try await Self.expectLockHeld(app, "employer2", answers, maximum: maximum, signedIn: .created)
        }
    }

    @Test("Fifty parallel sign-ins through the page hold the lock-out just the same", arguments: DatabaseEngine.available)
    func parallelGuessesOnPage(engine: DatabaseEngine) async throws {
        let maximum = 5
        try await withTestApp(engine, demo: true,
                              security: SecuritySettings(maxFailedSignIns: maximum, lockoutMinutes: 15, bcryptCost: 4, rateLimits: SecuritySettings.testing.rateLimits)) { app in
            let browser = try await anonymousBrowser(app)
            let answers = try await Self.burst { password in try await Self.pageSignIn(app, browser, "employer2", password) }
            try await Self.expectLockHeld(app, "employer2", answers, maximum: maximum, signedIn: .seeOther)
        }
    }

    @Test("Sign-ins beyond the password checks the server runs at once are answered 503 with Retry-After, on the page and in the API",
          arguments: DatabaseEngine.available)
    func busyChecks(engine: DatabaseEngine) async throws {
        // One check at a time and no waiting, with checks slow enough to overlap (cost 10: slow enough,
        // and light enough that the database answers in time while the whole suite runs beside it).
        try await withTestApp(engine, security: SecuritySettings(bcryptCost: 10, passwordChecksAtOnce: 1, passwordCheckWaitSeconds: 0, rateLimits: SecuritySettings.testing.rateLimits)) { app in
            let browser = try await anonymousBrowser(app)
            let answers = try await withThrowingTaskGroup(of: BurstAnswer.self) { group in
                // Six at once: enough to overlap one slow check, few enough that the database
                // itself answers each in time while the whole suite runs beside it.
                for attempt in 0..<6 {
                    group.addTask {
                        if attempt.isMultiple(of: 2) {
                            return try await Self.apiSignIn(app, "nobody-\(attempt)", "not-the-password-\(attempt)")
                        }
                        return try await Self.pageSignIn(app, browser, "nobody-\(attempt)", "not-the-password-\(attempt)")
                    }
                }
                var answers: [BurstAnswer] = []
                for try await answer in group { answers.append(answer) }
                return answers
            }
            #expect(answers.allSatisfy { $0.status == .unauthorized || $0.status == .serviceUnavailable },
                    "answers: \(answers.map(\.status.code))")
            let busy = answers.filter { $0.status == .serviceUnavailable }
            #expect(!busy.isEmpty, "checks beyond the one running are not queued without end")
            #expect(busy.allSatisfy { ($0.retryAfter.flatMap { Int($0) } ?? 0) > 0 }, "every 503 says when to try again")
            #expect(answers.contains { $0.status == .unauthorized })
            let refused = try await AuditEventRecord.query(on: app.db).filter(\.$action == "signIn.refused").count()
            #expect(refused == busy.count, "a busy answer is audited too")
        }
    }

    @Test("A database that hands out no connection in time is answered 503 with Retry-After, never 500",
          arguments: DatabaseEngine.available)
    func connectionTimeout(engine: DatabaseEngine) async throws {
        try await withTestApp(engine) { app in
            // What the connection pool throws when every connection stays taken past its timeout.
            app.get("api", "v1", "pool-probe") { (_: Request) async throws -> String in throw ConnectionPoolTimeoutError.connectionRequestTimeout }
            app.get("pool-probe") { (_: Request) async throws -> String in throw ConnectionPoolTimeoutError.connectionRequestTimeout }
            try await app.testing().test(.GET, "/api/v1/pool-probe") { res in
                #expect(res.status == .serviceUnavailable)
                #expect(res.headers.first(name: .retryAfter) != nil)
                let error = try? res.content.decode(ErrorPageMiddleware.APIError.self)
                #expect(error?.error.code == "unavailable")
                #expect(error?.error.message.zh == "服务暂时不可用，请稍后再试。")
            }
            try await app.testing().test(.GET, "/pool-probe") { res in
                #expect(res.status == .serviceUnavailable)
                #expect(res.headers.first(name: .retryAfter) != nil)
            }
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
                              security: SecuritySettings(publicURL: "https://titles.example.gov.cn", bcryptCost: 4,
                                                         rateLimits: SecuritySettings.testing.rateLimits)) { app in
            let browser = try await anonymousBrowser(app)
            try await app.testing().test(.POST, "/login", beforeRequest: { req in
                browser.prepare(&req)
                try req.content.encode(FormBody(["_csrf": browser.csrf, "username": "employer1", "password": DemoSeed.password]),
                                       as: .urlEncodedForm)
            }) { res in
                #expect(res.status == .seeOther)
                // Behind TLS the name carries the __Host- prefix (SessionHardeningTests.hostCookies).
                let line = try #require(res.headers[.setCookie].first { $0.hasPrefix("__Host-" + SessionStore.cookieName + "=") })
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

    @Test("Without a page asked for, each role lands on the list where its work waits", arguments: DatabaseEngine.available)
    func startPage(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let expected = ["applicant1": "/applications", "verifier1": "/verifications", "employer1": "/unit-applications",
                            "employer2": "/unit-applications", "supervisor1": "/unit-applications", "bureau1": "/acceptance",
                            "admin": "/admin/users", "expert1": "/committee", "secretary1": "/committee"]
            for (username, start) in expected.sorted(by: { $0.key < $1.key }) {
                let browser = try await anonymousBrowser(app)
                var landed: String?
                try await app.testing().test(.POST, "/login", beforeRequest: { req in
                    browser.prepare(&req)
                    try req.content.encode(FormBody(["_csrf": browser.csrf, "username": username, "password": DemoSeed.password]),
                                           as: .urlEncodedForm)
                }) { res in landed = res.headers.first(name: .location) }
                #expect(landed == start, "\(username) landed on \(landed ?? "nothing")")
            }
        }
    }

    @Test("After sign-in the browser returns to the page it asked for, never to another site", arguments: DatabaseEngine.available)
    func returnPath(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            // A return path that is refused falls back to the home page.
            for (next, expected) in [("/admin/users", "/admin/users"), ("//evil.example/x", "/"), ("https://evil.example", "/")] {
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
