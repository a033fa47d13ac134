import Fluent
import SQLKit
import Vapor

/// On PostgreSQL with `DATABASE_OWNER_URL`, two roles: the owner of the schema runs the
/// migrations; the server connects as the serving role of `DATABASE_URL`, which reads and
/// changes data but cannot change the schema, and may only read and append to the audit log —
/// no UPDATE, DELETE or TRUNCATE there, and no dropping its trigger, which only the owner may.
/// A leaked serving password, or an injected statement, cannot rewrite history.
///
/// The grants are given again after every migration run (`prepareDatabase`), so a table a new
/// migration adds is the serving role's to use from its first start.
enum ServingRole {
    static func grant(to role: String, on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        guard let row = try await sql.raw("SELECT current_schema() AS name").first(),
              let schema = try row.decode(column: "name", as: String?.self) else {
            throw ConfigError("the owner's connection has no current schema")
        }
        try await sql.raw("GRANT USAGE ON SCHEMA \(ident: schema) TO \(ident: role)").run()
        try await sql.raw("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA \(ident: schema) TO \(ident: role)").run()
        try await sql.raw("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA \(ident: schema) TO \(ident: role)").run()
        try await sql.raw("REVOKE UPDATE, DELETE, TRUNCATE ON \(ident: schema).audit_events FROM \(ident: role)").run()
        try await sql.raw("REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON \(ident: schema)._fluent_migrations FROM \(ident: role)").run()
        try await sql.raw("REVOKE CREATE ON SCHEMA \(ident: schema) FROM \(ident: role)").run()
    }
}

extension DatabaseID {
    /// The schema owner's connection, for migrations, when the server runs as a serving role.
    static let owner = DatabaseID(string: "owner")
}

extension Application {
    private struct ServingRoleKey: StorageKey {
        typealias Value = String
    }

    /// The serving role's name, when migrations run as the owner.
    var servingRole: String? {
        get { storage[ServingRoleKey.self] }
        set { storage[ServingRoleKey.self] = newValue }
    }
}
