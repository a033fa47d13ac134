import Fluent
import SQLKit

/// 002: organisations, users and their roles, sessions, pending OpenID sign-ins, and the
/// append-only audit log.
struct CreateAccounts: AsyncMigration {
    var name: String { "002-create-accounts" }

    func prepare(on database: any Database) async throws {
        try await database.schema(OrganisationRecord.schema)
            .id()
            .field("kind", .string, .required)
            .field("name_zh", .string, .required)
            .field("name_en", .string, .required)
            .field("credit_code", .string)
            .field("supervising_id", .uuid, .references(OrganisationRecord.schema, "id"))
            .field("field", .string)
            .field("contact_phone", .string)
            .field("address", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "credit_code")
            .create()

        try await database.schema(UserRecord.schema)
            .id()
            .field("username", .string, .required)
            .field("display_name", .string, .required)
            .field("password_hash", .string)
            .field("organisation_id", .uuid, .references(OrganisationRecord.schema, "id"))
            .field("id_kind", .string)
            .field("id_number_sealed", .sql(unsafeRaw: "TEXT"))
            .field("phone_sealed", .sql(unsafeRaw: "TEXT"))
            .field("oidc_issuer", .string)
            .field("oidc_subject", .string)
            .field("failed_sign_ins", .int, .required)
            .field("locked_until", .datetime)
            .field("is_disabled", .bool, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "username")
            .unique(on: "oidc_issuer", "oidc_subject")
            .create()

        try await database.schema(UserRoleRecord.schema)
            .id()
            .field("user_id", .uuid, .required, .references(UserRecord.schema, "id", onDelete: .cascade))
            .field("role", .string, .required)
            .unique(on: "user_id", "role")
            .create()

        try await database.schema(UserSessionRecord.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("user_id", .uuid, .required, .references(UserRecord.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("csrf_token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()

        try await database.schema(OIDCRequestRecord.schema)
            .field("state", .string, .identifier(auto: false))
            .field("nonce", .string, .required)
            .field("code_verifier", .string, .required)
            .field("created_at", .datetime, .required)
            .create()

        try await database.schema(AuditEventRecord.schema)
            .field("seq", .int, .identifier(auto: true))
            .field("at", .string, .required)
            .field("actor_id", .string)
            .field("actor_name", .string, .required)
            .field("actor_role", .string, .required)
            .field("action", .string, .required)
            .field("record_type", .string, .required)
            .field("record_id", .string, .required)
            .field("before_digest", .string)
            .field("after_digest", .string)
            .field("reason", .sql(unsafeRaw: "TEXT"))
            .field("prev_hash", .string, .required)
            .field("hash", .string, .required)
            .create()

        // The audit log only grows: the database itself refuses to change or delete a row.
        // (Whoever can drop the trigger can still edit; the hash chain then names the row.)
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            for operation in ["UPDATE", "DELETE"] {
                try await sql.raw("""
                    CREATE TRIGGER audit_events_no_\(unsafeRaw: operation.lowercased()) BEFORE \(unsafeRaw: operation) ON audit_events
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
                    """).run()
            }
        } else {
            try await sql.raw("""
                CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$
                """).run()
            try await sql.raw("""
                CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
                FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()
                """).run()
        }
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase, sql.dialect.name != "sqlite" {
            try await sql.raw("DROP TRIGGER IF EXISTS audit_events_append_only ON audit_events").run()
            try await sql.raw("DROP FUNCTION IF EXISTS audit_events_append_only()").run()
        }
        try await database.schema(AuditEventRecord.schema).delete()
        try await database.schema(OIDCRequestRecord.schema).delete()
        try await database.schema(UserSessionRecord.schema).delete()
        try await database.schema(UserRoleRecord.schema).delete()
        try await database.schema(UserRecord.schema).delete()
        try await database.schema(OrganisationRecord.schema).delete()
    }
}
