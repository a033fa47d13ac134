import TitleBridgeCore
import Vapor

/// A new organisation, from the admin page, the API or the demo seed.
struct NewOrganisation: Content, Sendable {
    var kind: OrganisationKind
    var nameZh: String
    var nameEn: String
    var creditCode: String?
    /// 主管部门, required for a public institution.
    var supervisingID: UUID?
    /// The field an industry authority looks after.
    var field: String?
}

/// A new account, from the admin page, the command line or the demo seed.
struct NewAccount: Content, Sendable {
    var username: String
    var displayName: String
    var password: String?
    var roles: [Role]
    var organisationID: UUID?
    var idKind: IdentityDocumentKind?
    var idNumber: String?
    var phone: String?
    /// The 一网通办 identity the account signs in with, if any.
    var oidcIssuer: String? = nil
    var oidcSubject: String? = nil
}

/// A unit's contact details, the part its employer keeps up to date.
struct UnitContact: Content, Sendable {
    var contactPhone: String?
    var address: String?
}
