import Fluent
import Foundation
import TitleBridgeCore

/// 受理 — an accepted file's number, and when its printed files reached the bureau.
final class AcceptanceRecord: Model, @unchecked Sendable {
    static let schema = "acceptances"

    @ID(key: .id) var id: UUID?
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "batch_id") var batchID: String
    /// 受理号, e.g. `2024B2-IT-0042`.
    @Field(key: "number") var number: String
    @Field(key: "accepted_at") var acceptedAt: Date
    @Field(key: "accepted_by") var acceptedBy: UUID
    @OptionalField(key: "paper_received_at") var paperReceivedAt: Date?
    @OptionalField(key: "paper_received_by") var paperReceivedBy: UUID?

    init() {}
}
