import Fluent
import TitleBridgeCore
import Vapor

/// 一网通办 sign-in: OpenID Connect authorisation code flow with PKCE. The state is bound to
/// the browser by a cookie and used once; the nonce and the code verifier stay in the
/// database, so any app instance can finish a sign-in another one started.
struct OpenIDController: RouteCollection {
    static let stateCookie = "tb_oidc"
    /// How long a started sign-in may take at the provider.
    static let lifetime: TimeInterval = 600

    func boot(routes: any RoutesBuilder) throws {
        routes.on(.openIDStart, use: start)
        routes.on(.openIDCallback, use: callback)
    }

    @Sendable
    func start(_ request: Request) async throws -> Response {
        guard let openID = request.security.openID else { throw Abort(.notFound) }
        let state = SecureToken.make(), nonce = SecureToken.make(), verifier = SecureToken.make()
        try await OIDCRequestRecord(state: state, nonce: nonce, codeVerifier: verifier, createdAt: request.domain.clock.now())
            .create(on: request.db)
        let url = try await openID.authorizationURL(state: state, nonce: nonce, codeVerifier: verifier, client: request.client)
        let response = request.redirect(to: url, redirectType: .normal)
        response.cookies[Self.stateCookie] = HTTPCookies.Value(
            string: state, maxAge: Int(Self.lifetime), path: SiteURL.openIDCallback.path,
            isSecure: request.security.settings.usesTLS, isHTTPOnly: true, sameSite: .lax)
        return response
    }

    @Sendable
    func callback(_ request: Request) async throws -> Response {
        guard let openID = request.security.openID else { throw Abort(.notFound) }
        do {
            let user = try await finish(request, openID: openID)
            let response = request.redirect(to: try await LandingPage.path(for: user, on: request), redirectType: .normal)
            try await SessionStore.startWebSession(for: user, request: request, response: response)
            response.cookies[Self.stateCookie] = HTTPCookies.Value(string: "", maxAge: 0, path: SiteURL.openIDCallback.path,
                                                                   isHTTPOnly: true, sameSite: .lax)
            return response
        } catch {
            request.logger.notice("OpenID sign-in refused", metadata: ["reason": .string("\(error)")])
            try await AuditLog.record([AuditEntry(actor: .anonymous, action: "signIn.failed", recordType: "user",
                                                  recordID: "openid", reason: "\(error)")],
                                      on: request.db, gate: request.security.auditGate, clock: request.domain.clock)
            let message = LocalizedText(zh: "“一网通办”登录未能完成，请重新登录。如多次失败，请致电咨询。",
                                        en: "Signing in through the unified login did not complete. Please try again, or call us if it keeps failing.")
            let page = SignInPage(request: request, username: "", next: nil, problem: message.text(in: request.language))
            let response = try await request.view.render("account/sign-in", page).encodeResponse(for: request)
            response.status = .unauthorized
            return response
        }
    }

    private func finish(_ request: Request, openID: OpenIDClient) async throws -> UserRecord {
        if let error = try? request.query.get(String.self, at: "error") {
            throw OpenIDError.flow("the provider answered \(error.prefix(64))")
        }
        guard let state = try? request.query.get(String.self, at: "state"),
              let code = try? request.query.get(String.self, at: "code") else { throw OpenIDError.flow("code or state missing") }
        guard let cookie = request.cookies[Self.stateCookie]?.string, SecureToken.equal(cookie, state) else {
            throw OpenIDError.flow("the state does not belong to this browser")
        }
        guard let pending = try await OIDCRequestRecord.find(state, on: request.db) else {
            throw OpenIDError.flow("unknown or already used state")
        }
        try await pending.delete(on: request.db)
        let now = request.domain.clock.now()
        guard now.timeIntervalSince(pending.createdAt) < Self.lifetime else { throw OpenIDError.flow("the sign-in took too long") }
        let claims = try await openID.redeem(code: code, codeVerifier: pending.codeVerifier, nonce: pending.nonce, now: now,
                                             client: request.client)
        if let user = try await UserRecord.query(on: request.db)
            .filter(\.$oidcIssuer == claims.iss).filter(\.$oidcSubject == claims.sub).first() {
            guard !user.isDisabled else { throw OpenIDError.flow("the account is disabled") }
            try await AuditLog.record([AuditEntry(actor: AuditActor(id: user.id, name: user.username, role: "anonymous"),
                                                  action: "signIn.succeeded", recordType: "user",
                                                  recordID: try user.requireID().uuidString, reason: "openid")],
                                      on: request.db, gate: request.security.auditGate, clock: request.domain.clock)
            return user
        }
        // First sign-in through 一网通办: an applicant account of its own, tied to the subject.
        let username = "ywtb-" + SecureToken.sha256Hex(claims.iss + "|" + claims.sub).prefix(12)
        let name = claims.name?.trimmingCharacters(in: .whitespacesAndNewlines)
        let account = NewAccount(username: String(username), displayName: (name?.isEmpty == false ? name : nil) ?? "一网通办用户",
                                 password: nil, roles: [.applicant], organisationID: nil, idKind: nil, idNumber: nil, phone: nil,
                                 oidcIssuer: claims.iss, oidcSubject: claims.sub)
        return try await AccountDirectory(request: request).createAccount(account, by: .system("openid"))
    }
}
