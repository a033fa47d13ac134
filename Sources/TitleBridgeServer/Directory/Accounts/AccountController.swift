import Fluent
import TitleBridgeCore
import Vapor

/// 我的账户 and the API's view of accounts.
struct AccountController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.account, use: page)
        routes.on(.apiMe, use: me)
        routes.on(.apiUser, use: user)
    }

    @Sendable
    func page(_ request: Request) async throws -> View {
        let view = try await ownView(request)
        return try await request.view.render("account/account", AccountPage(request: request, account: view))
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
