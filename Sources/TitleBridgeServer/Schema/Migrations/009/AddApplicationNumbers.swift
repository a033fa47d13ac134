import Fluent
import SQLKit
import TitleBridgeCore

/// 009: 申报编号 — the short readable number of every file (`ApplicationNumber`), unique.
/// Files opened before this migration are numbered here, in the order they were opened, from
/// the same counters new files draw from.
struct AddApplicationNumbers: AsyncMigration {
    var name: String { "009-add-application-numbers" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ApplicationRecord.schema)
            .field("number", .string)
            .update()
        guard let sql = database as? any SQLDatabase else { throw ConfigError("application numbers need an SQL database") }
        // An index rather than a constraint: SQLite adds no constraint to an existing table.
        try await sql.raw("CREATE UNIQUE INDEX applications_number_key ON applications (number)").run()
        let files = try await ApplicationRecord.query(on: database).field(\.$id).field(\.$createdAt)
            .sort(\.$createdAt).sort(\.$id).all()
        for file in files {
            guard let id = file.id else { continue }
            let number = try await ApplicationNumber.draw(year: ShanghaiTime.date(of: file.createdAt).year, on: database)
            try await ApplicationRecord.query(on: database).filter(\.$id == id).set(\.$number, to: number).update()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw ConfigError("application numbers need an SQL database") }
        try await sql.raw("DROP INDEX applications_number_key").run()
        try await database.schema(ApplicationRecord.schema).deleteField("number").update()
    }
}
