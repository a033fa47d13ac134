import ArgumentParser
import Foundation
import TitleBridgeServer

/// `titlebridge backup --to DIR`: the database, the uploaded files and a manifest of checksums;
/// the keys too, sealed with a passphrase read from standard input, with `--with-keys`.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Back up the database and the uploaded files (safe while the server runs) into a new folder, with a manifest of checksums.")

    @OptionGroup var storage: StorageOptions

    @ArgumentParser.Option(name: .customLong("to"), help: "A new or empty folder for the backup.")
    var folder: String

    @ArgumentParser.Flag(name: .customLong("with-keys"),
                         help: "Also the personal-data and signing keys, sealed with a passphrase read from standard input (at least 12 characters). Keep it apart from the backup.")
    var withKeys = false

    func run() async throws {
        let passphrase = withKeys ? try readPassphrase() : nil
        let config = try AppConfig.fromEnvironment(dataDirectory: storage.dataDirectory)
        LogSetup.bootstrap(config)
        try await withApplication(config, arguments: ["titlebridge"]) { app in
            let summary = try await Backup.make(app: app, config: config, to: URL(fileURLWithPath: folder), keysPassphrase: passphrase)
            print("backup written to \(folder): the database, \(summary.files) uploaded files, \(summary.bytes) bytes"
                  + (summary.withKeys ? ", the keys (sealed)" : " (no keys: restore needs this installation's keys)"))
        }
    }
}

/// `titlebridge restore --from DIR`: checks the whole backup against its manifest, then puts it
/// into a data folder or PostgreSQL database that holds none yet.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a backup into an empty installation (stop the server first). A backup whose files do not match its manifest is refused whole.")

    @OptionGroup var storage: StorageOptions

    @ArgumentParser.Option(name: .customLong("from"), help: "The backup's folder.")
    var folder: String

    @ArgumentParser.Flag(name: .customLong("with-keys"), help: "Restore the keys from the backup too; the passphrase is read from standard input.")
    var withKeys = false

    func run() async throws {
        let source = URL(fileURLWithPath: folder)
        let manifest: Backup.Manifest
        do { manifest = try Backup.verify(source) } catch {
            FileHandle.standardError.write(Data("备份未通过校验，未恢复任何内容 / the backup was refused, nothing was restored: \(error)\n".utf8))
            throw ExitCode(1)
        }
        let config = try AppConfig.fromEnvironment(dataDirectory: storage.dataDirectory)
        if withKeys { try Backup.restoreKeys(from: source, manifest: manifest, config: config, passphrase: try readPassphrase()) }
        LogSetup.bootstrap(config)
        try await withApplication(config, arguments: ["titlebridge"]) { app in
            let files = try await Backup.restore(from: source, manifest: manifest, config: config, app: app)
            print("restored from \(folder): the database and \(files) uploaded files; start the server to bring it up to this version")
        }
    }
}

private func readPassphrase() throws -> String {
    if isatty(STDIN_FILENO) == 1 { FileHandle.standardError.write(Data("Passphrase for the keys / 密钥口令: ".utf8)) }
    guard let line = readLine(strippingNewline: true), !line.isEmpty else { throw ValidationError("no passphrase on standard input") }
    return line
}
