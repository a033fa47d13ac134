import Fluent
import SQLKit

/// Numbers handed out once each, in order, without gaps: one atomic UPDATE … RETURNING per
/// number, so concurrent callers on PostgreSQL or SQLite never get the same one. Call it
/// inside the transaction that uses the number, so a rolled-back use gives the number back.
enum NumberSequence {
    static func next(_ name: String, on database: any Database) async throws -> Int {
        guard let sql = database as? any SQLDatabase else { throw ConfigError("number sequences need an SQL database") }
        try await sql.raw("INSERT INTO number_sequences (name, next_value) VALUES (\(bind: name), 1) ON CONFLICT (name) DO NOTHING").run()
        let row = try await sql.raw("UPDATE number_sequences SET next_value = next_value + 1 WHERE name = \(bind: name) RETURNING next_value - 1 AS value").first()
        guard let value = try row?.decode(column: "value", as: Int.self) else {
            throw ConfigError("number sequence \(name) did not answer")
        }
        return value
    }
}
