import Fluent
import Foundation
import TitleBridgeCore

/// 结果公示名单 — one list the bureau published, with its period. Files that pass later go on a
/// later list with a period of its own.
final class ResultListRecord: Model, @unchecked Sendable {
    static let schema = "result_lists"

    @ID(key: .id) var id: UUID?
    @Field(key: "batch_id") var batchID: String
    @Field(key: "starts_on") var startsOn: String
    @Field(key: "ends_on") var endsOn: String
    @Field(key: "published_by") var publishedBy: UUID
    @Field(key: "published_at") var publishedAt: Date

    init() {}

    var period: ResultPublicityPlan.Period? {
        guard let starts = LocalDate(iso: startsOn), let ends = LocalDate(iso: endsOn) else { return nil }
        return ResultPublicityPlan.Period(starts: starts, ends: ends)
    }
}

/// One person on a result list, as the public reads it: name, employer, series and title, field
/// — written when the list is published, so the public page reads no file. Removed (never
/// deleted) when an objection is upheld.
final class ResultEntryRecord: Model, @unchecked Sendable {
    static let schema = "result_entries"

    struct Listing: Codable, Sendable, Equatable {
        let name: String
        let employer: LocalizedText
        let series: LocalizedText
        let title: LocalizedText
        let field: LocalizedText
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "list_id") var listID: UUID
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "listing_json") var listingJSON: String
    @OptionalField(key: "removed_at") var removedAt: Date?
    @OptionalField(key: "removed_reason") var removedReason: String?

    init() {}

    var listing: Listing? { try? JSONDecoder().decode(Listing.self, from: Data(listingJSON.utf8)) }
}
