import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

@Suite("Security headers and request limits")
struct SecurityBaselineTests {
    @Test("Pages, errors and the API carry CSP without unsafe-inline, no framing, nosniff, referrer policy",
          arguments: DatabaseEngine.available)
    func headers(engine: DatabaseEngine) async throws {
        try await withTestApp(engine) { app in
            for path in ["/", "/login", "/no-such-page", "/api/v1/me", "/assets/site.css"] {
                try await app.testing().test(.GET, path) { res in
                    let csp = res.headers.first(name: "Content-Security-Policy") ?? ""
                    #expect(csp.contains("default-src 'self'"), "\(path)")
                    #expect(csp.contains("frame-ancestors 'none'"), "\(path)")
                    #expect(!csp.contains("unsafe-inline"), "\(path)")
                    #expect(res.headers.first(name: "X-Content-Type-Options") == "nosniff", "\(path)")
                    #expect(res.headers.first(name: "Referrer-Policy") == "same-origin", "\(path)")
                    #expect(res.headers.first(name: "X-Frame-Options") == "DENY", "\(path)")
                    #expect(res.headers.first(name: "Strict-Transport-Security") == nil, "no HSTS over plain HTTP")
                }
            }
        }
    }

    @Test("No page has inline script or style, so the CSP costs nothing", arguments: DatabaseEngine.available)
    func noInlineCode(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let admin = try await signInBrowser(app, "admin")
            let unit = try await organisationID(app, creditCode: DemoUnits.institution)
            try await app.testing().test(.GET, "/login") { res in
                #expect(!res.body.string.contains("<script>") && !res.body.string.contains("style="))
            }
            for path in ["/", "/self-check", "/account", "/admin/users", "/admin/organisations", "/units/\(unit)"] {
                try await app.testing().test(.GET, path, beforeRequest: { admin.prepare(&$0) }) { res in
                    #expect(res.status == .ok, "\(path)")
                    let html = res.body.string
                    #expect(!html.contains("<script>") && !html.contains("style=") && !html.contains("<style"), "\(path)")
                    #expect(!html.contains("onclick="), "\(path)")
                }
            }
        }
    }

    @Test("A body over the limit is refused with 413 and nothing is written", arguments: DatabaseEngine.available)
    func bodyLimit(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let admin = try await signInBrowser(app, "admin")
            let users = try await UserRecord.query(on: app.db).count()
            let padding = String(repeating: "x", count: 2 * 1024 * 1024)
            try await app.testing(method: .running(port: try freeLoopbackPort())).test(.POST, "/admin/users", beforeRequest: { req in
                admin.prepare(&req)
                try req.content.encode(FormBody(["_csrf": admin.csrf, "username": "big1", "displayName": padding,
                                                 "password": "Big-password-2024", "roles[]": "expert"]), as: .urlEncodedForm)
            }) { res in
                #expect(res.status == .payloadTooLarge)
            }
            try await app.testing(method: .running(port: try freeLoopbackPort())).test(.POST, "/api/v1/session", beforeRequest: { req in
                try req.content.encode(["username": "admin", "password": padding], as: .json)
            }) { res in
                #expect(res.status == .payloadTooLarge)
            }
            #expect(try await UserRecord.query(on: app.db).count() == users)
        }
    }
}
