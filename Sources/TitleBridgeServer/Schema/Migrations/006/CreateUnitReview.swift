import Fluent

/// 006: what the employer and the supervising department record on a file (the history of
/// returns, approvals with their opinion, post confirmations, reports), the unit publicity,
/// and the junior appointments (聘任) of a unit.
struct CreateUnitReview: AsyncMigration {
    var name: String { "006-create-unit-review" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ReviewRecord.schema)
            .id()
            .field("application_id", .uuid, .required, .references(ApplicationRecord.schema, "id"))
            .field("event", .string, .required)
            .field("from_stage", .string, .required)
            .field("to_stage", .string, .required)
            .field("actor_id", .uuid, .references(UserRecord.schema, "id"))
            .field("actor_name", .string, .required)
            .field("reason", .sql(unsafeRaw: "TEXT"))
            .field("detail_json", .sql(unsafeRaw: "TEXT"))
            .field("created_at", .datetime, .required)
            .create()

        try await database.schema(PublicityRecord.schema)
            .id()
            .field("application_id", .uuid, .required, .references(ApplicationRecord.schema, "id"))
            .field("starts_on", .string, .required)
            .field("ends_on", .string, .required)
            .field("place", .string, .required)
            .field("evidence_file_id", .uuid, .required, .references(UploadedFileRecord.schema, "id"))
            .field("recorded_by", .uuid, .required, .references(UserRecord.schema, "id"))
            .field("recorded_at", .datetime, .required)
            .unique(on: "application_id")
            .create()

        try await database.schema(AppointmentRecord.schema)
            .id()
            .field("organisation_id", .uuid, .required, .references(OrganisationRecord.schema, "id"))
            .field("number", .string, .required)
            .field("person_name", .string, .required)
            .field("title_series", .string, .required)
            .field("title_level", .string, .required)
            .field("appointed_on", .string, .required)
            .field("content_json", .sql(unsafeRaw: "TEXT"), .required)
            .field("created_by", .uuid, .required, .references(UserRecord.schema, "id"))
            .field("created_at", .datetime, .required)
            .unique(on: "number")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AppointmentRecord.schema).delete()
        try await database.schema(PublicityRecord.schema).delete()
        try await database.schema(ReviewRecord.schema).delete()
    }
}
