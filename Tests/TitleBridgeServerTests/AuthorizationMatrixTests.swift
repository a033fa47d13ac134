import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

/// Every registered route × anonymous and every role gets exactly the answer `RoutePolicy`
/// gives: admitted, sent to sign in, or forbidden. The list of routes comes from the running
/// application, so a new route is tested the moment it is registered.
@Suite("Authorisation matrix — every route × every role")
struct AuthorizationMatrixTests {
    /// A demo account per role.
    static let accounts: [Role: String] = [
        .applicant: "applicant1", .verifier: "verifier1", .employer: "employer1", .supervisor: "supervisor1",
        .bureau: "bureau1", .expert: "expert1", .secretary: "secretary1", .admin: "admin",
    ]

    struct Caller {
        let label: String
        let role: Role?
        let userID: UUID?
        let organisationID: UUID?
        let token: String?
        let browser: Browser?

        var actor: Actor? {
            guard let role, let userID else { return nil }
            return Actor(userID: userID, roles: [role], organisationID: organisationID)
        }
    }

    @Test("Every route has a policy entry and every route maps to a SiteURL", arguments: DatabaseEngine.available)
    func everyRouteHasAPolicy(engine: DatabaseEngine) async throws {
        try await withTestApp(engine) { app in
            let byPattern = Dictionary(uniqueKeysWithValues: SiteURL.allCases.map { ("\($0.method.rawValue) \($0.path)", $0) })
            for route in app.routes.all {
                let key = "\(route.method.rawValue) /" + route.path.map(\.description).joined(separator: "/")
                let url = try #require(byPattern[key], "route \(key) is not a SiteURL")
                #expect(RoutePolicy.audience(for: url) != nil, "route \(key) has no entry in RoutePolicy")
            }
        }
    }

    /// The matrix below follows `RoutePolicy` whatever it says; these are the answers the README
    /// promises, pinned so that a change to the policy that breaks them fails here.
    @Test("As the README says: the bureau keeps the certificate list; accounts and organisations stay the administrator's")
    func documentedRoles() {
        let bureau = Actor(userID: UUID(), roles: [.bureau], organisationID: nil)
        let admin = Actor(userID: UUID(), roles: [.admin], organisationID: nil)
        let employer = Actor(userID: UUID(), roles: [.employer], organisationID: UUID())
        for url in [SiteURL.adminCatalogue, .adminCatalogueImport, .adminCatalogueExport] {
            #expect(RoutePolicy.audience(for: url)?.answer(for: bureau) == .admitted, "\(url) refused to the bureau")
            #expect(RoutePolicy.audience(for: url)?.answer(for: admin) == .admitted, "\(url) refused to the administrator")
            #expect(RoutePolicy.audience(for: url)?.answer(for: employer) == .forbidden, "\(url) open to an employer")
        }
        for url in [SiteURL.adminUsers, .adminUserCreate, .adminUserRoles, .adminOrganisations, .adminOrganisationCreate] {
            #expect(RoutePolicy.audience(for: url)?.answer(for: bureau) == .forbidden, "\(url) open to the bureau")
        }
    }

    @Test("Each role gets the policy's answer on each route", arguments: DatabaseEngine.available)
    func matrix(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            var callers = [Caller(label: "anonymous", role: nil, userID: nil, organisationID: nil, token: nil,
                                  browser: try await anonymousBrowser(app))]
            for role in Role.allCases {
                let username = try #require(Self.accounts[role])
                let api = try await signInAPI(app, username)
                let browser = try await signInBrowser(app, username)
                callers.append(Caller(label: username, role: role, userID: api.user.id, organisationID: api.user.organisation?.id,
                                      token: api.token, browser: browser))
            }
            let someUnit = try await organisationID(app, creditCode: DemoUnits.enterprise)
            let someUser = try await userID(app, "applicant2")
            // Routes that end the caller's session go last.
            let ending: Set<SiteURL> = [.signOut, .apiSessionDelete]
            let urls = SiteURL.allCases.filter { !ending.contains($0) } + SiteURL.allCases.filter { ending.contains($0) }
            var checked = 0
            for url in urls {
                let audience = try #require(RoutePolicy.audience(for: url), "\(url) has no policy")
                for caller in callers {
                    let path = url.path(parameters: url.parameterNames.map { name in
                        switch name {
                        case "organisationID": (caller.organisationID ?? someUnit).uuidString
                        case "userID": (caller.userID ?? someUser).uuidString
                        default: "x"
                        }
                    })
                    let expected = audience.answer(for: caller.actor)
                    try await check(app, url: url, path: path, caller: caller, expected: expected)
                    checked += 1
                }
            }
            #expect(checked == SiteURL.allCases.count * (Role.allCases.count + 1))
        }
    }

    private func check(_ app: Application, url: SiteURL, path: String, caller: Caller, expected: Audience.Answer) async throws {
        let isAPI = path.hasPrefix("/api/")
        try await app.testing().test(url.method, path, beforeRequest: { req in
            req.headers.replaceOrAdd(name: .accept, value: "application/json")
            if isAPI {
                if let token = caller.token { req.headers.bearerAuthorization = BearerAuthorization(token: token) }
                if url.method != .GET { try req.content.encode([String: String](), as: .json) }
            } else {
                caller.browser?.prepare(&req)
                if url.method != .GET { try req.content.encode(FormBody(["_csrf": caller.browser?.csrf ?? ""]), as: .urlEncodedForm) }
            }
        }, afterResponse: { res in
            let where_ = "\(url.method.rawValue) \(path) as \(caller.label)"
            let code = (try? res.content.decode(ErrorPageMiddleware.APIError.self))?.error.code
            let sentToSignIn = res.status == .seeOther && (res.headers.first(name: .location) ?? "").hasPrefix("/login?next=")
            switch expected {
            case .admitted:
                #expect(!(res.status == .unauthorized && code == "unauthenticated") && !sentToSignIn, "\(where_): asked to sign in")
                #expect(!(res.status == .forbidden && code == "forbidden"), "\(where_): forbidden")
                #expect(res.status != .forbidden || code != "csrf", "\(where_): CSRF token refused")
            case .signInRequired:
                if !isAPI, url.method == .GET {
                    #expect(sentToSignIn, "\(where_): expected the sign-in page, got \(res.status)")
                } else {
                    #expect(res.status == .unauthorized && code == "unauthenticated", "\(where_): expected 401, got \(res.status) \(code ?? "")")
                }
            case .forbidden:
                #expect(res.status == .forbidden && code == "forbidden", "\(where_): expected 403, got \(res.status) \(code ?? "")")
            }
        })
    }
}
