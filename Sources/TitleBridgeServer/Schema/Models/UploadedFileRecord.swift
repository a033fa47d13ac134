import Fluent
import Foundation

/// An uploaded file: the bytes live once on disk under their SHA-256, this row says whose
/// upload it is, what it is and what it was called.
final class UploadedFileRecord: Model, @unchecked Sendable {
    static let schema = "uploaded_files"

    @ID(key: .id) var id: UUID?
    @Field(key: "sha256") var sha256: String
    @Field(key: "media_type") var mediaType: String
    @Field(key: "size") var size: Int
    @Field(key: "original_name") var originalName: String
    @Field(key: "owner_id") var ownerID: UUID
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
