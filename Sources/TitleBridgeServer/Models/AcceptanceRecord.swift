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

/// 补正 — the one supplement request of a file: the flagged items and the due day.
final class SupplementRecord: Model, @unchecked Sendable {
    static let schema = "supplement_requests"

    @ID(key: .id) var id: UUID?
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "items_json") var itemsJSON: String
    @Field(key: "due_on") var dueOn: String
    @Field(key: "requested_by") var requestedBy: UUID
    @Field(key: "requested_at") var requestedAt: Date
    @OptionalField(key: "resubmitted_at") var resubmittedAt: Date?

    init() {}

    var dueDay: LocalDate? { LocalDate(iso: dueOn) }

    var items: [AcceptanceDecision.Entry] {
        (try? JSONDecoder().decode([AcceptanceDecision.Entry].self, from: Data(itemsJSON.utf8))) ?? []
    }

    var scope: SupplementScope { SupplementScope(flagged: items.map(\.id)) }
}

/// 纸质材料报送 — when and where accepted applicants bring their printed files (one per batch).
final class PaperScheduleRecord: Model, @unchecked Sendable {
    static let schema = "paper_schedules"

    @ID(key: .id) var id: UUID?
    @Field(key: "batch_id") var batchID: String
    @Field(key: "starts_at") var startsAt: Date
    @Field(key: "ends_at") var endsAt: Date
    @Field(key: "place") var place: String
    @Field(key: "set_by") var setBy: UUID
    @Field(key: "set_at") var setAt: Date

    init() {}

    var text: LocalizedText {
        let day = ShanghaiTime.date(of: startsAt)
        let from = String(ShanghaiTime.clockText(startsAt).suffix(5)), until = String(ShanghaiTime.clockText(endsAt).suffix(5))
        return LocalizedText(zh: "请于\(DateText.withWeekday(day, in: .zh)) \(from)至\(until)（北京时间），携带打印的申报材料和受理号到\(place)报送纸质材料。",
                             en: "Bring the printed files with your acceptance number to \(place) on \(DateText.withWeekday(day, in: .en)), \(from)–\(until) (Beijing time).")
    }
}
