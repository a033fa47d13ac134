import Fluent

/// 005: the files of an application (degrees, work proofs, the certificate scan, the signed
/// commitment, the stamped unit opinion).
struct CreateApplicationUploads: AsyncMigration {
    var name: String { "005-create-application-uploads" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ApplicationUploadRecord.schema)
            .id()
            .field("application_id", .uuid, .required, .references(ApplicationRecord.schema, "id"))
            .field("kind", .string, .required)
            .field("file_id", .uuid, .required, .references(UploadedFileRecord.schema, "id"))
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ApplicationUploadRecord.schema).delete()
    }
}
