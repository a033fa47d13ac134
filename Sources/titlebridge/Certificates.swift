import ArgumentParser
import Foundation
import TitleBridgeServer

/// `titlebridge keys signing new|list|retire`: the certificate signing keys.
struct SigningKeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signing",
        abstract: "Certificate signing keys (Ed25519): make one, list them, retire one. Private keys stay in the data folder.",
        subcommands: [New.self, List.self, Retire.self])

    struct New: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a new signing key; it signs every certificate from now on.")
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let config = try AppConfig.fromEnvironment(dataDirectory: storage.dataDirectory)
            LogSetup.bootstrap(config)
            try await withApplication(config, arguments: ["titlebridge"]) { app in
                try await prepareDatabase(app, demo: false)
                print("new signing key: " + (try await CertificateOperations.newSigningKey(on: app)))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the signing keys: id, public key, created, retired.")
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let config = try AppConfig.fromEnvironment(dataDirectory: storage.dataDirectory)
            LogSetup.bootstrap(config)
            try await withApplication(config, arguments: ["titlebridge"]) { app in
                try await prepareDatabase(app, demo: false)
                let lines = try await CertificateOperations.listSigningKeys(on: app)
                print(lines.isEmpty ? "no signing key yet (the first issue makes one, or run `keys signing new`)" : lines.joined(separator: "\n"))
            }
        }
    }

    struct Retire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Retire a key: it signs nothing more; what it signed keeps verifying.")
        @OptionGroup var storage: StorageOptions
        @Argument(help: "The key's id (see `keys signing list`).") var keyID: String

        func run() async throws {
            let config = try AppConfig.fromEnvironment(dataDirectory: storage.dataDirectory)
            LogSetup.bootstrap(config)
            try await withApplication(config, arguments: ["titlebridge"]) { app in
                try await prepareDatabase(app, demo: false)
                try await CertificateOperations.retireSigningKey(keyID, on: app)
                print("retired \(keyID)")
            }
        }
    }
}

/// `titlebridge verify FILE.json`: a certificate checked offline.
struct VerifyCertificate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a certificate credential offline: format, signature, issuer, validity and (with --status-list) revocation. Exit status 1 when it is not valid.")

    @Argument(help: "The certificate's credential (JSON), as downloaded.") var file: String
    @ArgumentParser.Option(help: "The issuer's public key (z6Mk…) or a file holding its controller document (/credentials/issuer).")
    var key: String
    @ArgumentParser.Option(name: .customLong("status-list"), help: "The issuer's revocation list credential (/credentials/status/revocation).")
    var statusList: String?

    func run() throws {
        let credential = try Data(contentsOf: URL(fileURLWithPath: file))
        let keyText = FileManager.default.fileExists(atPath: key) ? try String(contentsOfFile: key, encoding: .utf8) : key
        let list = try statusList.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        let (valid, lines) = CertificateOperations.verifyOffline(credential: credential, key: keyText, statusList: list, now: Date())
        print(lines.joined(separator: "\n"))
        if !valid { throw ExitCode(1) }
    }
}
