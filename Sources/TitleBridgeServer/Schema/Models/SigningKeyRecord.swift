import Fluent
import Foundation

/// The public half of a certificate signing key (Multikey), named in the issuer's controller
/// document for as long as the system runs: a retired key signs nothing new, and what it
/// signed keeps verifying. The private half stays in the data folder (`SigningKeys`).
final class SigningKeyRecord: Model, @unchecked Sendable {
    static let schema = "signing_keys"

    @ID(key: .id) var id: UUID?
    @Field(key: "key_id") var keyID: String
    @Field(key: "public_multibase") var publicMultibase: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "retired_at") var retiredAt: Date?

    init() {}
}
