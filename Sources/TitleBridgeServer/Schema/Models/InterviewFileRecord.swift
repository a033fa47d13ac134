import Fluent
import Foundation

/// A file heard at a session: when it was scheduled, and when the secretary recorded that its
/// interview took place (after which the panel's opinions and ballots are open).
final class InterviewFileRecord: Model, @unchecked Sendable {
    static let schema = "interview_files"

    @ID(key: .id) var id: UUID?
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "session_id") var sessionID: UUID
    @Field(key: "scheduled_by") var scheduledBy: UUID
    @Field(key: "scheduled_at") var scheduledAt: Date
    @OptionalField(key: "held_at") var heldAt: Date?

    init() {}
}
