import Fluent
import TitleBridgeCore
import Vapor

/// 系统管理: organisations and accounts, and the roles accounts hold.
struct AdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.adminOrganisations, use: organisations)
        routes.on(.adminOrganisationCreate, use: createOrganisation)
        routes.on(.adminUsers, use: users)
        routes.on(.adminUserCreate, use: createUser)
        routes.on(.adminUserRoles, use: setRoles)
    }

    /// The organisation form as a browser sends it (empty fields as empty strings).
    struct OrganisationForm: Content {
        var kind: String?
        var nameZh: String?
        var nameEn: String?
        var creditCode: String?
        var supervisingID: String?
        var field: String?
    }

    struct UserForm: Content {
        var username: String?
        var displayName: String?
        var password: String?
        var roles: [String]?
        var organisationID: String?
        var idKind: String?
        var idNumber: String?
        var phone: String?
    }

    struct RolesForm: Content {
        var roles: [String]?
        var reason: String?
    }

    @Sendable
    func organisations(_ request: Request) async throws -> View {
        try await renderOrganisations(request, problem: nil, form: nil)
    }

    @Sendable
    func createOrganisation(_ request: Request) async throws -> Response {
        let form = try request.content.decode(OrganisationForm.self)
        do {
            guard let kind = form.kind.flatMap(OrganisationKind.init(rawValue:)) else {
                throw APIProblem.badInput(code: "kind_required", field: "kind", LocalizedText(zh: "请选择单位类型。", en: "Choose the kind of organisation."))
            }
            let input = NewOrganisation(kind: kind, nameZh: form.nameZh ?? "", nameEn: form.nameEn ?? "",
                                        creditCode: form.creditCode.nonEmpty, supervisingID: form.supervisingID.nonEmpty.flatMap { UUID(uuidString: $0) },
                                        field: form.field.nonEmpty)
            _ = try await AccountDirectory(request: request).createOrganisation(input, by: request.auditActor)
            return request.redirect(to: SiteURL.adminOrganisations.path, redirectType: .normal)
        } catch let problem as APIProblem {
            return try await refused(request, problem, try await renderOrganisations(request, problem: problem, form: form))
        }
    }

    @Sendable
    func users(_ request: Request) async throws -> View {
        try await renderUsers(request, problem: nil, form: nil)
    }

    @Sendable
    func createUser(_ request: Request) async throws -> Response {
        let form = try request.content.decode(UserForm.self)
        do {
            let input = NewAccount(username: form.username ?? "", displayName: form.displayName ?? "", password: form.password,
                                   roles: (form.roles ?? []).compactMap(Role.init(rawValue:)),
                                   organisationID: form.organisationID.nonEmpty.flatMap { UUID(uuidString: $0) },
                                   idKind: form.idKind.nonEmpty.flatMap(IdentityDocumentKind.init(rawValue:)),
                                   idNumber: form.idNumber, phone: form.phone)
            _ = try await AccountDirectory(request: request).createAccount(input, by: request.auditActor)
            return request.redirect(to: SiteURL.adminUsers.path, redirectType: .normal)
        } catch let problem as APIProblem {
            return try await refused(request, problem, try await renderUsers(request, problem: problem, form: form))
        }
    }

    @Sendable
    func setRoles(_ request: Request) async throws -> Response {
        guard let id = request.parameters.get("userID", as: UUID.self),
              let user = try await UserRecord.find(id, on: request.db) else { throw Abort(.notFound) }
        let form = try request.content.decode(RolesForm.self)
        let roles = Set((form.roles ?? []).compactMap(Role.init(rawValue:)))
        let principal = try request.requirePrincipal()
        if id == principal.userID, !roles.contains(.admin) {
            let problem = APIProblem(status: .conflict, code: "own_admin_role", message: LocalizedText(
                zh: "不能取消自己的管理员角色。", en: "You cannot remove your own administrator role."), field: "roles")
            return try await refused(request, problem, try await renderUsers(request, problem: problem, form: nil))
        }
        try await AccountDirectory(request: request).setRoles(of: user, to: roles, by: principal.auditActor, reason: form.reason)
        return request.redirect(to: SiteURL.adminUsers.path, redirectType: .normal)
    }

    private func refused(_ request: Request, _ problem: APIProblem, _ view: View) async throws -> Response {
        let response = try await view.encodeResponse(for: request)
        response.status = problem.status
        return response
    }

    private func renderOrganisations(_ request: Request, problem: APIProblem?, form: OrganisationForm?) async throws -> View {
        let all = try await OrganisationRecord.query(on: request.db).sort(\.$kind).sort(\.$nameZh).all()
        return try await request.view.render("admin/organisations", AdminOrganisationsPage(
            request: request, organisations: all, problem: problem?.message.text(in: request.language),
            kind: form?.kind, nameZh: form?.nameZh, nameEn: form?.nameEn, creditCode: form?.creditCode))
    }

    private func renderUsers(_ request: Request, problem: APIProblem?, form: UserForm?) async throws -> View {
        let users = try await UserRecord.query(on: request.db).sort(\.$username).all()
        let roles = try await UserRoleRecord.query(on: request.db).all()
        let organisations = try await OrganisationRecord.query(on: request.db).sort(\.$nameZh).all()
        return try await request.view.render("admin/users", AdminUsersPage(
            request: request, users: users, roles: roles, organisations: organisations,
            problem: problem?.message.text(in: request.language), username: form?.username, displayName: form?.displayName))
    }
}

extension Optional where Wrapped == String {
    /// nil for a missing or blank form field.
    var nonEmpty: String? {
        guard let value = self?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }
}
