import Fluent
import SQLKit

/// 008: password checks under way per account. A sign-in reserves one of the account's
/// places before its password is checked, so parallel attempts cannot check more wrong
/// passwords than the lock-out allows (`PasswordSignIn`). The time bounds a reservation whose
/// attempt never reported back (the process stopped mid-check).
struct AddSignInChecks: AsyncMigration {
    var name: String { "008-add-sign-in-checks" }

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds columns one at a time.
        try await database.schema(UserRecord.schema)
            .field("password_checks_running", .int, .required, .sql(.default(0)))
            .update()
        try await database.schema(UserRecord.schema)
            .field("password_checks_expire_at", .datetime)
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UserRecord.schema).deleteField("password_checks_expire_at").update()
        try await database.schema(UserRecord.schema).deleteField("password_checks_running").update()
    }
}
