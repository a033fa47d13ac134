import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Leaf
import LeafKit
import SQLKit
import TitleBridgeCore
import Vapor

/// Where the server's bundled resources (views, stylesheet) live.
enum ServerResources {
    /// Foundation on Linux points `resourceURL` inside the bundle's `Resources` folder already;
    /// elsewhere the copied folder sits inside the bundle.
    static let root: URL? = [Bundle.module.resourceURL?.appendingPathComponent("Resources"), Bundle.module.resourceURL,
                             Bundle.module.bundleURL.appendingPathComponent("Resources")]
        .compactMap { $0 }
        .first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("Views/layout.leaf").path) }
    static var viewsDirectory: String? { root.map { $0.appendingPathComponent("Views").path + "/" } }

    static func text(_ relativePath: String) throws -> String {
        guard let url = root?.appendingPathComponent(relativePath) else {
            throw ConfigError("the server's resource bundle is missing (\(relativePath))")
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}

/// Sets up a TitleBridge application: database, migrations, views, middleware and routes.
/// It does not touch the database; `prepareDatabase` does that.
public func configure(_ app: Application, config: AppConfig, services: DomainServices) throws {
    app.domain = services
    // A page must never show a key for want of a word: a catalogue with a gap does not start.
    let textProblems = TextCatalogue.bundled.problems()
    guard textProblems.isEmpty else {
        throw ConfigError("the text catalogue is incomplete: " + textProblems.joined(separator: "; "))
    }
    app.http.server.configuration.hostname = config.hostname
    app.http.server.configuration.port = config.port
    app.routes.defaultMaxBodySize = "1mb"

    switch config.storage {
    case .sqlite(let path):
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        app.databases.use(.sqlite(.file(path), sqlLogLevel: config.logSQL ? .debug : .trace), as: .sqlite)
    case .postgres(let url, let searchPath):
        var configuration = try SQLPostgresConfiguration(url: url)
        configuration.searchPath = searchPath
        app.databases.use(.postgres(configuration: configuration, sqlLogLevel: config.logSQL ? .debug : .trace), as: .psql)
        if let owner = config.ownerDatabaseURL {
            var ownerConfiguration = try SQLPostgresConfiguration(url: owner)
            ownerConfiguration.searchPath = searchPath
            app.databases.use(.postgres(configuration: ownerConfiguration, maxConnectionsPerEventLoop: 1,
                                        sqlLogLevel: config.logSQL ? .debug : .trace), as: .owner, isDefault: false)
            app.servingRole = URLComponents(string: url)?.user
        }
    }
    app.migrations.add(AppMigrations.all, to: config.ownerDatabaseURL == nil ? nil : .owner)

    app.files = FileStore(dataDirectory: config.dataDirectory, maximumSize: config.maximumUploadBytes)
    app.passwords.use(.bcrypt(cost: config.security.bcryptCost))
    if case .postgres = config.storage, config.security.dataKeys == nil {
        app.logger.warning("TITLEBRIDGE_DATA_KEYS is not set: personal data is sealed with the key file in the data folder; every instance sharing this database needs the same keys")
    }
    app.security = SecurityServices(
        settings: config.security,
        cipher: try PersonalDataCipher.load(settings: config.security, dataDirectory: config.dataDirectory),
        auditGate: AsyncGate(),
        openID: config.security.oidc.map { OpenIDClient(settings: $0, redirectURI: config.openIDRedirectURI) },
        decoyPasswordHash: try app.password.hash(SecureToken.make()))

    app.signingKeys = SigningKeys(dataDirectory: config.dataDirectory, environmentKey: config.security.signingKey,
                                  siteBase: config.siteBase)

    guard let views = ServerResources.viewsDirectory else {
        throw ConfigError("the server's resource bundle is missing (Views)")
    }
    app.leaf.configuration = LeafConfiguration(rootDirectory: views)
    // The views live inside the build folder (`.build/…`), which the default limits refuse
    // as a hidden directory; keep the sandbox and the extension rule.
    app.leaf.sources = .singleSource(NIOLeafFiles(fileio: app.fileio, limits: [.toSandbox, .requireExtensions],
                                                  sandboxDirectory: views, viewDirectory: views))
    app.leaf.cache.isEnabled = app.environment.isRelease
    app.leaf.tags["cite"] = CitationTag()
    app.views.use(.leaf)

    let metrics = RequestMetrics()
    app.dashboardCache = DashboardCache()
    app.middleware = Middlewares()
    app.middleware.use(MetricsMiddleware(metrics: metrics))
    if services.clock.rehearsalStart != nil { app.middleware.use(RehearsalClockMiddleware()) }
    app.middleware.use(SecurityHeadersMiddleware(usesTLS: config.security.usesTLS))
    app.middleware.use(CSRF.CookieMiddleware(settings: config.security))
    app.middleware.use(ErrorPageMiddleware())
    app.middleware.use(LanguageMiddleware())
    app.middleware.use(SessionAuthenticator())

    try routes(app, metrics: metrics)
}

/// What `prepareDatabase` found and did.
public struct DatabaseReport: Sendable {
    /// The database held no migrations before this start.
    public let wasNew: Bool
    /// Demo data was added at this start.
    public let demoSeeded: Bool
    /// The demo logins whose accounts the database holds: what `serve` may print, and only that.
    public let demoLogins: [DemoLogin]
}

/// Brings the database up to date: SQLite in WAL mode, every migration, the system's
/// reference data, and demo data when `demo` is set and the database has no account yet.
/// Keyed on accounts rather than on a new database: a command run in a fresh data folder
/// before the first `serve` (an import, `migrate`) creates the database without demo data,
/// and that first `serve` still adds it. A database with any account (the first
/// administrator made by `users create`, or real users) never gets demo accounts.
@discardableResult
public func prepareDatabase(_ app: Application, demo: Bool, demoExtent: DemoSeed.Extent = .everything) async throws -> DatabaseReport {
    let database = app.db
    if let sql = database as? any SQLDatabase, sql.dialect.name == "sqlite" {
        try await sql.raw("PRAGMA journal_mode=WAL").run()
    }
    let wasNew = try await isEmpty(database)
    try await app.autoMigrate()
    if let role = app.servingRole {
        try await ServingRole.grant(to: role, on: app.db(.owner))
    }
    try await RehearsalStart.check(app.domain.clock, on: database)
    try await SystemSeed.run(on: database, services: app.domain)
    var seedDemo = false
    if demo { seedDemo = try await UserRecord.query(on: database).count() == 0 }
    if seedDemo {
        try await DemoSeed.run(on: app, extent: demoExtent)
    }
    return DatabaseReport(wasNew: wasNew, demoSeeded: seedDemo, demoLogins: try await DemoSeed.presentLogins(on: database))
}

/// True when no migration has ever run against `database`.
func isEmpty(_ database: any Database) async throws -> Bool {
    guard let sql = database as? any SQLDatabase else { return true }
    let exists: Bool
    if sql.dialect.name == "sqlite" {
        let row = try await sql.raw("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '_fluent_migrations'").first()
        exists = try (row?.decode(column: "n", as: Int.self) ?? 0) > 0
    } else {
        let row = try await sql.raw("SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_name = '_fluent_migrations' AND table_schema = ANY (current_schemas(false))").first()
        exists = try (row?.decode(column: "n", as: Int.self) ?? 0) > 0
    }
    guard exists else { return true }
    let count = try await sql.raw("SELECT COUNT(*) AS n FROM _fluent_migrations").first()
    return try (count?.decode(column: "n", as: Int.self) ?? 0) == 0
}
