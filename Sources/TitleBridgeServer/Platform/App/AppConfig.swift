import Foundation
import Logging
import TitleBridgeCore

/// Everything an operator can set, from flags and environment. The README's configuration
/// table lists the same names; keep the two in step.
public struct AppConfig: Sendable {
    public enum Storage: Sendable, Equatable {
        /// Embedded SQLite file under the data directory (WAL mode).
        case sqlite(path: String)
        /// A PostgreSQL server, from `DATABASE_URL`. `searchPath` isolates a schema (tests).
        case postgres(url: String, searchPath: [String]?)
    }

    public var hostname: String
    public var port: Int
    public var dataDirectory: String
    public var storage: Storage
    public var logLevel: Logger.Level
    public var logFormat: LogFormat
    /// Whether `serve` may create demo data in a new database.
    public var demoData: Bool
    /// Whether SQL statements are logged (at debug level).
    public var logSQL: Bool
    /// Sign-in, sessions, personal-data keys, 一网通办.
    public var security: SecuritySettings
    /// The largest file one upload may be, in bytes (`TITLEBRIDGE_MAX_UPLOAD_MB`).
    public var maximumUploadBytes: Int
    /// A rehearsal's simulated start (`--clock`, `TITLEBRIDGE_CLOCK`); nil runs on the real time.
    public var clockStart: Date?
    /// A folder of further batch policy files (`TITLEBRIDGE_POLICY_DIR`).
    public var policyFolder: String?
    /// The batch to run (`TITLEBRIDGE_BATCH`); nil runs the batch whose window opens last.
    public var currentBatch: String?
    /// `DATABASE_OWNER_URL`: on PostgreSQL, the owner of the schema, who alone runs the
    /// migrations; `DATABASE_URL` then names the serving role, which may change data but not the
    /// schema, and may only append to the audit log (`ServingRole`).
    public var ownerDatabaseURL: String?

    public enum LogFormat: String, Sendable, CaseIterable {
        case text
        case json
    }

    public static let defaultHostname = "127.0.0.1"
    public static let defaultPort = 8080
    public static let defaultDataDirectory = "data"
    public static let sqliteFileName = "titlebridge.sqlite"

    public init(hostname: String = AppConfig.defaultHostname,
                port: Int = AppConfig.defaultPort,
                dataDirectory: String = AppConfig.defaultDataDirectory,
                storage: Storage? = nil,
                logLevel: Logger.Level = .info,
                logFormat: LogFormat = .text,
                demoData: Bool = true,
                logSQL: Bool = false,
                security: SecuritySettings = SecuritySettings(),
                maximumUploadBytes: Int = 10 * 1024 * 1024,
                clockStart: Date? = nil,
                policyFolder: String? = nil,
                currentBatch: String? = nil,
                ownerDatabaseURL: String? = nil) {
        self.hostname = hostname
        self.port = port
        self.dataDirectory = dataDirectory
        self.storage = storage ?? .sqlite(path: (dataDirectory as NSString).appendingPathComponent(AppConfig.sqliteFileName))
        self.logLevel = logLevel
        self.logFormat = logFormat
        self.demoData = demoData
        self.logSQL = logSQL
        self.security = security
        self.maximumUploadBytes = maximumUploadBytes
        self.clockStart = clockStart
        self.policyFolder = policyFolder
        self.currentBatch = currentBatch
        self.ownerDatabaseURL = ownerDatabaseURL
    }

    /// Reads the environment: `DATABASE_URL`, `TITLEBRIDGE_HOSTNAME`, `TITLEBRIDGE_PORT`,
    /// `TITLEBRIDGE_DATA_DIR`, `TITLEBRIDGE_CLOCK`, `TITLEBRIDGE_POLICY_DIR`, `TITLEBRIDGE_BATCH`,
    /// `LOG_LEVEL`, `LOG_FORMAT`. Flags given on the command line win.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment,
        hostname: String? = nil, port: Int? = nil, dataDirectory: String? = nil, demoData: Bool = true,
        clock: String? = nil
    ) throws -> AppConfig {
        let directory = dataDirectory ?? environment["TITLEBRIDGE_DATA_DIR"] ?? defaultDataDirectory
        var storage: Storage? = nil
        if let url = environment["DATABASE_URL"], !url.isEmpty {
            guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
                throw ConfigError("DATABASE_URL must start with postgres:// or postgresql://")
            }
            storage = .postgres(url: url, searchPath: nil)
        }
        var ownerURL: String?
        if let url = environment["DATABASE_OWNER_URL"], !url.isEmpty {
            guard storage != nil else { throw ConfigError("DATABASE_OWNER_URL is set, so DATABASE_URL (the serving role) must be set too") }
            guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
                throw ConfigError("DATABASE_OWNER_URL must start with postgres:// or postgresql://")
            }
            ownerURL = url
        }
        var resolvedPort = port ?? defaultPort
        if port == nil, let text = environment["TITLEBRIDGE_PORT"] {
            guard let value = Int(text), (1...65535).contains(value) else {
                throw ConfigError("TITLEBRIDGE_PORT must be a port number, found “\(text)”")
            }
            resolvedPort = value
        }
        var level = Logger.Level.info
        if let text = environment["LOG_LEVEL"] {
            guard let value = Logger.Level(rawValue: text.lowercased()) else {
                throw ConfigError("LOG_LEVEL must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            level = value
        }
        var format = LogFormat.text
        if let text = environment["LOG_FORMAT"] {
            guard let value = LogFormat(rawValue: text.lowercased()) else {
                throw ConfigError("LOG_FORMAT must be text or json")
            }
            format = value
        }
        var uploadMB = 10
        if let text = environment["TITLEBRIDGE_MAX_UPLOAD_MB"] {
            guard let value = Int(text), (1...10).contains(value) else {
                throw ConfigError("TITLEBRIDGE_MAX_UPLOAD_MB must be a whole number from 1 to 10, found “\(text)”")
            }
            uploadMB = value
        }
        var clockStart: Date?
        if let text = clock ?? environment["TITLEBRIDGE_CLOCK"].flatMap({ $0.isEmpty ? nil : $0 }) {
            guard let instant = RehearsalClock.instant(from: text) else {
                throw ConfigError("--clock (TITLEBRIDGE_CLOCK) must be an instant such as 2024-09-10T09:00:00+08:00, found “\(text)”")
            }
            clockStart = instant
        }
        return AppConfig(
            hostname: hostname ?? environment["TITLEBRIDGE_HOSTNAME"] ?? defaultHostname,
            port: resolvedPort,
            dataDirectory: directory,
            storage: storage,
            logLevel: level,
            logFormat: format,
            demoData: demoData,
            logSQL: environment["LOG_SQL"] == "1",
            security: try SecuritySettings.fromEnvironment(environment),
            maximumUploadBytes: uploadMB * 1024 * 1024,
            clockStart: clockStart,
            policyFolder: environment["TITLEBRIDGE_POLICY_DIR"].flatMap { $0.isEmpty ? nil : $0 },
            currentBatch: environment["TITLEBRIDGE_BATCH"].flatMap { $0.isEmpty ? nil : $0 },
            ownerDatabaseURL: ownerURL)
    }

    /// The site's address as users reach it (no trailing slash).
    public var siteBase: String {
        var base = security.publicURL ?? "http://\(hostname):\(port)"
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }

    /// Where 一网通办 sends the browser back after sign-in.
    public var openIDRedirectURI: String { siteBase + SiteURL.openIDCallback.path }

    /// The database as a person should read it in a log line: no password.
    public var storageDescription: String {
        switch storage {
        case .sqlite(let path): return "SQLite \(path)"
        case .postgres(let url, _):
            guard var parts = URLComponents(string: url) else { return "PostgreSQL" }
            if parts.password != nil { parts.password = "***" }
            return "PostgreSQL \(parts.string ?? "")"
        }
    }
}

public struct ConfigError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
