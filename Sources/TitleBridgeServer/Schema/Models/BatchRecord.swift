import Fluent
import Foundation

/// 批次 — one batch the system knows, with the policy it runs under (as JSON, the file's
/// content at the time it was seeded) and whether it is the current one.
final class BatchRecord: Model, @unchecked Sendable {
    static let schema = "batches"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "name_zh") var nameZh: String
    @Field(key: "name_en") var nameEn: String
    @Field(key: "notice_document") var noticeDocument: String
    @Field(key: "policy_json") var policyJSON: String
    @Field(key: "is_current") var isCurrent: Bool
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
