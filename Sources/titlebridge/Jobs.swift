import ArgumentParser
import Foundation
import TitleBridgeServer

/// `titlebridge jobs supplement-deadlines`: withdraw the files whose supplement is overdue
/// (what `serve` also does every ten minutes); for a cron entry or a run by hand.
struct Jobs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scheduled job once.",
        subcommands: [SupplementDeadlines.self])

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
}
