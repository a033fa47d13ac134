import Fluent
import Foundation
import TitleBridgeCore

/// 回避 — an expert stood aside from one file, on one ground.
final class RecusalRecord: Model, @unchecked Sendable {
    static let schema = "recusals"

    @ID(key: .id) var id: UUID?
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "expert_id") var expertID: UUID
    @Field(key: "ground") var ground: String
    @OptionalField(key: "reason") var reason: String?
    /// Who recorded it: nil when the system did (same employer).
    @OptionalField(key: "recorded_by") var recordedBy: UUID?
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}

    var recusalGround: RecusalGround? { RecusalGround(rawValue: ground) }
}
