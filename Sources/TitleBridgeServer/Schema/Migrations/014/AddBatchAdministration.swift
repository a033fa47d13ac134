import Fluent
import Foundation
import SQLKit
import TitleBridgeCore

/// 014: what the dashboard counts and the batch administration keeps.
///
/// - `applications.target_level` and `certificate_field`: the level applied for and the field of
///   the chosen certificate, copied on every save, so files per level and per field are one
///   indexed count rather than a read of every file's JSON or a join through its verification.
///   Files saved before this migration get theirs here.
/// - `batches`: where a batch came from (a shipped policy file, or the administration form and
///   who filled it in), when it was chosen as the current batch, and when it was closed.
/// - indexes for the dashboard's counts by unit and level, and the exports' lists by batch.
struct AddBatchAdministration: AsyncMigration {
    var name: String { "014-add-batch-administration" }

    static let indexes: [(String, String, [String])] = [
        ("applications_batch_employer_idx", "applications", ["batch_id", "employer_id", "stage"]),
        ("applications_batch_level_idx", "applications", ["batch_id", "target_level"]),
        ("applications_batch_field_idx", "applications", ["batch_id", "certificate_field"]),
        ("acceptances_batch_idx", "acceptances", ["batch_id", "number"]),
        ("certificates_batch_idx", "certificates", ["batch_id", "number"]),
        ("result_lists_batch_idx", "result_lists", ["batch_id"]),
    ]

    func prepare(on database: any Database) async throws {
        try await database.schema(ApplicationRecord.schema).field("target_level", .string).update()
        try await database.schema(ApplicationRecord.schema).field("certificate_field", .string).update()
        try await database.schema(BatchRecord.schema).field("source", .string, .required, .sql(.default("file"))).update()
        try await database.schema(BatchRecord.schema).field("created_by", .uuid).update()
        try await database.schema(BatchRecord.schema).field("chosen_at", .datetime).update()
        try await database.schema(BatchRecord.schema).field("closed_at", .datetime).update()
        try await database.schema(BatchRecord.schema).field("closed_by", .uuid).update()
        guard let sql = database as? any SQLDatabase else { throw ConfigError("batch administration needs an SQL database") }
        for (name, table, columns) in Self.indexes {
            var index = sql.create(index: name).on(table)
            for column in columns { index = index.column(column) }
            try await index.run()
        }
        // Fields and levels of the files already there, a thousand at a time.
        try await sql.raw("""
            UPDATE applications SET certificate_field = (SELECT ci.field FROM certificate_verifications v
              JOIN certificate_items ci ON ci.id = v.certificate_item_id WHERE v.id = applications.verification_id)
            WHERE verification_id IS NOT NULL
            """).run()
        var after: UUID?
        while true {
            var query = ApplicationRecord.query(on: database).field(\.$id).field(\.$contentJSON).sort(\.$id).limit(1000)
            if let after { query = query.filter(\.$id > after) }
            let page = try await query.all()
            guard let last = page.last?.id else { break }
            for file in page {
                guard let id = file.id, let level = try? file.content.target?.level else { continue }
                try await ApplicationRecord.query(on: database).filter(\.$id == id).set(\.$targetLevel, to: level.rawValue).update()
            }
            after = last
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw ConfigError("batch administration needs an SQL database") }
        for (name, _, _) in Self.indexes.reversed() { try await sql.drop(index: name).run() }
        for column in ["closed_by", "closed_at", "chosen_at", "created_by", "source"] {
            try await database.schema(BatchRecord.schema).deleteField(.string(column)).update()
        }
        try await database.schema(ApplicationRecord.schema).deleteField("certificate_field").update()
        try await database.schema(ApplicationRecord.schema).deleteField("target_level").update()
    }
}
