import Fluent

/// 007: acceptance numbers (with paper receipt), supplement requests, and the time the
/// bureau sets for the paper files of a batch.
struct CreateAcceptance: AsyncMigration {
    var name: String { "007-create-acceptance" }

    func prepare(on database: any Database) async throws {
        try await database.schema(AcceptanceRecord.schema)
            .id()
            .field("application_id", .uuid, .required, .references(ApplicationRecord.schema, "id"))
            .field("batch_id", .string, .required, .references(BatchRecord.schema, "id"))
            .field("number", .string, .required)
            .field("accepted_at", .datetime, .required)
            .field("accepted_by", .uuid, .required, .references(UserRecord.schema, "id"))
            .field("paper_received_at", .datetime)
            .field("paper_received_by", .uuid, .references(UserRecord.schema, "id"))
            .unique(on: "application_id")
            .unique(on: "number")
            .create()

        try await database.schema(SupplementRecord.schema)
            .id()
            .field("application_id", .uuid, .required, .references(ApplicationRecord.schema, "id"))
            .field("items_json", .sql(unsafeRaw: "TEXT"), .required)
            .field("due_on", .string, .required)
            .field("requested_by", .uuid, .required, .references(UserRecord.schema, "id"))
            .field("requested_at", .datetime, .required)
            .field("resubmitted_at", .datetime)
            .unique(on: "application_id")
            .create()

        try await database.schema(PaperScheduleRecord.schema)
            .id()
            .field("batch_id", .string, .required, .references(BatchRecord.schema, "id"))
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .field("place", .string, .required)
            .field("set_by", .uuid, .required, .references(UserRecord.schema, "id"))
            .field("set_at", .datetime, .required)
            .unique(on: "batch_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PaperScheduleRecord.schema).delete()
        try await database.schema(SupplementRecord.schema).delete()
        try await database.schema(AcceptanceRecord.schema).delete()
    }
}
