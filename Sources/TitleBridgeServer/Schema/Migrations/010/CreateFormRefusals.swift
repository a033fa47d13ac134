import Fluent
import SQLKit

/// 010: refused forms kept for the page they return to, so a refused post answers with a
/// redirect and reloading the page does not post again (`FormRefusals`).
struct CreateFormRefusals: AsyncMigration {
    var name: String { "010-create-form-refusals" }

    func prepare(on database: any Database) async throws {
        try await database.schema(FormRefusalRecord.schema)
            .id()
            .field("owner_hash", .string, .required)
            .field("path", .string, .required)
            .field("payload_sealed", .sql(unsafeRaw: "TEXT"), .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(FormRefusalRecord.schema).delete()
    }
}
