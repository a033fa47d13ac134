import Fluent

/// 003: uploaded files (content-addressed), certificate verifications (查验), and the number
/// sequences that issue verification numbers.
struct CreateVerifications: AsyncMigration {
    var name: String { "003-create-verifications" }

    func prepare(on database: any Database) async throws {
        try await database.schema(UploadedFileRecord.schema)
            .id()
            .field("sha256", .string, .required)
            .field("media_type", .string, .required)
            .field("size", .int, .required)
            .field("original_name", .string, .required)
            .field("owner_id", .uuid, .required, .references(UserRecord.schema, "id"))
            .field("created_at", .datetime, .required)
            .create()

        try await database.schema(VerificationRecord.schema)
            .id()
            .field("applicant_id", .uuid, .references(UserRecord.schema, "id"))
            .field("certificate_item_id", .string, .required, .references(CertificateItemRecord.schema, "id"))
            .field("certificate_number", .string, .required)
            .field("holder_name", .string, .required)
            .field("issued_on", .string)
            .field("expires_on", .string)
            .field("scan_file_id", .uuid, .references(UploadedFileRecord.schema, "id"))
            .field("id_number_sealed", .sql(unsafeRaw: "TEXT"))
            .field("source", .string, .required)
            .field("status", .string, .required)
            .field("decided_by", .uuid, .references(UserRecord.schema, "id"))
            .field("decided_at", .datetime)
            .field("decision_reason", .sql(unsafeRaw: "TEXT"))
            .field("passed_on", .string)
            .field("verification_number", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "verification_number")
            .create()

        try await database.schema(NumberSequenceRecord.schema)
            .field("name", .string, .identifier(auto: false))
            .field("next_value", .int, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(NumberSequenceRecord.schema).delete()
        try await database.schema(VerificationRecord.schema).delete()
        try await database.schema(UploadedFileRecord.schema).delete()
    }
}
