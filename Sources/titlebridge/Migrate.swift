import ArgumentParser
import TitleBridgeServer
import Vapor

/// `titlebridge migrate`: bring the database schema and reference data up to date.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run every pending migration and refresh the reference data (policies, catalogue, holidays).")

    @OptionGroup var storage: StorageOptions

    func run() async throws {
        let config = try AppConfig.fromEnvironment(dataDirectory: storage.dataDirectory)
        LogSetup.bootstrap(config)
        try await withApplication(config, arguments: ["titlebridge"]) { app in
            let report = try await prepareDatabase(app, demo: false)
            print("migrated \(config.storageDescription)\(report.wasNew ? " (new database)" : "")")
        }
    }
}

/// `titlebridge seed --demo`: add demo data to an existing database on purpose.
struct Seed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Refresh the reference data; with --demo also add the demo data.")

    @OptionGroup var storage: StorageOptions

    @OptionGroup var clock: ClockOptions

    @ArgumentParser.Flag(help: "Also add demo organisations, accounts and files (as of --clock when given).")
    var demo = false

    func run() async throws {
        let config = try AppConfig.fromEnvironment(dataDirectory: storage.dataDirectory, clock: clock.start)
        LogSetup.bootstrap(config)
        try await withApplication(config, arguments: ["titlebridge"]) { app in
            try await prepareDatabase(app, demo: false)
            if demo { try await DemoSeed.run(on: app) }
            print("seeded \(config.storageDescription)\(demo ? " with demo data" : "")")
        }
    }
}
