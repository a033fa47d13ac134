import Fluent
import SQLKit

/// 016: the count of requests of each kind from each address in each window of time, shared by
/// every instance on the database (`RateLimiter`), and when each session was last used, for the
/// idle timeout and the list of a user's sessions (`SessionStore`).
struct RateLimitsAndSessionActivity: AsyncMigration {
    var name: String { "016-rate-limits-and-session-activity" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw ConfigError("rate limits need an SQL database") }
        try await sql.create(table: "rate_limits")
            .column("bucket", type: .text, .notNull)
            .column("client", type: .text, .notNull)
            .column("window_start", type: .bigint, .notNull)
            .column("hits", type: .int, .notNull)
            .primaryKey("bucket", "client", "window_start")
            .run()
        try await database.schema("sessions").field("last_seen_at", .datetime).update()
        try await sql.raw("UPDATE sessions SET last_seen_at = created_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sessions").deleteField("last_seen_at").update()
        try await database.schema("rate_limits").delete()
    }
}
