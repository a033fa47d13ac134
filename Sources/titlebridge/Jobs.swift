import ArgumentParser
import Foundation
import TitleBridgeServer

/// `titlebridge jobs supplement-deadlines`: withdraw the files whose supplement is overdue
/// (what `serve` also does every ten minutes); for a cron entry or a run by hand.
struct Jobs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scheduled job once.",
        subcommands: [SupplementDeadlines.self, SweepFiles.self])

    struct SupplementDeadlines: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "supplement-deadlines",
            abstract: "Withdraw every file whose one supplement was not sent back by its due day (四(五)), and tell the applicants.")

        @OptionGroup var storage: StorageOptions

        @OptionGroup var clock: ClockOptions

        func run() async throws {
            let config = try AppConfig.fromEnvironment(dataDirectory: storage.dataDirectory, clock: clock.start)
            LogSetup.bootstrap(config)
            try await withApplication(config, arguments: ["titlebridge"]) { app in
                try await prepareDatabase(app, demo: false)
                print("withdrawn: \(try await SupplementDeadlineJob.run(on: app))")
            }
        }
    }

    struct SweepFiles: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sweep-files",
            abstract: "Remove uploaded bytes that no record names (left by a server stopped mid-upload); what `serve` does every hour.")

        @OptionGroup var storage: StorageOptions

        @ArgumentParser.Option(name: .customLong("grace-minutes"),
                               help: "Spare bytes written in the last N minutes (default 60: uploads in flight on a running server). 0 only while no server runs.")
        var graceMinutes = 60

        func validate() throws {
            guard graceMinutes >= 0 else { throw ValidationError("--grace-minutes cannot be negative") }
        }

        func run() async throws {
            let config = try AppConfig.fromEnvironment(dataDirectory: storage.dataDirectory)
            LogSetup.bootstrap(config)
            try await withApplication(config, arguments: ["titlebridge"]) { app in
                try await prepareDatabase(app, demo: false)
                print("orphan files removed: \(try await OrphanFileSweep.run(on: app, grace: .seconds(graceMinutes * 60)))")
            }
        }
    }
}
