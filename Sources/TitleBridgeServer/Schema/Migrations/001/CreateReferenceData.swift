import Fluent

/// 001: the reference data every batch needs: batches with their policy, the certificate
/// catalogue, and the holiday calendar.
struct CreateReferenceData: AsyncMigration {
    var name: String { "001-create-reference-data" }

    func prepare(on database: any Database) async throws {
        try await database.schema(BatchRecord.schema)
            .field("id", .string, .identifier(auto: false))
            .field("name_zh", .string, .required)
            .field("name_en", .string, .required)
            .field("notice_document", .string, .required)
            .field("policy_json", .sql(unsafeRaw: "TEXT"), .required)
            .field("is_current", .bool, .required)
            .field("updated_at", .datetime)
            .create()

        try await database.schema(CertificateItemRecord.schema)
            .field("id", .string, .identifier(auto: false))
            .field("list_version", .string, .required)
            .field("name_zh", .string, .required)
            .field("name_en", .string, .required)
            .field("abbreviation", .string, .required)
            .field("issuer_zh", .string, .required)
            .field("issuer_en", .string, .required)
            .field("country_zh", .string, .required)
            .field("country_en", .string, .required)
            .field("field", .string, .required)
            .field("title_series", .string, .required)
            .field("levels", .string, .required)
            .field("classes", .string, .required)
            .field("evidence", .string, .required)
            .create()

        try await database.schema(HolidayYearRecord.schema)
            .field("year", .int, .identifier(auto: false))
            .field("source_title", .string, .required)
            .field("source_document", .string)
            .field("issued_on", .string, .required)
            .field("data_json", .sql(unsafeRaw: "TEXT"), .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(HolidayYearRecord.schema).delete()
        try await database.schema(CertificateItemRecord.schema).delete()
        try await database.schema(BatchRecord.schema).delete()
    }
}
