import Fluent
import SQLKit
import TitleBridgeCore

/// 011: indexes for what the lists and the read of a file look up, so a list page or a file's
/// page stays one index lookup per query as the tables grow (the status page, the unit's and the
/// bureau's lists, the verifications, the messages counted on every page).
struct AddListIndexes: AsyncMigration {
    var name: String { "011-add-list-indexes" }

    /// Name, table, columns — in the order the queries filter and sort by them.
    static let indexes: [(String, String, [String])] = [
        ("applications_employer_stage_idx", "applications", ["employer_id", "stage", "submitted_at"]),
        ("applications_batch_stage_idx", "applications", ["batch_id", "stage", "submitted_at"]),
        ("applications_created_idx", "applications", ["created_at", "id"]),
        ("application_uploads_application_idx", "application_uploads", ["application_id", "created_at"]),
        ("application_reviews_application_idx", "application_reviews", ["application_id", "created_at"]),
        ("messages_user_created_idx", "messages", ["user_id", "created_at"]),
        ("messages_user_unread_idx", "messages", ["user_id", "read_at"]),
        ("certificate_verifications_applicant_idx", "certificate_verifications", ["applicant_id", "created_at"]),
        ("certificate_verifications_created_idx", "certificate_verifications", ["created_at", "id"]),
        ("title_appointments_unit_idx", "title_appointments", ["organisation_id", "created_at"]),
        ("organisations_supervising_idx", "organisations", ["supervising_id"]),
        ("uploaded_files_owner_idx", "uploaded_files", ["owner_id"]),
    ]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw ConfigError("indexes need an SQL database") }
        for (name, table, columns) in Self.indexes {
            var index = sql.create(index: name).on(table)
            for column in columns { index = index.column(column) }
            try await index.run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw ConfigError("indexes need an SQL database") }
        for (name, _, _) in Self.indexes.reversed() {
            try await sql.drop(index: name).run()
        }
    }
}
