import Crypto
import _CryptoExtras
import Fluent
import Foundation
import SQLKit
import Vapor

/// `titlebridge backup` and `restore`: the database (SQLite's `VACUUM INTO`, a consistent copy
/// taken while the server runs; `pg_dump` on PostgreSQL), the uploaded files, and — only when
/// asked — the keys, sealed with a passphrase. `manifest.json`, written last, names every file
/// of the backup with its size and SHA-256; a backup without it is unfinished, and one whose
/// files do not match it is refused whole before anything is written.
///
/// The database is copied before the files: an upload's bytes are on disk before its row is
/// committed, so every row in the copy finds its file in the backup.
public enum Backup {
    public static let manifestName = "manifest.json"
    static let sqliteName = "database.sqlite"
    static let postgresName = "database.pgdump"
    static let keysName = "keys.sealed"
    static let filesFolder = "files"

    public struct Manifest: Codable, Sendable, Equatable {
        public struct Entry: Codable, Sendable, Equatable {
            public let path: String
            public let size: Int
            public let sha256: String
        }
        public var format: Int
        /// `sqlite` or `postgresql`: a backup goes back into the kind of database it came from.
        public var engine: String
        public var createdAt: String
        /// Check values of the personal-data keyring the backup was made with (never the keys): its sealed values open only with them.
        public var dataKeyChecks: [String: String]
        public var entries: [Entry]
    }

    public struct Summary: Sendable {
        public let files: Int
        public let bytes: Int
        public let withKeys: Bool
    }

    // MARK: Backup

    /// Writes a backup of `app`'s database and files to `folder`, which must be new or empty.
    /// `keysPassphrase` non-nil adds the keys, sealed with it.
    public static func make(app: Application, config: AppConfig, to folder: URL, keysPassphrase: String?) async throws -> Summary {
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: folder.path) {
            guard try fileManager.contentsOfDirectory(atPath: folder.path).isEmpty else {
                throw ConfigError("\(folder.path) is not empty; a backup goes into a new folder")
            }
        }
        try fileManager.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let engine: String
        switch config.storage {
        case .sqlite:
            engine = "sqlite"
            guard let sql = app.db as? any SQLDatabase else { throw ConfigError("the database does not accept SQL") }
            try await sql.raw("VACUUM INTO \(bind: folder.appendingPathComponent(sqliteName).path)").run()
        case .postgres(let url, let searchPath):
            engine = "postgresql"
            var arguments = ["--format=custom", "--no-owner", "--no-privileges",
                             "--file", folder.appendingPathComponent(postgresName).path]
            if let schema = searchPath?.first { arguments += ["--schema", schema] }
            try PostgresTool.run("pg_dump", arguments: arguments, url: url)
        }
        let store = app.files.root
        if fileManager.fileExists(atPath: store.path) {
            for relative in try regularFiles(under: store) {
                let target = folder.appendingPathComponent(filesFolder).appendingPathComponent(relative)
                try fileManager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try fileManager.copyItem(at: store.appendingPathComponent(relative), to: target)
            }
        }
        if let keysPassphrase {
            let sealed = try KeyBundle.collect(config: config).sealed(with: keysPassphrase)
            try write(sealed, to: folder.appendingPathComponent(keysName))
        }
        var entries: [Manifest.Entry] = []
        for relative in try regularFiles(under: folder) where relative != manifestName {
            let data = try Data(contentsOf: folder.appendingPathComponent(relative))
            try? fileManager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: folder.appendingPathComponent(relative).path)
            entries.append(.init(path: relative, size: data.count, sha256: SHA256.hash(data: data).hexString))
        }
        let manifest = Manifest(format: 1, engine: engine, createdAt: ISO8601DateFormatter().string(from: Date()),
                                dataKeyChecks: app.security.cipher.keyChecks, entries: entries)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try write(try encoder.encode(manifest), to: folder.appendingPathComponent(manifestName))
        return Summary(files: entries.filter { $0.path.hasPrefix(filesFolder + "/") }.count,
                       bytes: entries.reduce(0) { $0 + $1.size }, withKeys: keysPassphrase != nil)
    }

    // MARK: Restore

    /// Reads `folder`'s manifest and checks every file of the backup against it; throws,
    /// naming the first that does not match, before anything is restored.
    public static func verify(_ folder: URL) throws -> Manifest {
        let manifestURL = folder.appendingPathComponent(manifestName)
        guard let data = try? Data(contentsOf: manifestURL) else {
            throw ConfigError("\(folder.path) holds no \(manifestName): not a backup, or an unfinished one")
        }
        let manifest: Manifest
        do { manifest = try JSONDecoder().decode(Manifest.self, from: data) } catch {
            throw ConfigError("\(manifestName) cannot be read: \(error)")
        }
        guard manifest.format == 1 else { throw ConfigError("backup format \(manifest.format) is not one this version reads") }
        let listed = Set(manifest.entries.map(\.path))
        for relative in try regularFiles(under: folder) where relative != manifestName && !listed.contains(relative) {
            throw ConfigError("\(relative) is in the backup but not in its manifest; refused")
        }
        for entry in manifest.entries {
            guard !entry.path.split(separator: "/").contains(".."), !entry.path.hasPrefix("/") else {
                throw ConfigError("the manifest names a path outside the backup (\(entry.path)); refused")
            }
            guard let bytes = try? Data(contentsOf: folder.appendingPathComponent(entry.path)) else {
                throw ConfigError("\(entry.path) is missing from the backup; refused")
            }
            guard bytes.count == entry.size, SHA256.hash(data: bytes).hexString == entry.sha256 else {
                throw ConfigError("\(entry.path) does not match its checksum in the manifest; the backup was changed or damaged and is refused")
            }
        }
        return manifest
    }

    /// Puts the keys of a backup made with keys into `config`'s data folder; never replaces a
    /// key file that is there with different content. Done before anything opens the database,
    /// which would otherwise make a fresh key.
    public static func restoreKeys(from folder: URL, manifest: Manifest, config: AppConfig, passphrase: String) throws {
        guard manifest.entries.contains(where: { $0.path == keysName }) else {
            throw ConfigError("this backup was made without its keys (backup --with-keys)")
        }
        let bundle = try KeyBundle.open(try Data(contentsOf: folder.appendingPathComponent(keysName)), passphrase: passphrase)
        try bundle.install(into: config.dataDirectory)
    }

    /// Restores the database and files of a verified backup into `config`'s storage, which
    /// must hold no database yet. `app` is configured on that storage; on SQLite the database
    /// file is put in place without opening it.
    public static func restore(from folder: URL, manifest: Manifest, config: AppConfig, app: Application) async throws -> Int {
        let missingKeys = manifest.dataKeyChecks.filter { app.security.cipher.keyChecks[$0.key] != $0.value }.keys.sorted()
        guard missingKeys.isEmpty else {
            throw ConfigError("the personal data in this backup is sealed with keys this installation does not hold (\(missingKeys.joined(separator: ", "))); restore --with-keys from a backup made with its keys, or set TITLEBRIDGE_DATA_KEYS")
        }
        switch config.storage {
        case .sqlite(let path):
            guard manifest.engine == "sqlite" else { throw ConfigError("this backup is of a \(manifest.engine) database; DATABASE_URL must name one") }
            let fileManager = FileManager.default
            for suffix in ["", "-wal", "-shm"] where fileManager.fileExists(atPath: path + suffix) {
                throw ConfigError("\(path + suffix) exists; restore goes into a data folder without a database (move it away first)")
            }
            let staging = path + ".restoring"
            try? fileManager.removeItem(atPath: staging)
            try fileManager.copyItem(at: folder.appendingPathComponent(sqliteName), to: URL(fileURLWithPath: staging))
            try fileManager.moveItem(atPath: staging, toPath: path)
        case .postgres(let url, let searchPath):
            guard manifest.engine == "postgresql" else { throw ConfigError("this backup is of a \(manifest.engine) database; restore it without DATABASE_URL") }
            guard try await isEmpty(app.db) else {
                throw ConfigError("the database already holds TitleBridge's tables; restore goes into an empty database")
            }
            // The schema's owner restores it (the serving role may not create tables).
            let restorer = config.ownerDatabaseURL == nil ? app.db : app.db(.owner)
            if let schema = searchPath?.first, schema != "public", let sql = restorer as? any SQLDatabase {
                // The dump creates its schema; an empty one made beforehand is in its way.
                try await sql.raw("DROP SCHEMA IF EXISTS \(ident: schema)").run()
            }
            try PostgresTool.run("pg_restore", arguments: ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
                                                           folder.appendingPathComponent(postgresName).path],
                                 url: config.ownerDatabaseURL ?? url, databaseFlag: "--dbname")
        }
        var restored = 0
        for entry in manifest.entries where entry.path.hasPrefix(filesFolder + "/") {
            let relative = String(entry.path.dropFirst(filesFolder.count + 1))
            let target = app.files.root.appendingPathComponent(relative)
            if FileManager.default.fileExists(atPath: target.path) { continue }
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: folder.appendingPathComponent(entry.path), to: target)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target.path)
            restored += 1
        }
        return restored
    }

    // MARK: Helpers

    /// Every regular file under `root`, as paths relative to it, sorted.
    static func regularFiles(under root: URL) throws -> [String] {
        let base = root.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var found: [String] = []
        for case let url as URL in walker where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(base + "/") else { continue }
            found.append(String(path.dropFirst(base.count + 1)))
        }
        return found.sorted()
    }

    static func write(_ data: Data, to url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw ConfigError("cannot write \(url.path)")
        }
    }
}

/// The keys a backup may carry: the personal-data keyring and the certificate signing keys,
/// as found in the data folder, sealed with ChaCha20-Poly1305 under a key derived from a
/// passphrase by scrypt.
struct KeyBundle: Codable {
    static let personalDataFile = "personal-data.keys"
    static let signingFolder = "signing-keys"

    /// Relative path in the data folder → content.
    var files: [String: String]

    static func collect(config: AppConfig) throws -> KeyBundle {
        let root = URL(fileURLWithPath: config.dataDirectory)
        var files: [String: String] = [:]
        if let text = try? String(contentsOf: root.appendingPathComponent(personalDataFile), encoding: .utf8) {
            files[personalDataFile] = text
        }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(signingFolder).path)) ?? []
        where name.hasSuffix(".key") {
            files[signingFolder + "/" + name] = try String(contentsOf: root.appendingPathComponent(signingFolder).appendingPathComponent(name), encoding: .utf8)
        }
        return KeyBundle(files: files)
    }

    private static func key(_ passphrase: String, salt: Data) throws -> SymmetricKey {
        try KDF.Scrypt.deriveKey(from: Data(passphrase.utf8), salt: salt, outputByteCount: 32, rounds: 1 << 15, blockSize: 8, parallelism: 1)
    }

    /// `salt (16) ‖ ChaChaPoly combined box`.
    func sealed(with passphrase: String) throws -> Data {
        guard passphrase.count >= 12 else { throw ConfigError("the passphrase for the keys must be at least 12 characters") }
        let salt = Data(SymmetricKey(size: .bits128).withUnsafeBytes { Array($0) })
        let box = try ChaChaPoly.seal(try JSONEncoder().encode(self), using: try Self.key(passphrase, salt: salt))
        return salt + box.combined
    }

    static func open(_ data: Data, passphrase: String) throws -> KeyBundle {
        guard data.count > 16 else { throw ConfigError("the sealed keys are damaged") }
        do {
            let box = try ChaChaPoly.SealedBox(combined: data.dropFirst(16))
            let plain = try ChaChaPoly.open(box, using: try key(passphrase, salt: Data(data.prefix(16))))
            return try JSONDecoder().decode(KeyBundle.self, from: plain)
        } catch {
            throw ConfigError("the keys do not open with this passphrase")
        }
    }

    func install(into dataDirectory: String) throws {
        let root = URL(fileURLWithPath: dataDirectory)
        for (relative, content) in files.sorted(by: { $0.key < $1.key }) {
            guard relative == Self.personalDataFile
                    || (relative.hasPrefix(Self.signingFolder + "/") && !relative.dropFirst(Self.signingFolder.count + 1).contains("/")
                        && !relative.contains("..")) else {
                throw ConfigError("the sealed keys name an unexpected file (\(relative)); refused")
            }
            let target = root.appendingPathComponent(relative)
            if let present = try? String(contentsOf: target, encoding: .utf8) {
                guard present == content else { throw ConfigError("\(target.path) exists with other keys; move it away to restore these") }
                continue
            }
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            try Backup.write(Data(content.utf8), to: target)
        }
    }
}

/// Runs `pg_dump` / `pg_restore` against a `DATABASE_URL`, the password in the environment
/// (never on the command line, where `ps` shows it).
enum PostgresTool {
    static func run(_ tool: String, arguments: [String], url: String, databaseFlag: String? = nil) throws {
        guard let parts = URLComponents(string: url), let host = parts.host else { throw ConfigError("DATABASE_URL cannot be read") }
        var environment = ProcessInfo.processInfo.environment
        environment["PGHOST"] = host
        environment["PGPORT"] = String(parts.port ?? 5432)
        if let user = parts.user { environment["PGUSER"] = user.removingPercentEncoding ?? user }
        if let password = parts.password { environment["PGPASSWORD"] = password.removingPercentEncoding ?? password }
        let database = String(parts.path.drop(while: { $0 == "/" }))
        let tls = parts.queryItems?.first { $0.name == "tlsmode" || $0.name == "sslmode" }?.value
        environment["PGSSLMODE"] = tls == "disable" ? "disable" : (tls == "require" ? "require" : "prefer")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments + (databaseFlag.map { [$0, database] } ?? [database])
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        do { try process.run() } catch { throw ConfigError("\(tool) could not be started: \(error)") }
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ConfigError("\(tool) failed (exit \(process.terminationStatus)): \(String(decoding: message, as: UTF8.self))")
        }
    }
}
