import Fluent
import Foundation

/// "Has voted": an expert cast a ballot on a file. It says nothing of the choice, which is in
/// the ballot table with no voter; and nothing of when, so the two cannot be matched by time.
final class VoteParticipationRecord: Model, @unchecked Sendable {
    static let schema = "vote_participation"

    @ID(key: .id) var id: UUID?
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "expert_id") var expertID: UUID

    init() {}
}
