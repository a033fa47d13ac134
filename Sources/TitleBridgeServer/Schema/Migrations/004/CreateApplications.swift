import Fluent

/// 004: application files (one per applicant per batch), messages, and idempotency keys.
struct CreateApplications: AsyncMigration {
    var name: String { "004-create-applications" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ApplicationRecord.schema)
            .id()
            .field("applicant_id", .uuid, .required, .references(UserRecord.schema, "id"))
            .field("batch_id", .string, .required, .references(BatchRecord.schema, "id"))
            .field("stage", .string, .required)
            .field("version", .int, .required)
            .field("employer_id", .uuid, .references(OrganisationRecord.schema, "id"))
            .field("verification_id", .uuid, .references(VerificationRecord.schema, "id"))
            .field("content_json", .sql(unsafeRaw: "TEXT"), .required)
            .field("id_number_sealed", .sql(unsafeRaw: "TEXT"))
            .field("submitted_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "applicant_id", "batch_id")
            .create()

        try await database.schema(MessageRecord.schema)
            .id()
            .field("user_id", .uuid, .required, .references(UserRecord.schema, "id", onDelete: .cascade))
            .field("application_id", .uuid, .references(ApplicationRecord.schema, "id"))
            .field("title_zh", .string, .required)
            .field("title_en", .string, .required)
            .field("body_zh", .sql(unsafeRaw: "TEXT"), .required)
            .field("body_en", .sql(unsafeRaw: "TEXT"), .required)
            .field("created_at", .datetime, .required)
            .field("read_at", .datetime)
            .create()

        try await database.schema(IdempotencyRecord.schema)
            .id()
            .field("user_id", .uuid, .required, .references(UserRecord.schema, "id", onDelete: .cascade))
            .field("key", .string, .required)
            .field("scope", .string, .required)
            .field("result", .sql(unsafeRaw: "TEXT"), .required)
            .field("created_at", .datetime, .required)
            .unique(on: "user_id", "key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(IdempotencyRecord.schema).delete()
        try await database.schema(MessageRecord.schema).delete()
        try await database.schema(ApplicationRecord.schema).delete()
    }
}
