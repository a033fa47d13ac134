import Fluent

/// 008: how a unit publicity ended (公示结果), recorded by the employer before reporting.
struct AddPublicityOutcome: AsyncMigration {
    var name: String { "008-add-publicity-outcome" }

    func prepare(on database: any Database) async throws {
        try await database.schema(PublicityRecord.schema)
            .field("outcome_json", .sql(unsafeRaw: "TEXT"))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PublicityRecord.schema).deleteField("outcome_json").update()
    }
}
