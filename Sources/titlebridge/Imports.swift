import ArgumentParser
import Foundation
import TitleBridgeServer

/// `titlebridge catalogue import|export FILE.csv`
struct Catalogue: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The certificate catalogue as CSV.",
        subcommands: [Import.self, Export.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a catalogue CSV (UTF-8) and import it: every row or none; a bad row is named by line and column.")

        @OptionGroup var storage: StorageOptions

        @ArgumentParser.Option(name: .customLong("list-version"),
                               help: "The list version the file is (default: the version the current batch policy names).")
        var listVersion: String?

        @Argument(help: "The CSV file.")
        var file: String

        func run() async throws {
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            let config = try AppConfig.fromEnvironment(dataDirectory: storage.dataDirectory)
            LogSetup.bootstrap(config)
            try await withApplication(config, arguments: ["titlebridge"]) { app in
                try await prepareDatabase(app, demo: false)
                print(try await OperatorTasks.importCatalogue(on: app, csv: data, listVersion: listVersion))
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the catalogue to a CSV file (UTF-8 with BOM).")

        @OptionGroup var storage: StorageOptions

        @Argument(help: "The CSV file to write.")
        var file: String

        func run() async throws {
            let config = try AppConfig.fromEnvironment(dataDirectory: storage.dataDirectory)
            LogSetup.bootstrap(config)
            try await withApplication(config, arguments: ["titlebridge"]) { app in
                try await prepareDatabase(app, demo: false)
                try await OperatorTasks.exportCatalogue(on: app).write(to: URL(fileURLWithPath: file), options: .atomic)
                print("catalogue written to \(file)")
            }
        }
    }
}

/// `titlebridge verifications import FILE.csv`
struct Verifications: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Verification results of the external platform.",
        subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import the platform's result CSV: verification_number, certificate_code, certificate_number, holder_name, id_number, passed_on — every row or none.")

        @OptionGroup var storage: StorageOptions

        @Argument(help: "The CSV file.")
        var file: String

        func run() async throws {
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            let config = try AppConfig.fromEnvironment(dataDirectory: storage.dataDirectory)
            LogSetup.bootstrap(config)
            try await withApplication(config, arguments: ["titlebridge"]) { app in
                try await prepareDatabase(app, demo: false)
                print(try await OperatorTasks.importVerifications(on: app, csv: data))
            }
        }
    }
}
