import Fluent
import Foundation

/// Whether an expert of the panel was present at one file's interview (recorded by the secretary).
final class AttendanceRecord: Model, @unchecked Sendable {
    static let schema = "interview_attendance"

    @ID(key: .id) var id: UUID?
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "expert_id") var expertID: UUID
    @Field(key: "present") var present: Bool

    init() {}
}
