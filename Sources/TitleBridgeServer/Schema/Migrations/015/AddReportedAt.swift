import Fluent
import SQLKit

/// 015: when a file was reported (上报) to the bureau, on the file itself; and the indexes the
/// bureau's queue and the unit's list read without touching a file's row.
///
/// The bureau's queue is ordered by it, a page of one certificate field at a time; read from the
/// history it was a lookup for every file of the field before the first row could be shown, so
/// the page grew with the batch. Copied from the last `report` of each file's history here, and
/// set by the report itself from now on (`StageChange`). The indexes serve the queue: its page,
/// one field of one batch in the order reported, with the stage and the applicant in the index so
/// no file's row (and its content) is read to choose the page; its counts by field and stage,
/// read from the index alone. The unit's list (newest submission first) likewise reads one index
/// backwards: a file's row holds its content, tens of kilobytes, after the columns a list shows.
struct AddReportedAt: AsyncMigration {
    var name: String { "015-add-reported-at" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ApplicationRecord.schema).field("reported_at", .datetime).update()
        guard let sql = database as? any SQLDatabase else { throw ConfigError("the report time needs an SQL database") }
        try await sql.raw("""
            UPDATE applications SET reported_at = (SELECT MAX(r.created_at) FROM application_reviews r
              WHERE r.application_id = applications.id AND r.event = 'report')
            """).run()
        try await sql.create(index: "applications_queue_idx").on(ApplicationRecord.schema)
            .column("batch_id").column("certificate_field").column("reported_at").column("id").column("stage").column("applicant_id").run()
        try await sql.create(index: "applications_batch_stage_field_idx").on(ApplicationRecord.schema)
            .column("batch_id").column("stage").column("certificate_field").run()
        try await sql.create(index: "applications_unit_list_idx").on(ApplicationRecord.schema)
            .column("employer_id").column("submitted_at").column("id").column("stage").column("applicant_id").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw ConfigError("the report time needs an SQL database") }
        try await sql.drop(index: "applications_unit_list_idx").run()
        try await sql.drop(index: "applications_batch_stage_field_idx").run()
        try await sql.drop(index: "applications_queue_idx").run()
        try await database.schema(ApplicationRecord.schema).deleteField("reported_at").update()
    }
}
