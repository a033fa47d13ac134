import TitleBridgeCore
import Vapor

/// The signed-in user of a request, with the session it came through.
struct Principal: Sendable {
    let userID: UUID
    let username: String
    let displayName: String
    let roles: Set<Role>
    let organisationID: UUID?
    let sessionID: UUID
    let sessionKind: UserSessionRecord.Kind
    let csrfToken: String
    /// Messages not yet read (pages show the count in the layout).
    let unreadMessages: Int

    var actor: Actor { Actor(userID: userID, roles: roles, organisationID: organisationID) }

    /// The role the audit log names: the most specific one the user holds.
    var auditActor: AuditActor {
        let role = Role.allCases.first(where: roles.contains)?.rawValue ?? "none"
        return AuditActor(id: userID, name: username, role: role)
    }

    /// The audit log's name for an act done in one particular role: an account holding
    /// several roles (an employer's staff member who also applies) is named in the role it
    /// used, not in the first one it holds.
    func auditActor(as role: Role) -> AuditActor {
        AuditActor(id: userID, name: username, role: role.rawValue)
    }
}

extension Request {
    private struct PrincipalKey: StorageKey {
        typealias Value = Principal
    }

    /// Set by `SessionAuthenticator` when the request carries a valid session.
    var principal: Principal? {
        get { storage[PrincipalKey.self] }
        set { storage[PrincipalKey.self] = newValue }
    }

    /// The signed-in user; routes reach here only after `RouteGuard` admitted them.
    func requirePrincipal() throws -> Principal {
        guard let principal else { throw Abort(.unauthorized) }
        return principal
    }

    /// Who the audit log names for this request.
    var auditActor: AuditActor { principal?.auditActor ?? .anonymous }
}
