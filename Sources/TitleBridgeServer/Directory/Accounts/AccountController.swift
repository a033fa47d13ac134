import Fluent
import TitleBridgeCore
import Vapor

/// 我的账户 and the API's view of accounts.
struct AccountController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.account, use: page)
        routes.on(.accountSessionEnd, use: endSession)
        routes.on(.accountSessionsEndOthers, use: endOtherSessions)
        routes.on(.apiMe, use: me)
        routes.on(.apiUser, use: user)
    }

    @Sendable
    func page(_ request: Request) async throws -> View {
        let view = try await ownView(request)
        let principal = try request.requirePrincipal()
        let sessions = try await UserSessionRecord.query(on: request.db).filter(\.$userID == principal.userID)
            .filter(\.$expiresAt > request.domain.clock.now()).sort(\.$createdAt, .descending).all()
        return try await request.view.render("account/account", AccountPage(request: request, account: view, sessions: sessions))
    }

    /// Ends one of the caller's own sessions (another person's is not found); audited.
    @Sendable
    func endSession(_ request: Request) async throws -> Response {
        let principal = try request.requirePrincipal()
        guard let id = request.parameters.get("sessionID", as: UUID.self) else { throw Abort(.notFound) }
        try await end(request, principal, action: "session.end") { query in query.filter(\.$id == id) }
        return request.redirect(to: SiteURL.account.path + "#sessions", redirectType: .normal)
    }

    /// Ends every session of the caller but the one in use; audited.
    @Sendable
    func endOtherSessions(_ request: Request) async throws -> Response {
        let principal = try request.requirePrincipal()
        try await end(request, principal, action: "session.endOthers") { query in query.filter(\.$id != principal.sessionID) }
        return request.redirect(to: SiteURL.account.path + "#sessions", redirectType: .normal)
    }

    private func end(_ request: Request, _ principal: Principal, action: String,
                     _ which: @escaping @Sendable (QueryBuilder<UserSessionRecord>) -> QueryBuilder<UserSessionRecord>) async throws {
        let userID = principal.userID
        try await AuditLog.write(on: request.db, gate: request.security.auditGate, clock: request.domain.clock) { db in
            let ended = try await which(UserSessionRecord.query(on: db).filter(\.$userID == userID)).all()
            guard !ended.isEmpty else { throw Abort(.notFound) }
            for session in ended { try await session.delete(on: db) }
            return ((), [AuditEntry(actor: principal.auditActor, action: action, recordType: "user", recordID: userID.uuidString,
                                    reason: "\(ended.count) session(s)")])
        }
    }

    @Sendable
    func me(_ request: Request) async throws -> AccountView {
        try await ownView(request)
    }

    /// One account, if the caller may see it; otherwise 404, as if there were none.
    @Sendable
    func user(_ request: Request) async throws -> AccountView {
        let principal = try request.requirePrincipal()
        guard let id = request.parameters.get("userID", as: UUID.self),
              let user = try await UserRecord.find(id, on: request.db) else { throw Abort(.notFound) }
        let directory = AccountDirectory(request: request)
        guard RecordAccess.mayView(account: try await directory.facts(of: user), actor: principal.actor) else {
            throw Abort(.notFound)
        }
        return try await AccountView.make(user, roles: try await directory.roles(of: id), viewer: principal.actor, request: request)
    }

    private func ownView(_ request: Request) async throws -> AccountView {
        let principal = try request.requirePrincipal()
        guard let user = try await UserRecord.find(principal.userID, on: request.db) else { throw Abort(.unauthorized) }
        return try await AccountView.make(user, roles: principal.roles, viewer: principal.actor, request: request)
    }
}
