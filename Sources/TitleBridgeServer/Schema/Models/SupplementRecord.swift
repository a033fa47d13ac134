import Fluent
import Foundation
import TitleBridgeCore

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
