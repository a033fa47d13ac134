import Fluent
import TitleBridgeCore
import Vapor

/// Sessions in the database: created at sign-in, found by the token's digest, ended at
/// sign-out or expiry.
enum SessionStore {
    static let cookieName = "tb_session"

    /// Creates a session and returns the token the client keeps.
    static func open(for user: UserRecord, kind: UserSessionRecord.Kind, on database: any Database,
                     clock: any WallClock, settings: SecuritySettings) async throws -> (token: String, session: UserSessionRecord) {
        let token = SecureToken.make()
        let now = clock.now()
        let session = UserSessionRecord(tokenHash: SecureToken.sha256Hex(token), userID: try user.requireID(), kind: kind,
                                        csrfToken: SecureToken.make(), createdAt: now,
                                        expiresAt: now.addingTimeInterval(Double(settings.sessionHours) * 3600))
        try await session.create(on: database)
        return (token, session)
    }

    /// The live session and user a token belongs to, or nil.
    static func find(token: String, kind: UserSessionRecord.Kind, on database: any Database,
                     clock: any WallClock) async throws -> (UserSessionRecord, UserRecord, Set<Role>)? {
        guard !token.isEmpty, token.count < 200,
              let session = try await UserSessionRecord.query(on: database)
                .filter(\.$tokenHash == SecureToken.sha256Hex(token)).first(),
              session.kind == kind.rawValue else { return nil }
        guard session.expiresAt > clock.now() else {
            try await session.delete(on: database)
            return nil
        }
        guard let user = try await UserRecord.find(session.userID, on: database), !user.isDisabled else { return nil }
        let roles = try await UserRoleRecord.query(on: database).filter(\.$userID == session.userID).all()
            .compactMap { Role(rawValue: $0.role) }
        return (session, user, Set(roles))
    }

    /// Replaces any session the browser had (no fixation) with a new one.
    static func startWebSession(for user: UserRecord, request: Request, response: Response) async throws {
        if let old = request.principal {
            try await UserSessionRecord.query(on: request.db).filter(\.$id == old.sessionID).delete()
        }
        let (token, _) = try await SessionStore.open(for: user, kind: .web, on: request.db, clock: request.domain.clock,
                                                     settings: request.security.settings)
        response.cookies[SessionStore.cookieName] = SessionStore.cookie(token: token, settings: request.security.settings)
    }

    static func cookie(token: String, settings: SecuritySettings) -> HTTPCookies.Value {
        HTTPCookies.Value(string: token, maxAge: settings.sessionHours * 3600, path: "/",
                          isSecure: settings.usesTLS, isHTTPOnly: true, sameSite: .lax)
    }

    static func expiredCookie(settings: SecuritySettings) -> HTTPCookies.Value {
        HTTPCookies.Value(string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/",
                          isSecure: settings.usesTLS, isHTTPOnly: true, sameSite: .lax)
    }
}

/// Finds the session of each request: the `tb_session` cookie for pages, a bearer token for
/// the API (the API never accepts the cookie, so a page cannot be turned into an API call).
struct SessionAuthenticator: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let isAPI = request.url.path.hasPrefix("/api/")
        let token = isAPI ? request.headers.bearerAuthorization?.token : request.cookies[SessionStore.cookieName]?.string
        if let token, let (session, user, roles) = try await SessionStore.find(
            token: token, kind: isAPI ? .api : .web, on: request.db, clock: request.domain.clock) {
            let userID = try user.requireID()
            // Pages show the unread count; the API asks for messages when it wants them.
            let unread = isAPI ? 0 : try await MessageRecord.query(on: request.db).filter(\.$userID == userID)
                .filter(\.$readAt == nil).count()
            request.principal = Principal(
                userID: userID, username: user.username, displayName: user.displayName, roles: roles,
                organisationID: user.organisationID, sessionID: try session.requireID(),
                sessionKind: isAPI ? .api : .web, csrfToken: session.csrfToken, unreadMessages: unread)
        }
        return try await next.respond(to: request)
    }
}
