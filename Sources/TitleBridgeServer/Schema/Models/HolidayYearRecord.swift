import Fluent
import Foundation

/// One year of public holidays and 调休 as stored, with the notice it comes from.
final class HolidayYearRecord: Model, @unchecked Sendable {
    static let schema = "holiday_years"

    @ID(custom: "year", generatedBy: .user) var id: Int?
    @Field(key: "source_title") var sourceTitle: String
    @OptionalField(key: "source_document") var sourceDocument: String?
    @Field(key: "issued_on") var issuedOn: String
    @Field(key: "data_json") var dataJSON: String

    init() {}
}
