import Fluent
import Foundation

/// 评议组 — an expert sitting on a session's panel.
final class PanelSeatRecord: Model, @unchecked Sendable {
    static let schema = "interview_panel"

    @ID(key: .id) var id: UUID?
    @Field(key: "session_id") var sessionID: UUID
    @Field(key: "expert_id") var expertID: UUID

    init() {}

    init(session: UUID, expert: UUID) {
        sessionID = session
        expertID = expert
    }
}
