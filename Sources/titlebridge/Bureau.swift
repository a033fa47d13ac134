import ArgumentParser
import Foundation
import TitleBridgeServer
import Vapor

/// `titlebridge export KIND --format csv|xlsx FILE`: one of the bureau's lists to a file.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write one of the bureau's lists to a file: \(BureauOperations.exportKinds.joined(separator: ", ")).")

    @OptionGroup var storage: StorageOptions
    @ArgumentParser.Argument(help: "The list: \(BureauOperations.exportKinds.joined(separator: ", ")).") var kind: String
    @ArgumentParser.Option(help: "csv (UTF-8 with a byte-order mark) or xlsx.") var format: String = "csv"
    @ArgumentParser.Option(help: "The language of headings and values: zh or en.") var lang: String = "zh"
    @ArgumentParser.Option(help: "The batch (default: the current one).") var batch: String?
    @ArgumentParser.Argument(help: "The file to write (replaced if it exists; readable by its owner only).") var file: String

    func run() async throws {
        let config = try AppConfig.fromEnvironment(dataDirectory: storage.dataDirectory)
        LogSetup.bootstrap(config)
        try await withApplication(config, arguments: ["titlebridge"]) { app in
            try await prepareDatabase(app, demo: false)
            let rows = try await BureauOperations.export(kind: kind, format: format, language: lang, batch: batch, to: file, on: app)
            print("\(rows) rows written to \(file)")
        }
    }
}

/// `titlebridge batch list|create|choose|close`.
struct Batch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The batches: list them, create the next from a copy of one, choose the current one, close one.",
        subcommands: [List.self, Create.self, Choose.self, Close.self])

    /// Runs `body` on the migrated database; a refusal is printed and exits with status 1.
    static func opened(_ storage: StorageOptions, _ clock: ClockOptions,
                       _ body: @escaping @Sendable (Application) async throws -> Void) async throws {
        let config = try AppConfig.fromEnvironment(dataDirectory: storage.dataDirectory, clock: clock.start)
        LogSetup.bootstrap(config)
        do {
            try await withApplication(config, arguments: ["titlebridge"]) { app in
                try await prepareDatabase(app, demo: false)
                try await body(app)
            }
        } catch let problem as BureauOperations.Problem {
            FileHandle.standardError.write(Data((problem.description + "\n").utf8))
            throw ExitCode(1)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One line per batch: id, code, window, files, status, source, name.")
        @OptionGroup var storage: StorageOptions
        @OptionGroup var clock: ClockOptions

        func run() async throws {
            try await Batch.opened(storage, clock) { app in print(try await BureauOperations.listBatches(on: app).joined(separator: "\n")) }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a batch from a copy of another with the values of a JSON file (the form's fields; those left out keep the copy's).")
        @OptionGroup var storage: StorageOptions
        @OptionGroup var clock: ClockOptions
        @ArgumentParser.Option(help: "The batch to copy.") var from: String
        @ArgumentParser.Argument(help: "JSON: id, nameZh, nameEn, batchCode, noticeDocument, noticeIssuedOn, certificateListVersion, verificationCutoff, submissionOpens, submissionCloses, experienceCutoff, thresholds {…}.")
        var file: String

        func run() async throws {
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            try await Batch.opened(storage, clock) { [from] app in
                print("created " + (try await BureauOperations.createBatch(copying: from, draftJSON: data, on: app)))
            }
        }
    }

    struct Choose: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a batch the current one.")
        @OptionGroup var storage: StorageOptions
        @OptionGroup var clock: ClockOptions
        @ArgumentParser.Argument(help: "The batch's id.") var id: String

        func run() async throws {
            try await Batch.opened(storage, clock) { [id] app in
                try await BureauOperations.chooseBatch(id, on: app)
                print("current batch: \(id)")
            }
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close a batch: it takes no new files; those in it go on. Cannot be undone.")
        @OptionGroup var storage: StorageOptions
        @OptionGroup var clock: ClockOptions
        @ArgumentParser.Argument(help: "The batch's id.") var id: String

        func run() async throws {
            try await Batch.opened(storage, clock) { [id] app in
                try await BureauOperations.closeBatch(id, on: app)
                print("closed \(id)")
            }
        }
    }
}
