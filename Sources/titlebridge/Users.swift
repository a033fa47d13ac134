import ArgumentParser
import Foundation
import TitleBridgeCore
import TitleBridgeServer

/// `titlebridge users create`: accounts from the command line (the first administrator).
struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage accounts from the command line.",
        subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account. The password is read from standard input (one line), never from the command line.")

        @OptionGroup var storage: StorageOptions

        @ArgumentParser.Option(help: "User name: 3–32 of a-z 0-9 . _ -")
        var username: String

        @ArgumentParser.Option(help: "The person's name as shown in the system.")
        var name: String

        @ArgumentParser.Option(name: .customLong("role"), help: "A role (repeatable): \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
        var roles: [String] = []

        @ArgumentParser.Option(help: "Unified social credit code of the account's organisation, if any.")
        var organisation: String?

        func run() async throws {
            let parsed = try roles.map { text in
                guard let role = Role(rawValue: text) else { throw ValidationError("unknown role “\(text)”") }
                return role
            }
            guard !parsed.isEmpty else { throw ValidationError("give at least one --role") }
            if isatty(STDIN_FILENO) == 1 { FileHandle.standardError.write(Data("Password / 密码: ".utf8)) }
            guard let password = readLine(strippingNewline: true), !password.isEmpty else {
                throw ValidationError("no password on standard input")
            }
            let config = try AppConfig.fromEnvironment(dataDirectory: storage.dataDirectory)
            LogSetup.bootstrap(config)
            try await withApplication(config, arguments: ["titlebridge"]) { app in
                try await prepareDatabase(app, demo: false)
                let id = try await OperatorTasks.createUser(on: app, username: username, displayName: name, password: password,
                                                            roles: parsed, organisationCreditCode: organisation)
                print("created \(username.lowercased()) (\(parsed.map(\.rawValue).joined(separator: ", "))) id \(id)")
            }
        }
    }
}

/// `titlebridge audit verify`: walk the hash chain of the audit log.
struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the audit log.",
        subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Walk the audit log's hash chain and name the first row that does not hold (exit status 1).")

        @OptionGroup var storage: StorageOptions

        @ArgumentParser.Option(name: .customLong("expect-head"),
                               help: "The head (SEQ:HASH) an earlier run printed: fail if that row is gone or changed (rows removed from the end).")
        var expectedHead: String?

        func run() async throws {
            let config = try AppConfig.fromEnvironment(dataDirectory: storage.dataDirectory)
            LogSetup.bootstrap(config)
            var intact = true
            try await withApplication(config, arguments: ["titlebridge"]) { app in
                let report = try await OperatorTasks.verifyAudit(on: app, expectedHead: expectedHead)
                if let row = report.firstBrokenRow {
                    intact = false
                    print("audit log BROKEN at row \(row): \(report.problem ?? "") (\(EnglishText.count(report.rowsChecked, "row")) checked)")
                } else {
                    print("audit log intact: \(EnglishText.count(report.rowsChecked, "row")); head \(report.head ?? "none") (write it down elsewhere; check later with --expect-head)")
                }
            }
            if !intact { throw ExitCode(1) }
        }
    }
}

/// `titlebridge keys`: personal-data key rotation.
struct Keys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Personal-data keys (make a new one, move data to the newest) and certificate signing keys.",
        subcommands: [NewDataKey.self, Reseal.self, SigningKeysCommand.self])

    struct NewDataKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new-data-key",
            abstract: "Print a new key entry; put it first in TITLEBRIDGE_DATA_KEYS, keep the old ones after it, then run `keys reseal`.")

        @ArgumentParser.Option(help: "The key's id.")
        var id: String

        func run() throws {
            print(OperatorTasks.newDataKey(id: id))
        }
    }

    struct Reseal: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Seal every ID and phone number (accounts, application files, verification results) again with the first key of the keyring, bound to its row.")

        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let config = try AppConfig.fromEnvironment(dataDirectory: storage.dataDirectory)
            LogSetup.bootstrap(config)
            try await withApplication(config, arguments: ["titlebridge"]) { app in
                let moved = try await OperatorTasks.resealPersonalData(on: app)
                print("resealed \(EnglishText.count(moved, "value")) with the newest key")
            }
        }
    }
}
