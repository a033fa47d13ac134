import Fluent
import Foundation
import TitleBridgeCore

/// The closed vote on one file: the final tally and the committee's 考核认定意见. One per file;
/// once written the vote takes no ballot and cannot be reopened.
final class VoteClosureRecord: Model, @unchecked Sendable {
    static let schema = "vote_closures"

    @ID(key: .id) var id: UUID?
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "outcome") var outcome: String
    @Field(key: "committee_size") var committeeSize: Int
    @Field(key: "present") var present: Int
    @Field(key: "agree") var agree: Int
    @Field(key: "disagree") var disagree: Int
    @Field(key: "abstain") var abstain: Int
    @Field(key: "committee_opinion") var committeeOpinion: String
    @Field(key: "closed_by") var closedBy: UUID
    @Field(key: "closed_at") var closedAt: Date

    init() {}

    func tally(rules: VotingRules) throws -> CommitteeTally {
        try CommitteeTally(committeeSize: committeeSize, present: present, agree: agree, disagree: disagree, abstain: abstain, rules: rules)
    }
}
