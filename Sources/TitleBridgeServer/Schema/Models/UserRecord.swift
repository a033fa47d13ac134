import Fluent
import Foundation
import TitleBridgeCore

/// 用户 — an account. ID and phone numbers are stored sealed (AES-GCM), never in plain text.
final class UserRecord: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "username") var username: String
    @Field(key: "display_name") var displayName: String
    /// bcrypt; nil for an account that signs in only through 一网通办.
    @OptionalField(key: "password_hash") var passwordHash: String?
    @OptionalField(key: "organisation_id") var organisationID: UUID?
    @OptionalField(key: "id_kind") var idKind: String?
    @OptionalField(key: "id_number_sealed") var idNumberSealed: String?
    @OptionalField(key: "phone_sealed") var phoneSealed: String?
    @OptionalField(key: "oidc_issuer") var oidcIssuer: String?
    @OptionalField(key: "oidc_subject") var oidcSubject: String?
    @Field(key: "failed_sign_ins") var failedSignIns: Int
    @OptionalField(key: "locked_until") var lockedUntil: Date?
    @Field(key: "is_disabled") var isDisabled: Bool
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(username: String, displayName: String, passwordHash: String?, organisationID: UUID?, createdAt: Date) {
        self.username = username
        self.displayName = displayName
        self.passwordHash = passwordHash
        self.organisationID = organisationID
        self.failedSignIns = 0
        self.isDisabled = false
        self.createdAt = createdAt
    }
}
