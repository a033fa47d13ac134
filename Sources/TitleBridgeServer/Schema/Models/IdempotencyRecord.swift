import Fluent
import Foundation
import TitleBridgeCore
import Vapor

/// A request that must take effect once: the first answer is kept under the client's key and
/// given again to a retry (a double click, a resent request).
final class IdempotencyRecord: Model, @unchecked Sendable {
    static let schema = "idempotency_keys"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "key") var key: String
    /// What the key was used for (`transition:<application>:<event>`); the same key elsewhere is refused.
    @Field(key: "scope") var scope: String
    @Field(key: "result") var result: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
