import Fluent
import Foundation
import TitleBridgeCore

/// An expert's 考核认定意见 on one file (`ExpertOpinion`), which the expert may revise until
/// the vote on the file is closed.
final class OpinionRecord: Model, @unchecked Sendable {
    static let schema = "expert_opinions"

    @ID(key: .id) var id: UUID?
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "expert_id") var expertID: UUID
    @Field(key: "opinion_json") var opinionJSON: String
    @Field(key: "written_at") var writtenAt: Date

    init() {}

    var opinion: ExpertOpinion? { try? JSONDecoder().decode(ExpertOpinion.self, from: Data(opinionJSON.utf8)) }
}
