import Fluent
import Foundation
import TitleBridgeCore

/// 申报公示 — the unit publicity of a file: when it started, when it ends (from the working-day
/// calendar), where it was posted, the evidence the employer uploaded, and how it ended.
final class PublicityRecord: Model, @unchecked Sendable {
    static let schema = "unit_publicities"

    @ID(key: .id) var id: UUID?
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "starts_on") var startsOn: String
    @Field(key: "ends_on") var endsOn: String
    @Field(key: "place") var place: String
    @Field(key: "evidence_file_id") var evidenceFileID: UUID
    @Field(key: "recorded_by") var recordedBy: UUID
    @Field(key: "recorded_at") var recordedAt: Date
    /// 公示结果, once the employer recorded it (`PublicityOutcome` as JSON).
    @OptionalField(key: "outcome_json") var outcomeJSON: String?

    init() {}

    /// The recorded outcome; a value that cannot be read counts as none, which keeps the file
    /// from being reported until the employer records it again.
    var outcome: PublicityOutcome? {
        outcomeJSON.flatMap { try? JSONDecoder().decode(PublicityOutcome.self, from: Data($0.utf8)) }
    }

    var startDay: LocalDate? { LocalDate(iso: startsOn) }
    var endDay: LocalDate? { LocalDate(iso: endsOn) }
}
