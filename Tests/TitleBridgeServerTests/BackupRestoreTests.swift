import Crypto
import Fluent
import Foundation
import SQLKit
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor

@Suite("Backup and restore: nothing lost, nothing changed, a changed backup refused")
struct BackupRestoreTests {
    static let passphrase = "correct horse battery staple"

    @Test("Backup → wipe → restore gives identical tables and files, and the personal data opens", arguments: DatabaseEngine.available)
    func roundTrip(engine: DatabaseEngine) async throws {
        let backup = temporaryFolder("backup")
        defer { try? FileManager.default.removeItem(at: backup) }
        var tablesBefore: [String: [String]] = [:]
        var filesBefore: [String: String] = [:]
        var storage: AppConfig.Storage?
        try await withTestApp(engine, demoFiles: true) { app in
            tablesBefore = try await TableSnapshot.take(app.db)
            filesBefore = try fileDigests(app.files.root)
            storage = app.testStorage
            _ = try await Backup.make(app: app, config: try testConfig(app), to: backup, keysPassphrase: Self.passphrase)
        }
        // withTestApp dropped the database and removed the data folder with its keys: the wipe.
        #expect(tablesBefore["applications", default: []].count > 10)
        #expect(filesBefore.count >= 4, "the demo batch uploads documents")
        let restoredFolder = temporaryFolder("restored")
        defer { try? FileManager.default.removeItem(at: restoredFolder) }
        let restoredStorage: AppConfig.Storage = switch try #require(storage) {
        case .sqlite: .sqlite(path: restoredFolder.appendingPathComponent(AppConfig.sqliteFileName).path)
        case .postgres(let url, let searchPath): .postgres(url: url, searchPath: searchPath)
        }
        let config = AppConfig(dataDirectory: restoredFolder.path, storage: restoredStorage, logLevel: .warning,
                               security: SecuritySettings(bcryptCost: 4))
        let manifest = try Backup.verify(backup)
        try Backup.restoreKeys(from: backup, manifest: manifest, config: config, passphrase: Self.passphrase)
        try await withConfiguredApp(config) { app in
            let restored = try await Backup.restore(from: backup, manifest: manifest, config: config, app: app)
            #expect(restored == filesBefore.count)
            let tablesAfter = try await TableSnapshot.take(app.db)
            #expect(Set(tablesAfter.keys) == Set(tablesBefore.keys))
            for (table, rows) in tablesBefore {
                #expect(tablesAfter[table] == rows, "table \(table) differs after the restore")
            }
            #expect(try fileDigests(app.files.root) == filesBefore)
            // The restored installation runs: sealed ID numbers open, the audit chain holds and grows.
            let sealed = try await ApplicationRecord.query(on: app.db).filter(\.$idNumberSealed != nil).all()
            #expect(!sealed.isEmpty)
            for record in sealed {
                _ = try app.security.cipher.open(try #require(record.idNumberSealed), in: .applicationIDNumber, row: try record.requireID())
            }
            _ = try await prepareDatabase(app, demo: false)
            _ = try await signInAPI(app, "applicant1")
            #expect(try await AuditLog.verify(on: app.db).firstBrokenSeq == nil)
        }
    }

    @Test("A backup with a changed, missing or extra file is refused whole", arguments: ["changed", "missing", "extra", "manifest"])
    func tamperedRefused(change: String) async throws {
        let backup = temporaryFolder("backup")
        defer { try? FileManager.default.removeItem(at: backup) }
        try await withTestApp(.sqlite, demoFiles: true) { app in
            _ = try await Backup.make(app: app, config: try testConfig(app), to: backup, keysPassphrase: nil)
        }
        _ = try Backup.verify(backup)
        let upload = try #require(try Backup.regularFiles(under: backup).first { $0.hasPrefix("files/") })
        let url = backup.appendingPathComponent(upload)
        switch change {
        case "changed":
            var bytes = try Data(contentsOf: url)
            bytes[bytes.count / 2] ^= 0x01
            try bytes.write(to: url)
        case "missing": try FileManager.default.removeItem(at: url)
        case "extra": try Data("%PDF-1.4".utf8).write(to: backup.appendingPathComponent("files/planted.pdf"))
        default: try FileManager.default.removeItem(at: backup.appendingPathComponent(Backup.manifestName))
        }
        #expect(throws: ConfigError.self) { try Backup.verify(backup) }
    }

    @Test("The commands: backup of a running installation's folder, a tampered copy refused with nothing written, a restore that serves")
    func commandLine() throws {
        let root = temporaryFolder("cli")
        defer { try? FileManager.default.removeItem(at: root) }
        let data = root.appendingPathComponent("data").path, backup = root.appendingPathComponent("backup").path
        #expect(try runTitlebridge(["seed", "--demo", "--data-dir", data]).0 == 0)
        let (made, said) = try runTitlebridge(["backup", "--data-dir", data, "--to", backup], stderr: true)
        #expect(made == 0, "\(said)")
        #expect(said.contains("backup written"))
        // Restore needs this installation's keys: the restored folder gets the same key file.
        let target = root.appendingPathComponent("restored")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: data + "/personal-data.keys", toPath: target.path + "/personal-data.keys")

        let tampered = root.appendingPathComponent("tampered").path
        try FileManager.default.copyItem(atPath: backup, toPath: tampered)
        let database = URL(fileURLWithPath: tampered).appendingPathComponent("database.sqlite")
        var bytes = try Data(contentsOf: database)
        bytes[bytes.count - 100] ^= 0xFF
        try bytes.write(to: database)
        let (refused, why) = try runTitlebridge(["restore", "--data-dir", target.path, "--from", tampered], stderr: true)
        #expect(refused != 0)
        #expect(why.contains("database.sqlite does not match its checksum"))
        #expect(!FileManager.default.fileExists(atPath: target.path + "/" + AppConfig.sqliteFileName))

        let (restored, report) = try runTitlebridge(["restore", "--data-dir", target.path, "--from", backup], stderr: true)
        #expect(restored == 0, "\(report)")
        let (again, twice) = try runTitlebridge(["restore", "--data-dir", target.path, "--from", backup], stderr: true)
        #expect(again != 0 && twice.contains("exists"), "a restore never goes over a database")
        let (verified, audit) = try runTitlebridge(["audit", "verify", "--data-dir", target.path])
        #expect(verified == 0 && audit.contains("intact"), "\(audit)")
    }
}

private func temporaryFolder(_ name: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("titlebridge-\(name)-\(UUID().uuidString)")
}

/// The configuration a test application was made with, as the backup needs it.
private func testConfig(_ app: Application) throws -> AppConfig {
    guard let storage = app.testStorage else { throw TestSetupError("not a test application") }
    return AppConfig(dataDirectory: app.files.root.deletingLastPathComponent().path, storage: storage,
                     logLevel: .warning, security: SecuritySettings(bcryptCost: 4))
}

/// An application configured on `config` (nothing migrated), shut down and its database
/// dropped afterwards.
private func withConfiguredApp(_ config: AppConfig, _ body: (Application) async throws -> Void) async throws {
    let app = try await Application.make(.testing)
    do {
        try configure(app, config: config, services: try DomainServices.bundled(clock: shanghaiNoon("2024-09-10")))
        try await body(app)
    } catch {
        await dropSchema(app, config)
        try await app.asyncShutdown()
        throw error
    }
    await dropSchema(app, config)
    try await app.asyncShutdown()
}

private func dropSchema(_ app: Application, _ config: AppConfig) async {
    if case .postgres(_, let searchPath) = config.storage, let schema = searchPath?.first, let sql = app.db as? any SQLDatabase {
        try? await sql.raw("DROP SCHEMA IF EXISTS \(ident: schema) CASCADE").run()
    }
}

/// SHA-256 of every file under `root`, by relative path.
private func fileDigests(_ root: URL) throws -> [String: String] {
    var digests: [String: String] = [:]
    for relative in try Backup.regularFiles(under: root) {
        digests[relative] = SHA256.hash(data: try Data(contentsOf: root.appendingPathComponent(relative))).hexString
    }
    return digests
}

/// Every row of every table as text, sorted: two databases with the same snapshot hold the same data.
enum TableSnapshot {
    static func take(_ database: any Database) async throws -> [String: [String]] {
        guard let sql = database as? any SQLDatabase else { throw TestSetupError("not an SQL database") }
        var snapshot: [String: [String]] = [:]
        if sql.dialect.name == "sqlite" {
            let tables = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all()
                .map { try $0.decode(column: "name", as: String.self) }
            for table in tables {
                let columns = try await sql.raw("SELECT name FROM pragma_table_info(\(bind: table))").all()
                    .map { try $0.decode(column: "name", as: String.self) }
                let expression = columns.map { "quote(\"\($0)\")" }.joined(separator: " || '|' || ")
                snapshot[table] = try await sql.raw("SELECT \(unsafeRaw: expression) AS line FROM \(ident: table)").all()
                    .map { try $0.decode(column: "line", as: String.self) }.sorted()
            }
        } else {
            let tables = try await sql.raw("""
                SELECT table_name AS name FROM information_schema.tables
                WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
                """).all().map { try $0.decode(column: "name", as: String.self) }
            for table in tables {
                snapshot[table] = try await sql.raw("SELECT t::text AS line FROM \(ident: table) t").all()
                    .map { try $0.decode(column: "line", as: String.self) }.sorted()
            }
        }
        return snapshot
    }
}
