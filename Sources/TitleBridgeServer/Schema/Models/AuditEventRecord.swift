import Fluent
import Foundation

/// 审计日志 — one state change. Each row carries the hash of the row before it, so an edit
/// anywhere breaks the chain from that row on.
final class AuditEventRecord: Model, @unchecked Sendable {
    static let schema = "audit_events"

    @ID(custom: "seq", generatedBy: .database) var id: Int?
    /// ISO 8601 with milliseconds, kept as text so the hash input reads back byte for byte.
    @Field(key: "at") var at: String
    @OptionalField(key: "actor_id") var actorID: String?
    @Field(key: "actor_name") var actorName: String
    @Field(key: "actor_role") var actorRole: String
    @Field(key: "action") var action: String
    @Field(key: "record_type") var recordType: String
    @Field(key: "record_id") var recordID: String
    @OptionalField(key: "before_digest") var beforeDigest: String?
    @OptionalField(key: "after_digest") var afterDigest: String?
    @OptionalField(key: "reason") var reason: String?
    @Field(key: "prev_hash") var prevHash: String
    @Field(key: "hash") var hash: String

    init() {}
}
