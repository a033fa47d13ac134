import Fluent
import Foundation

/// A refused form on its way back to its page (post/redirect/get): what was sent and what was
/// wrong with it, sealed, for the one browser that sent it. Read once by the page and gone; rows
/// older than `FormRefusals.lifetime` are removed when the next one is kept.
final class FormRefusalRecord: Model, @unchecked Sendable {
    static let schema = "form_refusals"

    @ID(key: .id) var id: UUID?
    /// SHA-256 of the browser's session, or of its CSRF cookie before sign-in.
    @Field(key: "owner_hash") var ownerHash: String
    /// The page that shows the refusal.
    @Field(key: "path") var path: String
    /// `FormRefusal` as JSON, sealed with a key derived from the personal-data key: a form
    /// carries names, ID numbers and telephone numbers.
    @Field(key: "payload_sealed") var payloadSealed: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(id: UUID, ownerHash: String, path: String, payloadSealed: String, createdAt: Date) {
        self.id = id
        self.ownerHash = ownerHash
        self.path = path
        self.payloadSealed = payloadSealed
        self.createdAt = createdAt
    }
}
