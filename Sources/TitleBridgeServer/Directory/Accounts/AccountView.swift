import TitleBridgeCore
import Vapor

/// An account as the API shows it: personal numbers whole only to those `RecordAccess`
/// allows, masked for everyone else.
struct AccountView: Content {
    struct Unit: Content {
        let id: UUID
        let kind: OrganisationKind?
        let nameZh: String
        let nameEn: String
    }

    let id: UUID
    let username: String
    let displayName: String
    let roles: [Role]
    let organisation: Unit?
    let idKind: IdentityDocumentKind?
    let idNumber: String?
    let phone: String?
    /// True when `idNumber` and `phone` are masked for this viewer.
    let personalDataMasked: Bool

    static func make(_ user: UserRecord, roles: Set<Role>, viewer: Actor, request: Request) async throws -> AccountView {
        var unit: OrganisationRecord?
        if let organisationID = user.organisationID {
            unit = try await OrganisationRecord.find(organisationID, on: request.db)
        }
        let facts = AccountFacts(userID: try user.requireID(), unit: unit?.facts)
        let whole = RecordAccess.seesWholePersonalData(of: facts, actor: viewer)
        let cipher = request.security.cipher
        let userID = try user.requireID()
        let idNumber = try user.idNumberSealed.map { try cipher.open($0, in: .userIDNumber, row: userID) }
        let phone = try user.phoneSealed.map { try cipher.open($0, in: .userPhone, row: userID) }
        return AccountView(
            id: try user.requireID(), username: user.username, displayName: user.displayName,
            roles: Role.allCases.filter(roles.contains),
            organisation: try unit.map { Unit(id: try $0.requireID(), kind: $0.organisationKind, nameZh: $0.nameZh, nameEn: $0.nameEn) },
            idKind: user.idKind.flatMap(IdentityDocumentKind.init(rawValue:)),
            idNumber: whole ? idNumber : idNumber.map(Masking.identityNumber),
            phone: whole ? phone : phone.map(Masking.phone),
            personalDataMasked: !whole)
    }
}
