import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

@Suite("Sessions: an idle one ends, a person sees and ends the others, cookies bound to the host behind TLS; metrics closed")
struct SessionHardeningTests {
    @Test("A session unused for longer than the idle time ends; one in use stays", arguments: DatabaseEngine.available)
    func idleTimeout(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-09-10"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            let browser = try await signInBrowser(app, "applicant1")
            let api = try await signInAPI(app, "bureau1")
            for _ in 0..<3 {
                clock.advance(minutes: 25)
                #expect(try await ApplicationFlowTests.get(app, browser, "/account").0 == .ok, "used every 25 minutes, it stays")
            }
            clock.advance(minutes: 31)
            let (status, _) = try await ApplicationFlowTests.get(app, browser, "/account")
            #expect(status == .seeOther, "unused for 31 minutes: sign in again")
            #expect(try await ReviewFixture.api(app, .GET, "/api/v1/me", token: api.token).0 == .unauthorized)
            #expect(try await UserSessionRecord.query(on: app.db).count() == 0, "both are gone from the table")
        }
    }

    @Test("My account lists my sessions; ending the others signs out every other browser and token, audited",
          arguments: DatabaseEngine.available)
    func endOtherSessions(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let here = try await signInBrowser(app, "applicant1")
            let elsewhere = try await signInBrowser(app, "applicant1")
            let token = try await signInAPI(app, "applicant1").token
            let someoneElse = try await signInAPI(app, "applicant2")

            let (_, page) = try await ApplicationFlowTests.get(app, here, "/account")
            #expect(page.components(separatedBy: "<td>浏览器</td>").count - 1 == 2)
            #expect(page.contains("<td>接口令牌</td>") && page.contains("当前会话"))
            #expect(page.components(separatedBy: "/end\"").count - 1 == 2, "an end button for each other session")
            let (_, english) = try await ApplicationFlowTests.get(app, here, "/account?lang=en")
            #expect(english.contains("Signed-in sessions") && english.contains("End all other sessions"))

            // Another person's session cannot be ended from here: not found, and it stays.
            let theirs = try #require(try await UserSessionRecord.query(on: app.db).filter(\.$userID == someoneElse.user.id).first()?.id)
            #expect(try await ApplicationFlowTests.post(app, here, "/account/sessions/\(theirs)/end", [:]).0 == .notFound)

            #expect(try await ApplicationFlowTests.post(app, here, "/account/sessions/end-others", [:]).0 == .seeOther)
            #expect(try await ApplicationFlowTests.get(app, here, "/account").0 == .ok)
            #expect(try await ApplicationFlowTests.get(app, elsewhere, "/account").0 == .seeOther)
            #expect(try await ReviewFixture.api(app, .GET, "/api/v1/me", token: token).0 == .unauthorized)
            #expect(try await ReviewFixture.api(app, .GET, "/api/v1/me", token: someoneElse.token).0 == .ok)
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == "session.endOthers").count() == 1)
        }
    }

    @Test("Behind TLS the cookies carry the __Host- prefix: Secure, the whole site, no Domain; the session works by it")
    func hostCookies() async throws {
        let security = SecuritySettings(publicURL: "https://titles.example.gov.cn", bcryptCost: 4, rateLimits: SecuritySettings.testing.rateLimits)
        try await withTestApp(.sqlite, demo: true, security: security) { app in
            let anonymous = try await anonymousBrowser(app)
            #expect(anonymous.cookies.keys.contains("__Host-tb_csrf"))
            var setCookie: [String] = []
            try await app.testing().test(.POST, "/login", beforeRequest: { req in
                anonymous.prepare(&req)
                try req.content.encode(["_csrf": anonymous.csrf, "username": "applicant1", "password": DemoSeed.password], as: .urlEncodedForm)
            }) { res in setCookie = res.headers[.setCookie] }
            let session = try #require(setCookie.first { $0.hasPrefix("__Host-tb_session=") })
            #expect(session.contains("Secure") && session.contains("Path=/") && session.contains("HttpOnly"))
            #expect(!session.lowercased().contains("domain="))
            let browser = try await signInBrowser(app, "applicant1")
            #expect(browser.cookies.keys.contains("__Host-tb_session") && !browser.cookies.keys.contains("tb_session"))
            #expect(try await ApplicationFlowTests.get(app, browser, "/account").0 == .ok)
        }
    }

    @Test("/metrics with a token set answers only its bearer")
    func metricsToken() async throws {
        var security = SecuritySettings.testing
        security.metricsToken = "scrape-token-0123456789abcdef"
        try await withTestApp(.sqlite, security: security) { app in
            try await app.testing().test(.GET, "/metrics") { #expect($0.status == .unauthorized) }
            try await app.testing().test(.GET, "/metrics", beforeRequest: { req in
                req.headers.bearerAuthorization = BearerAuthorization(token: "wrong-token-0123456789abcdef")
            }) { #expect($0.status == .unauthorized) }
            try await app.testing().test(.GET, "/metrics", beforeRequest: { req in
                req.headers.bearerAuthorization = BearerAuthorization(token: "scrape-token-0123456789abcdef")
            }) { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("# TYPE"))
            }
        }
    }
}
