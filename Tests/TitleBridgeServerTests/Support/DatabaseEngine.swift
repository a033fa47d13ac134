import Foundation
import Testing

/// A database the server tests run against. Every test that touches the database takes one
/// as its argument, so the runner's output names the engine of each case.
enum DatabaseEngine: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    /// Where the throwaway PostgreSQL server of `scripts/test` listens.
    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["TITLEBRIDGE_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// SQLite always; PostgreSQL when `scripts/test` started one. When the script says a
    /// server is required but none is given, PostgreSQL stays in the list so its cases fail
    /// instead of quietly disappearing.
    static var available: [DatabaseEngine] {
        let required = ProcessInfo.processInfo.environment["TITLEBRIDGE_REQUIRE_POSTGRES"] == "1"
        return postgresURL != nil || required ? [.sqlite, .postgres] : [.sqlite]
    }

    var testDescription: String { rawValue }
}
