import Fluent
import SQLKit
import TitleBridgeCore
import Vapor

/// Sessions in the database: created at sign-in, found by the token's digest, ended at
/// sign-out, at the end of their lifetime, or after `sessionIdleMinutes` unused.
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
        session.lastSeenAt = now
        try await session.create(on: database)
        return (token, session)
    }

    /// The signed-in person a token belongs to, or nil: the session with its account in one
    /// query (with the unread count a page shows), the roles in a second, read as columns rather
    /// than models — this runs before every signed-in request.
    static func principal(token: String, kind: UserSessionRecord.Kind, on database: any Database,
                          clock: any WallClock, idleMinutes: Int) async throws -> Principal? {
        guard !token.isEmpty, token.count < 200, let sql = database as? any SQLDatabase else { return nil }
        // The API asks for messages when it wants them; pages show the count on every one.
        let unread: SQLQueryString = kind == .web
            ? "(SELECT COUNT(*) FROM messages m WHERE m.user_id = u.id AND m.read_at IS NULL)" : "0"
        let query: SQLQueryString = """
            SELECT s.id AS session_id, s.kind, s.csrf_token, s.expires_at, COALESCE(s.last_seen_at, s.created_at) AS last_seen,
                   u.id AS user_id, u.username, u.display_name,
                   u.organisation_id, u.is_disabled, \(unread) AS unread
            FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = \(bind: SecureToken.sha256Hex(token))
            """
        guard let row = try await sql.raw(query).first(),
              try row.decode(column: "kind", as: String.self) == kind.rawValue else { return nil }
        let sessionID = try row.decode(column: "session_id", as: UUID.self)
        let now = clock.now(), lastSeen = try row.decode(column: "last_seen", as: Date.self)
        guard try row.decode(column: "expires_at", as: Date.self) > now, now.timeIntervalSince(lastSeen) <= Double(idleMinutes) * 60 else {
            try await UserSessionRecord.query(on: database).filter(\.$id == sessionID).delete()
            return nil
        }
        // Written at most once a minute: a page and its scripts would otherwise each write.
        if now.timeIntervalSince(lastSeen) > 60 {
            try await sql.raw("UPDATE sessions SET last_seen_at = \(bind: now) WHERE id = \(bind: sessionID)").run()
        }
        guard try !row.decode(column: "is_disabled", as: Bool.self) else { return nil }
        let userID = try row.decode(column: "user_id", as: UUID.self)
        let roles = try await sql.select().column("role").from(UserRoleRecord.schema).where("user_id", .equal, userID).all()
            .compactMap { Role(rawValue: try $0.decode(column: "role", as: String.self)) }
        return Principal(userID: userID, username: try row.decode(column: "username", as: String.self),
                         displayName: try row.decode(column: "display_name", as: String.self), roles: Set(roles),
                         organisationID: try row.decode(column: "organisation_id", as: UUID?.self), sessionID: sessionID,
                         sessionKind: kind, csrfToken: try row.decode(column: "csrf_token", as: String.self),
                         unreadMessages: try row.decode(column: "unread", as: Int.self))
    }

    /// Replaces any session the browser had (no fixation) with a new one.
    static func startWebSession(for user: UserRecord, request: Request, response: Response) async throws {
        if let old = request.principal {
            try await UserSessionRecord.query(on: request.db).filter(\.$id == old.sessionID).delete()
        }
        let (token, _) = try await SessionStore.open(for: user, kind: .web, on: request.db, clock: request.domain.clock,
                                                     settings: request.security.settings)
        response.cookies[request.security.settings.cookieName(SessionStore.cookieName)] = SessionStore.cookie(token: token, settings: request.security.settings)
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
/// A request without one goes straight on; only a signed-in one waits for the database.
struct SessionAuthenticator: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let kind: UserSessionRecord.Kind = request.url.path.hasPrefix("/api/") ? .api : .web
        let token = kind == .api ? request.headers.bearerAuthorization?.token : request.cookies[request.security.settings.cookieName(SessionStore.cookieName)]?.string
        guard let token, !token.isEmpty else { return next.respond(to: request) }
        return request.eventLoop.makeFutureWithTask {
            request.principal = try await SessionStore.principal(token: token, kind: kind, on: request.db, clock: request.domain.clock,
                                                                 idleMinutes: request.security.settings.sessionIdleMinutes)
        }.flatMap { next.respond(to: request) }
    }
}
