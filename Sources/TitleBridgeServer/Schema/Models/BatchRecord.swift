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
    /// `file` (a shipped or installed policy file) or `form` (the administration form).
    @Field(key: "source") var source: String
    @OptionalField(key: "created_by") var createdBy: UUID?
    /// When an administrator chose it as the current batch; the latest choice wins at start-up.
    @OptionalField(key: "chosen_at") var chosenAt: Date?
    /// A closed batch takes no new files; those in it go on to the end.
    @OptionalField(key: "closed_at") var closedAt: Date?
    @OptionalField(key: "closed_by") var closedBy: UUID?

    static let fromFile = "file"
    static let fromForm = "form"

    init() {}
}
