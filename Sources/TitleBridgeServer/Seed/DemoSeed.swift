import Fluent
import Vapor

/// A demo login printed at start-up.
public struct DemoLogin: Sendable, Equatable {
    public let username: String
    public let role: String
}

/// Demo data for a newcomer's first `serve`: only into a database that was new at this start
/// (or on `seed --demo`), never when `--no-demo` is given. Each part of the procedure adds
/// its own demo records here as it is built.
public enum DemoSeed {
    /// The one password of every demo account.
    public static let password = "TitleBridge-demo-2024"

    /// The logins demo data provides; printed by `serve`.
    public static let logins: [DemoLogin] = []

    public static func run(on app: Application) async throws {
        app.logger.info("demo data added", metadata: ["logins": "\(logins.count)"])
    }
}
