import Fluent
import Foundation

/// One file attached to an application, by what it proves.
final class ApplicationUploadRecord: Model, @unchecked Sendable {
    static let schema = "application_uploads"

    @ID(key: .id) var id: UUID?
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "file_id") var fileID: UUID
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
