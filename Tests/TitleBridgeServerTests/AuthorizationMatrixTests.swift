import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

/// Every registered route × anonymous and every role gets exactly the answer of the reviewed
/// table below: admitted, sent to sign in, or forbidden. The table is written out rather than
/// read from `RoutePolicy`, so a wrong policy entry fails here instead of being its own
/// expectation; a change of who may call a route changes this table in the same commit, where
/// a reviewer sees it. The list of routes comes from the running application, so a new route
/// without a row fails the moment it is registered.
@Suite("Authorisation matrix — every route × every role")
struct AuthorizationMatrixTests {
    /// Columns: anonymous, applicant, verifier, employer, supervisor, bureau, expert, secretary,
    /// admin (`Role.allCases`). A admitted · S sign in first · F forbidden. Admitted is the door
    /// only: which records each one then sees is `RecordAccess`'s (FileScopeTests, RecordScopeTests).
    static let reviewed: [String: String] = [
        "GET /":                                               "A A A A A A A A A",
        "GET /healthz":                                        "A A A A A A A A A",
        "GET /livez":                                          "A A A A A A A A A",
        "GET /metrics":                                        "A A A A A A A A A",
        "GET /assets/site.css":                                "A A A A A A A A A",
        "GET /assets/zi-count.js":                             "A A A A A A A A A",
        "GET /assets/confirm.js":                              "A A A A A A A A A",
        "GET /assets/refresh.js":                              "A A A A A A A A A",
        "GET /assets/favicon.svg":                             "A A A A A A A A A",
        "GET /self-check":                                     "A A A A A A A A A",
        "GET /login":                                          "A A A A A A A A A",
        "POST /login":                                         "A A A A A A A A A",
        "POST /logout":                                        "S A A A A A A A A",
        "GET /login/oidc":                                     "A A A A A A A A A",
        "GET /login/oidc/callback":                            "A A A A A A A A A",
        "GET /account":                                        "S A A A A A A A A",
        "POST /account/sessions/:sessionID/end":               "S A A A A A A A A",
        "POST /account/sessions/end-others":                   "S A A A A A A A A",
        "GET /units/:organisationID":                          "S F F A A A F F A",
        "POST /units/:organisationID":                         "S F F A F F F F A",
        "GET /admin/organisations":                            "S F F F F F F F A",
        "POST /admin/organisations":                           "S F F F F F F F A",
        "GET /admin/users":                                    "S F F F F F F F A",
        "POST /admin/users":                                   "S F F F F F F F A",
        "POST /admin/users/:userID/roles":                     "S F F F F F F F A",
        "GET /admin/batches":                                  "S F F F F F F F A",
        "POST /admin/batches":                                 "S F F F F F F F A",
        "GET /admin/batches/:batchID":                         "S F F F F F F F A",
        "POST /admin/batches/:batchID":                        "S F F F F F F F A",
        "POST /admin/batches/:batchID/current":                "S F F F F F F F A",
        "POST /admin/batches/:batchID/close":                  "S F F F F F F F A",
        "GET /bureau/dashboard":                               "S F F F F A F F F",
        "GET /bureau/exports":                                 "S F F F F A F F F",
        "GET /bureau/exports/:kind/:format":                   "S F F F F A F F F",
        "GET /verifications":                                  "S A A F F A F F A",
        "POST /verifications":                                 "S A F F F F F F F",
        "GET /verifications/:verificationID":                  "S A A F F A F F A",
        "POST /verifications/:verificationID/decision":        "S F A F F F F F F",
        "GET /verifications/import":                           "S F F F F A F F A",
        "POST /verifications/import":                          "S F F F F A F F A",
        "GET /admin/catalogue":                                "S F F F F A F F A",
        "POST /admin/catalogue":                               "S F F F F A F F A",
        "GET /admin/catalogue/export.csv":                     "S F F F F A F F A",
        "GET /files/:fileID":                                  "S A A A A A A A A",
        "GET /register":                                       "A A A A A A A A A",
        "POST /register":                                      "A A A A A A A A A",
        "GET /applications":                                   "S A F F F F F F F",
        "POST /applications":                                  "S A F F F F F F F",
        "GET /applications/:applicationID":                    "S A F A A A A A A",
        "GET /applications/:applicationID/steps/:step":        "S A F F F F F F F",
        "POST /applications/:applicationID/steps/:step":       "S A F F F F F F F",
        "POST /applications/:applicationID/transitions":       "S A F A A A F A F",
        "POST /applications/:applicationID/uploads":           "S A F A F F F F F",
        "POST /applications/:applicationID/uploads/:uploadID/delete": "S A F A F F F F F",
        "GET /applications/:applicationID/form.pdf":           "S A F A A A A A A",
        "GET /unit-applications":                              "S F F A A F F F F",
        "POST /applications/:applicationID/publicity":         "S F F A F F F F F",
        "POST /applications/:applicationID/publicity/outcome": "S F F A F F F F F",
        "GET /acceptance":                                     "S F F F F A F F F",
        "GET /acceptance/paper":                               "S F F F F A F F F",
        "POST /acceptance/paper/schedule":                     "S F F F F A F F F",
        "POST /acceptance/paper/receipts":                     "S F F F F A F F F",
        "GET /committee":                                       "S F F F F F A A F",
        "POST /committee/sessions":                             "S F F F F F F A F",
        "GET /committee/sessions/:sessionID":                   "S F F F F F F A F",
        "POST /committee/sessions/:sessionID/change":           "S F F F F F F A F",
        "POST /committee/sessions/:sessionID/files":            "S F F F F F F A F",
        "GET /committee/files/:applicationID":                  "S F F F F F A A F",
        "POST /committee/files/:applicationID/recusals":        "S F F F F F A A F",
        "POST /committee/files/:applicationID/interview":       "S F F F F F F A F",
        "POST /committee/files/:applicationID/opinion":         "S F F F F F A F F",
        "POST /committee/files/:applicationID/ballot":          "S F F F F F A F F",
        "POST /committee/files/:applicationID/close":           "S F F F F F F A F",
        "GET /results":                                         "A A A A A A A A A",
        "GET /results/:entryID/objection":                      "A A A A A A A A A",
        "POST /results/:entryID/objection":                     "A A A A A A A A A",
        "GET /results/objections":                              "A A A A A A A A A",
        "GET /bureau/results":                                  "S F F F F A F F F",
        "POST /bureau/results/lists":                           "S F F F F A F F F",
        "POST /bureau/results/objections/:objectionID":         "S F F F F A F F F",
        "POST /bureau/results/certificates":                    "S F F F F A F F F",
        "GET /certificates":                                    "A A A A A A A A A",
        "GET /certificates/:number":                            "A A A A A A A A A",
        "GET /certificates/:number/credential.json":            "A A A A A A A A A",
        "GET /certificates/:number/certificate.pdf":            "S A F F F A F F F",
        "POST /certificates/:number/revocation":                "S F F F F A F F F",
        "GET /credentials/issuer":                              "A A A A A A A A A",
        "GET /credentials/status/revocation":                   "A A A A A A A A A",
        "GET /api/v1/certificates/:number":                     "A A A A A A A A A",
        "GET /api/v1/committee/sessions":                       "S F F F F F F A F",
        "POST /api/v1/committee/sessions":                      "S F F F F F F A F",
        "GET /api/v1/committee/sessions/:sessionID":            "S F F F F F F A F",
        "PATCH /api/v1/committee/sessions/:sessionID":          "S F F F F F F A F",
        "POST /api/v1/committee/sessions/:sessionID/files":     "S F F F F F F A F",
        "GET /api/v1/committee/files/:applicationID":           "S F F F F F A A F",
        "POST /api/v1/committee/files/:applicationID/recusals": "S F F F F F A A F",
        "POST /api/v1/committee/files/:applicationID/interview":"S F F F F F F A F",
        "PUT /api/v1/committee/files/:applicationID/opinion":   "S F F F F F A F F",
        "POST /api/v1/committee/files/:applicationID/ballot":   "S F F F F F A F F",
        "POST /api/v1/committee/files/:applicationID/close":    "S F F F F F F A F",
        "GET /unit-appointments":                              "S F F A F F F F F",
        "POST /unit-appointments":                             "S F F A F F F F F",
        "GET /unit-appointments/:appointmentID/form.pdf":      "S F F A F A F F A",
        "GET /messages":                                       "S A A A A A A A A",
        "POST /api/v1/eligibility/check":                      "A A A A A A A A A",
        "GET /api/v1/calendar/working-days":                   "A A A A A A A A A",
        "GET /api/v1/calendar/latest-start":                   "A A A A A A A A A",
        "POST /api/v1/session":                                "A A A A A A A A A",
        "DELETE /api/v1/session":                              "S A A A A A A A A",
        "GET /api/v1/me":                                      "S A A A A A A A A",
        "GET /api/v1/organisations":                           "S A F A A A F F A",
        "GET /api/v1/organisations/:organisationID":           "S F F A A A F F A",
        "PATCH /api/v1/organisations/:organisationID":         "S F F A F F F F A",
        "GET /api/v1/users/:userID":                           "S A A A A A A A A",
        "POST /api/v1/accounts":                               "A A A A A A A A A",
        "GET /api/v1/applications":                            "S A F A A A F F A",
        "POST /api/v1/applications":                           "S A F F F F F F F",
        "GET /api/v1/applications/:applicationID":             "S A F A A A A A A",
        "PUT /api/v1/applications/:applicationID/steps/:step": "S A F F F F F F F",
        "POST /api/v1/applications/:applicationID/transitions": "S A F A A A F A F",
        "POST /api/v1/applications/:applicationID/uploads":    "S A F A F F F F F",
        "GET /api/v1/applications/:applicationID/form.pdf":    "S A F A A A A A A",
        "POST /api/v1/applications/:applicationID/publicity":  "S F F A F F F F F",
        "POST /api/v1/applications/:applicationID/publicity/outcome": "S F F A F F F F F",
        "GET /api/v1/messages":                                "S A A A A A A A A",
        "POST /api/v1/paper-receipts":                         "S F F F F A F F F",
        "GET /api/v1/applications/:applicationID/acceptance-checklist": "S F F F F A F F F",
        "GET /api/v1/appointments":                            "S F F A F A F F A",
        "POST /api/v1/appointments":                           "S F F A F F F F F",
        "GET /api/v1/appointments/:appointmentID/form.pdf":    "S F F A F A F F A",
        "GET /api/v1/catalogue":                               "A A A A A A A A A",
        "GET /api/v1/verifications":                           "S A A F F A F F A",
        "POST /api/v1/verifications":                          "S A F F F F F F F",
        "GET /api/v1/verifications/:verificationID":           "S A A F F A F F A",
        "POST /api/v1/verifications/:verificationID/decision": "S F A F F F F F F",
    ]

    static func answer(_ letter: Substring) -> Audience.Answer? {
        switch letter {
        case "A": .admitted
        case "S": .signInRequired
        case "F": .forbidden
        default: nil
        }
    }

    /// The reviewed answers of `url`: anonymous first, then each role.
    static func expected(for url: SiteURL) -> [Audience.Answer]? {
        guard let row = reviewed["\(url.method.rawValue) \(url.path)"] else { return nil }
        let answers = row.split(separator: " ").compactMap(answer)
        return answers.count == Role.allCases.count + 1 ? answers : nil
    }

    @Test("The policy gives each route exactly the reviewed answers, and the table has no row for a route that is gone")
    func policyMatchesTheTable() throws {
        #expect(Role.allCases == [.applicant, .verifier, .employer, .supervisor, .bureau, .expert, .secretary, .admin],
                "the table's columns follow Role.allCases")
        let unit = UUID()
        for url in SiteURL.allCases {
            let expected = try #require(Self.expected(for: url), "no reviewed row (or a malformed one) for \(url.method.rawValue) \(url.path)")
            let audience = try #require(RoutePolicy.audience(for: url))
            var given = [audience.answer(for: nil)]
            for role in Role.allCases { given.append(audience.answer(for: Actor(userID: UUID(), roles: [role], organisationID: unit))) }
            #expect(given == expected, "\(url.method.rawValue) \(url.path)")
        }
        let routes = Set(SiteURL.allCases.map { "\($0.method.rawValue) \($0.path)" })
        #expect(Set(Self.reviewed.keys).subtracting(routes).isEmpty, "rows for routes that no longer exist")
    }

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
            // Ending the others ends the caller's API token; the API's sign-out comes before it.
            let ending: [SiteURL] = [.apiSessionDelete, .accountSessionsEndOthers, .signOut]
            let urls = SiteURL.allCases.filter { !ending.contains($0) } + ending
            var checked = 0
            for url in urls {
                let answers = try #require(Self.expected(for: url), "\(url) has no reviewed row")
                for (column, caller) in callers.enumerated() {
                    let path = url.path(parameters: url.parameterNames.map { name in
                        switch name {
                        case "organisationID": (caller.organisationID ?? someUnit).uuidString
                        case "userID": (caller.userID ?? someUser).uuidString
                        default: "x"
                        }
                    })
                    let expected = answers[column]
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
            // A crash is never an answer: not "allowed", not anything.
            #expect(res.status.code < 500, "\(where_): \(res.status)")
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
