import Fluent
import Foundation
import TitleBridgeCore

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
