import Fluent
import SQLKit

/// 013: result publicity (the lists, who is on them, the objections) and the electronic title
/// certificates (the signing keys' public halves, the certificates with their credential and
/// status-list index, the issuing runs).
struct CreateResultsAndCertificates: AsyncMigration {
    var name: String { "013-create-results-and-certificates" }

    func prepare(on database: any Database) async throws {
        let text = DatabaseSchema.DataType.sql(unsafeRaw: "TEXT")
        try await database.schema(ResultListRecord.schema)
            .id()
            .field("batch_id", .string, .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string, .required)
            .field("published_by", .uuid, .required)
            .field("published_at", .datetime, .required)
            .create()
        try await database.schema(ResultEntryRecord.schema)
            .id()
            .field("list_id", .uuid, .required)
            .field("application_id", .uuid, .required)
            .field("listing_json", text, .required)
            .field("removed_at", .datetime)
            .field("removed_reason", text)
            .unique(on: "application_id")
            .create()
        try await database.schema(ObjectionRecord.schema)
            .id()
            .field("receipt", .string, .required)
            .field("entry_id", .uuid, .required)
            .field("application_id", .uuid, .required)
            .field("name", .string, .required)
            .field("contact_sealed", .string, .required)
            .field("reasons", text, .required)
            .field("evidence", text)
            .field("client_key", .string, .required)
            .field("submitted_at", .datetime, .required)
            .field("outcome", .string, .required)
            .field("ruling", text)
            .field("ruled_by", .uuid)
            .field("ruled_at", .datetime)
            .unique(on: "receipt")
            .create()
        try await database.schema(SigningKeyRecord.schema)
            .id()
            .field("key_id", .string, .required)
            .field("public_multibase", .string, .required)
            .field("created_at", .datetime, .required)
            .field("retired_at", .datetime)
            .unique(on: "key_id")
            .create()
        try await database.schema(CertificateRecord.schema)
            .id()
            .field("number", .string, .required)
            .field("application_id", .uuid, .required)
            .field("batch_id", .string, .required)
            .field("holder_id", .uuid, .required)
            .field("certificate_json", text, .required)
            .field("credential_json", text, .required)
            .field("status_index", .int, .required)
            .field("key_id", .string, .required)
            .field("issued_at", .datetime, .required)
            .field("run_id", .uuid)
            .field("revoked_at", .datetime)
            .field("revoked_reason", text)
            .field("revoked_by", .uuid)
            .unique(on: "number")
            .unique(on: "application_id")
            .unique(on: "status_index")
            .create()
        try await database.schema(CertificateRunRecord.schema)
            .id()
            .field("batch_id", .string, .required)
            .field("document_number", .string, .required)
            .field("approved_on", .string, .required)
            .field("started_by", .uuid, .required)
            .field("started_at", .datetime, .required)
            .field("total", .int, .required)
            .field("issued", .int, .required)
            .field("skipped", .int, .required)
            .field("failed", .int, .required)
            .field("finished_at", .datetime)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX result_entries_list ON result_entries (list_id)").run()
        try await sql.raw("CREATE INDEX objections_application ON objections (application_id, outcome)").run()
        try await sql.raw("CREATE INDEX objections_client ON objections (client_key, submitted_at)").run()
        try await sql.raw("CREATE INDEX certificates_holder ON certificates (holder_id)").run()
    }

    func revert(on database: any Database) async throws {
        for schema in [CertificateRunRecord.schema, CertificateRecord.schema, SigningKeyRecord.schema, ObjectionRecord.schema,
                       ResultEntryRecord.schema, ResultListRecord.schema] {
            try await database.schema(schema).delete()
        }
    }
}
