import Fluent
import TitleBridgeCore
import Vapor

/// 登录 / 退出: the sign-in page and form, sign-out, and the API's bearer-token session.
struct SignInController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.signIn, use: page)
        routes.on(.signInSubmit, use: submit)
        routes.on(.signOut, use: signOut)
        routes.on(.apiSessionCreate, use: apiCreate)
        routes.on(.apiSessionDelete, use: apiDelete)
    }

    struct Form: Content {
        var username: String?
        var password: String?
        var next: String?
    }

    @Sendable
    func page(_ request: Request) async throws -> Response {
        let next = RouteGuard.returnPath(after: try? request.query.get(String.self, at: "next"))
        if request.principal != nil {
            return request.redirect(to: next ?? SiteURL.account.path)
        }
        return try await render(request, SignInPage(request: request, username: "", next: next, problem: nil))
    }

    @Sendable
    func submit(_ request: Request) async throws -> Response {
        let form = try request.content.decode(Form.self)
        let next = RouteGuard.returnPath(after: form.next)
        do {
            let user = try await PasswordSignIn(request: request).verify(username: form.username ?? "", password: form.password ?? "")
            var start = next ?? ""
            if next == nil { start = try await LandingPage.path(for: user, on: request) }
            let response = request.redirect(to: start, redirectType: .normal)
            try await SessionStore.startWebSession(for: user, request: request, response: response)
            return response
        } catch let refusal as PasswordSignIn.Refusal {
            let problem = PasswordSignIn.problem(for: refusal)
            let response = try await render(request, SignInPage(request: request, username: form.username ?? "", next: next,
                                                                problem: problem.message.text(in: request.language)))
            response.status = problem.status
            // A busy refusal says when to try again, on the page as in the API.
            for (name, value) in problem.headers { response.headers.replaceOrAdd(name: name, value: value) }
            return response
        }
    }

    @Sendable
    func signOut(_ request: Request) async throws -> Response {
        try await endSession(request)
        let response = request.redirect(to: SiteURL.home.path, redirectType: .normal)
        response.cookies[request.security.settings.cookieName(SessionStore.cookieName)] = SessionStore.expiredCookie(settings: request.security.settings)
        return response
    }

    private func endSession(_ request: Request) async throws {
        let principal = try request.requirePrincipal()
        let sessionID = principal.sessionID
        try await AuditLog.write(on: request.db, gate: request.security.auditGate, clock: request.domain.clock) { db in
            try await UserSessionRecord.query(on: db).filter(\.$id == sessionID).delete()
            return ((), [AuditEntry(actor: principal.auditActor, action: "signOut", recordType: "user",
                                    recordID: principal.userID.uuidString)])
        }
    }

    private func render(_ request: Request, _ page: SignInPage) async throws -> Response {
        try await request.view.render("account/sign-in", page).encodeResponse(for: request)
    }

    // MARK: API

    struct Credentials: Content {
        var username: String
        var password: String
    }

    struct SessionAnswer: Content {
        let token: String
        let tokenType: String
        let expiresAt: Date
        let user: AccountView
    }

    @Sendable
    func apiCreate(_ request: Request) async throws -> Response {
        let credentials: Credentials
        do {
            credentials = try request.content.decode(Credentials.self)
        } catch let error as DecodingError {
            throw APIProblem.decoding(error)
        }
        do {
            let user = try await PasswordSignIn(request: request).verify(username: credentials.username, password: credentials.password)
            let (token, session) = try await SessionStore.open(for: user, kind: .api, on: request.db,
                                                               clock: request.domain.clock, settings: request.security.settings)
            let directory = AccountDirectory(request: request)
            let roles = try await directory.roles(of: try user.requireID())
            let viewer = Actor(userID: try user.requireID(), roles: roles, organisationID: user.organisationID)
            let view = try await AccountView.make(user, roles: roles, viewer: viewer, request: request)
            let response = try await SessionAnswer(token: token, tokenType: "Bearer", expiresAt: session.expiresAt, user: view)
                .encodeResponse(status: .created, for: request)
            response.headers.cacheControl = HTTPHeaders.CacheControl(noStore: true)
            return response
        } catch let refusal as PasswordSignIn.Refusal {
            throw PasswordSignIn.problem(for: refusal)
        }
    }

    @Sendable
    func apiDelete(_ request: Request) async throws -> HTTPStatus {
        try await endSession(request)
        return .noContent
    }
}
