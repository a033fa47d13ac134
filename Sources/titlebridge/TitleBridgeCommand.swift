import ArgumentParser
import Logging
import TitleBridgeCore
import TitleBridgeServer
import Vapor

@main
struct TitleBridgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "titlebridge",
        abstract: "TitleBridge — 境外职业资格证书持证人员职称考核认定 / professional-title recognition for holders of overseas qualifications.",
        subcommands: [Serve.self, Migrate.self, Seed.self, BackupCommand.self, RestoreCommand.self, Users.self, Catalogue.self, Verifications.self, Jobs.self, Audit.self, Keys.self, VerifyCertificate.self, Export.self, Batch.self],
        defaultSubcommand: Serve.self)
}

/// Options shared by every command that opens the database.
struct StorageOptions: ParsableArguments {
    @ArgumentParser.Option(name: .customLong("data-dir"), help: "Folder of the embedded SQLite database (default: ./data). Ignored when DATABASE_URL is set.")
    var dataDirectory: String?
}

/// The rehearsal clock, for every command that acts on time.
struct ClockOptions: ParsableArguments {
    @ArgumentParser.Option(name: .customLong("clock"),
                           help: "Rehearse: start the clock at this instant, e.g. 2024-09-10T09:00:00+08:00 (a time without an offset is Shanghai time); it runs on from there. Also TITLEBRIDGE_CLOCK.")
    var start: String?
}

/// Boots logging once per process, from the configuration.
enum LogSetup {
    static func bootstrap(_ config: AppConfig) {
        let level = config.logLevel
        switch config.logFormat {
        case .json:
            LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: level) }
        case .text:
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        }
    }
}

/// Runs `body` with an application for `config` and the bundled data files, and shuts the
/// application down afterwards, whether `body` succeeds or throws.
func withApplication(_ config: AppConfig, arguments: [String],
                     _ body: (Application) async throws -> Void) async throws {
    let services = try DomainServices.load(config)
    let app = try await Application.make(Environment(name: "production", arguments: arguments))
    do {
        try configure(app, config: config, services: services)
        if let start = services.clock.rehearsalStart {
            app.logger.notice("rehearsal clock: the procedure sees simulated time", metadata: [
                "starts": "\(ShanghaiTime.clockText(start)) Asia/Shanghai", "batch": "\(services.currentBatchID)",
            ])
        }
        try await body(app)
    } catch {
        try await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
}
