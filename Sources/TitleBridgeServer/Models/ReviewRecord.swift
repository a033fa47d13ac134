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
    }

    var detail: Detail? {
        detailJSON.flatMap { try? JSONDecoder().decode(Detail.self, from: Data($0.utf8)) }
    }

    static func encode(_ detail: Detail?) throws -> String? {
        guard let detail else { return nil }
        return String(decoding: try JSONEncoder.sorted.encode(detail), as: UTF8.self)
    }
}

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

/// 专业技术职务聘任 — a junior title a unit conferred by appointment: the title held from then on.
final class AppointmentRecord: Model, @unchecked Sendable {
    static let schema = "title_appointments"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    /// 聘任编号, e.g. `PR2024-000001`.
    @Field(key: "number") var number: String
    @Field(key: "person_name") var personName: String
    @Field(key: "title_series") var titleSeries: String
    @Field(key: "title_level") var titleLevel: String
    @Field(key: "appointed_on") var appointedOn: String
    @Field(key: "content_json") var contentJSON: String
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var content: JuniorAppointment? {
        try? JSONDecoder().decode(JuniorAppointment.self, from: Data(contentJSON.utf8))
    }

    var title: ApplicantProfile.Title? {
        guard let series = TitleSeries(rawValue: titleSeries), let level = TitleLevel(rawValue: titleLevel) else { return nil }
        return ApplicantProfile.Title(series: series, level: level)
    }
}
