import Fluent
import Foundation
import TitleBridgeCore

/// 办理记录 — one stage change of a file as the people on it see it: who, when, from where to
/// where, the reason of a return or refusal and the structured opinion of an approval. Kept
/// for good, so the history of returns stays visible after the file moves on.
final class ReviewRecord: Model, @unchecked Sendable {
    static let schema = "application_reviews"

    @ID(key: .id) var id: UUID?
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "event") var event: String
    @Field(key: "from_stage") var fromStage: String
    @Field(key: "to_stage") var toStage: String
    /// nil for the system's scheduled jobs.
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "actor_name") var actorName: String
    @OptionalField(key: "reason") var reason: String?
    @OptionalField(key: "detail_json") var detailJSON: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    /// The structured statement an event carried.
    enum Detail: Codable, Equatable {
        case opinion(UnitOpinion)
        case post(PostConfirmation)
        case checklist(AcceptanceDecision)
        case placement(InterviewPlacement)
        case interview(InterviewHeld)
        case decision(CommitteeDecision)
    }

    var detail: Detail? {
        detailJSON.flatMap { try? JSONDecoder().decode(Detail.self, from: Data($0.utf8)) }
    }

    static func encode(_ detail: Detail?) throws -> String? {
        guard let detail else { return nil }
        return String(decoding: try JSONEncoder.sorted.encode(detail), as: UTF8.self)
    }

    /// Who made the change, for a page in `language`: the scheduled jobs (no account) are "the
    /// system" in that language; a person is named as they were then.
    func actor(in language: Language) -> String {
        actorID == nil ? Words<ChromeText>(language)[.system] : actorName
    }
}

extension ReviewRecord.Detail {
    /// What the committee's statements say in the file's history; nil for the others.
    func committeeNote(policy: BatchPolicy) -> LocalizedText? {
        switch self {
        case .placement(let placement):
            LocalizedText(zh: "面谈答辩：" + placement.when.zh, en: "Interview: " + placement.when.en)
        case .interview(let held):
            held.summary
        case .decision(let decision):
            LocalizedText(zh: "考核认定意见：\(decision.opinion)" + ((try? decision.tally(rules: policy.voting).summary.zh) ?? ""),
                          en: "The committee's opinion: \(decision.opinion) " + ((try? decision.tally(rules: policy.voting).summary.en) ?? ""))
        case .opinion, .post, .checklist:
            nil
        }
    }
}
