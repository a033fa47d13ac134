import Crypto
import Foundation
import SQLKit
import TitleBridgeCore
import TitleBridgeServer
import Vapor

// The database `Benchmarks/run` loads, and the requests it sends. A fresh database (SQLite in
// FOLDER, as `titlebridge serve --data-dir FOLDER` opens it, or the empty PostgreSQL database of
// DATABASE_URL) gets the demo batch replayed to the clock, then FILES files in bulk (`BulkSeed`:
// every stage, 400 units with their employers, uploads, histories), each holding the content of a
// whole demo file. Two pools of drafts ready to submit are copied from that demo file: one to save
// a step of, one to submit. Sessions are opened for the people the requests act as.
//
// Then FOLDER/requests/ROUTE.tsv is written for each route measured: one request a line, the
// method, path, headers (`|` between them) and body separated by tabs; `{v}` in a body is the
// file's version on the line's round (Benchmarks/load/requests.lua). FOLDER/requests/drafts.tsv
// lists every ready draft with an API token of its applicant (scripts/crash-test).
//
//   load-seed FILES FOLDER [--pool N] [--clock ISO-8601]

let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    arguments.firstIndex(of: name).flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
}
guard arguments.count >= 2, let total = Int(arguments[0]), total >= 1_000 else {
    FileHandle.standardError.write(Data("usage: load-seed FILES FOLDER [--pool N] [--clock ISO-8601]   (FILES ≥ 1000)\n".utf8))
    exit(2)
}
let folder = URL(fileURLWithPath: arguments[1])
let clockStart = option("--clock") ?? "2024-09-18T10:00:00+08:00"
/// Drafts for each of saving and submitting: enough that a ten-second run does not use one twice.
let pool = option("--pool").flatMap(Int.init) ?? min(total / 10, 10_000)
let requests = folder.appendingPathComponent("requests")
try FileManager.default.createDirectory(at: requests, withIntermediateDirectories: true)

LoggingSystem.bootstrap { label in
    var handler = StreamLogHandler.standardError(label: label)
    handler.logLevel = .error
    return handler
}
let config = try AppConfig.fromEnvironment(dataDirectory: folder.path, clock: clockStart)
let app = try await Application.make(Environment(name: "production", arguments: ["load-seed"]))

/// One request of a route's file.
struct Line {
    var method = "GET"
    var path: String
    var headers: [String] = []
    var body = ""

    var text: String { [method, path, headers.joined(separator: "|"), body].joined(separator: "\t") }
}

/// The route's lines, and its probe: the one request `Benchmarks/run` sends first to check the
/// answer (a line of its own where a request changes a file, so the measured ones stay unused).
func write(_ route: String, _ lines: [Line], probe: Line? = nil) throws {
    let text = lines.map(\.text).joined(separator: "\n") + "\n"
    try Data(text.utf8).write(to: requests.appendingPathComponent("\(route).tsv"))
    try Data(((probe ?? lines[0]).text + "\n").utf8).write(to: requests.appendingPathComponent("\(route).probe"))
}

func formEncoded(_ value: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
}

enum Rows {
    /// Copies a row of `table` whole, with the columns of `changes` set anew.
    static func copy(_ sql: any SQLDatabase, _ table: String, id: UUID, columns: [String], changes: [String: any Encodable & Sendable]) async throws {
        let values: [SQLQueryString] = columns.map { column in
            if let value = changes[column] { return "\(bind: value)" }
            return "\(ident: column)"
        }
        let query: SQLQueryString = "INSERT INTO \(ident: table) (\(idents: columns, joinedBy: ", ")) SELECT "
            + values.joined(separator: ", ") + " FROM \(ident: table) WHERE id = \(bind: id)"
        try await sql.raw(query).run()
    }

    static func columns(_ sql: any SQLDatabase, _ table: String, id: UUID) async throws -> [String] {
        try await sql.select().column("*").from(table).where("id", .equal, id).first()?.allColumns ?? []
    }

    /// Opens a session for each user; the token and the form token a page would carry.
    static func sessions(_ sql: any SQLDatabase, for users: [UUID], kind: String, now: Date) async throws -> [(token: String, csrf: String)] {
        var made: [(String, String)] = [], rows: [[any Encodable & Sendable]] = []
        for user in users {
            let token = UUID().uuidString + UUID().uuidString, csrf = UUID().uuidString
            made.append((token, csrf))
            let digest = SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
            rows.append([UUID(), digest, user, kind, csrf, now, now.addingTimeInterval(30 * 86_400)])
            if rows.count == 500 {
                try await BulkSeed.insert(sql, "sessions", ["id", "token_hash", "user_id", "kind", "csrf_token", "created_at", "expires_at"], rows)
                rows = []
            }
        }
        try await BulkSeed.insert(sql, "sessions", ["id", "token_hash", "user_id", "kind", "csrf_token", "created_at", "expires_at"], rows)
        return made
    }
}

func cookie(_ session: (token: String, csrf: String)) -> String { "Cookie: tb_session=\(session.token)" }

func seed(_ app: Application) async throws {
    guard let sql = app.db as? any SQLDatabase else { throw ConfigError("the load seed needs an SQL database") }
    let started = Date()
    let now = app.domain.clock.now()

    // The demo file copied: submitted by an enterprise's employee, so whole and eligible.
    let row: (any SQLRow)? = try await sql.raw("""
        SELECT a.id, a.content_json FROM applications a JOIN organisations o ON o.id = a.employer_id
        WHERE a.stage IN ('employerReview', 'unitPublicity', 'reported') AND o.kind = 'enterprise'
        ORDER BY a.submitted_at, a.id LIMIT 1
        """).first()
    guard let template = row else { throw ConfigError("the demo batch has no submitted file of an enterprise to copy") }
    let templateID = try template.decode(column: "id", as: UUID.self)
    let content = try template.decode(column: "content_json", as: String.self)
    let summary = try JSONDecoder().decode(ApplicationContent.self, from: Data(content.utf8)).summary

    let seeded = try await BulkSeed.run(files: total - 2 * pool - 2, on: app, content: content)

    // The pools: applicants with a draft each, a copy of the demo file with its uploads.
    let fileColumns = try await Rows.columns(sql, "applications", id: templateID)
    let uploads = try await sql.select().column("id").from("application_uploads").where("application_id", .equal, templateID)
        .all().map { try $0.decode(column: "id", as: UUID.self) }
    guard let firstUpload = uploads.first else { throw ConfigError("the demo file has no uploads") }
    let uploadColumns = try await Rows.columns(sql, "application_uploads", id: firstUpload)
    let drafts: [(applicant: UUID, file: UUID)] = (0..<(2 * pool + 2)).map { _ in (UUID(), UUID()) }
    try await app.db.transaction { db in
        guard let sql = db as? any SQLDatabase else { return }
        var users: [[any Encodable & Sendable]] = [], roles: [[any Encodable & Sendable]] = []
        for index in 0..<(2 * pool + 2) {
            let user = drafts[index].applicant
            users.append([user, "ready-\(index)", "申报人R\(index)", 0, false, now, 0])
            roles.append([UUID(), user, Role.applicant.rawValue])
            if users.count == 500 || index == 2 * pool + 1 {
                try await BulkSeed.insert(sql, "users", ["id", "username", "display_name", "failed_sign_ins", "is_disabled",
                                                         "created_at", "password_checks_running"], users)
                try await BulkSeed.insert(sql, "user_roles", ["id", "user_id", "role"], roles)
                users = []
                roles = []
            }
        }
        for (index, draft) in drafts.enumerated() {
            try await Rows.copy(sql, "applications", id: templateID, columns: fileColumns, changes: [
                "id": draft.file, "applicant_id": draft.applicant, "stage": Stage.draft.rawValue, "version": 1,
                "submitted_at": Optional<Date>.none, "number": "READY-\(index)", "created_at": now, "updated_at": now])
            for upload in uploads {
                try await Rows.copy(sql, "application_uploads", id: upload, columns: uploadColumns,
                               changes: ["id": UUID(), "application_id": draft.file])
            }
        }
    }
    try await BulkSeed.analyze(sql)

    // Who the requests act as.
    let statusFiles = stride(from: 0, to: seeded.files.count, by: max(1, seeded.files.count / 2_000)).map { seeded.files[$0] }
    let statusSessions = try await Rows.sessions(sql, for: statusFiles.map { $0.applicant }, kind: "web", now: now)
    let draftSessions = try await Rows.sessions(sql, for: drafts.map { $0.applicant }, kind: "web", now: now)
    let employerSessions = try await Rows.sessions(sql, for: seeded.employers, kind: "web", now: now)
    guard let bureau = try await sql.select().column("id").from("users").where("username", .equal, "bureau1").first()
        .map({ try $0.decode(column: "id", as: UUID.self) }) else { throw ConfigError("the demo's bureau1 is missing") }
    let bureauWeb = try await Rows.sessions(sql, for: [bureau], kind: "web", now: now)[0]
    let bureauAPI = try await Rows.sessions(sql, for: [bureau], kind: "api", now: now)[0]

    let profile = #"{"target":{"series":"engineering","level":"associateSenior"},"employer":{"kind":"publicInstitution"},"currentTitle":{"series":"engineering","level":"intermediate"},"certificate":{"field":"informationTechnology","titleSeries":"engineering","verifiedOn":"2024-08-20"},"education":[{"degree":"master","discipline":"engineering","awardedOn":"2014-06-30"}],"work":[{"from":"2014-07-01","to":null,"inShanghai":false,"related":true},{"from":"2024-06-01","to":null,"inShanghai":true,"related":true}],"attestations":{"lawAbiding":true,"professionalEthics":true,"dutiesFulfilled":true}}"#
    try write("trivial", [Line(path: "/livez")])
    try write("status", zip(statusFiles, statusSessions).map { Line(path: "/applications/\($0.file)", headers: [cookie($1)]) })
    let ready = zip(drafts, draftSessions).map { draft, session in (file: draft.file, session: session) }
    func save(_ draft: (file: UUID, session: (token: String, csrf: String))) -> Line {
        Line(method: "POST", path: "/applications/\(draft.file)/steps/summary",
             headers: [cookie(draft.session), "Content-Type: application/x-www-form-urlencoded"],
             body: "_csrf=\(draft.session.csrf)&version={v}&summary=\(formEncoded(summary))")
    }
    func submit(_ draft: (file: UUID, session: (token: String, csrf: String))) -> Line {
        Line(method: "POST", path: "/applications/\(draft.file)/transitions",
             headers: [cookie(draft.session), "Content-Type: application/x-www-form-urlencoded"],
             body: "_csrf=\(draft.session.csrf)&event=submit&confirmed=1")
    }
    // scripts/crash-test acts on the drafts by the API: each with its applicant's bearer token.
    let draftTokens = try await Rows.sessions(sql, for: drafts.map { $0.applicant }, kind: "api", now: now)
    try Data(zip(drafts, draftTokens).map { "\($0.file)\t\($1.token)" }.joined(separator: "\n").appending("\n").utf8)
        .write(to: requests.appendingPathComponent("drafts.tsv"))
    try write("save", ready[0..<pool].map(save), probe: save(ready[pool]))
    try write("submit", ready[(pool + 1)..<(2 * pool + 1)].map(submit), probe: submit(ready[2 * pool + 1]))
    try write("eligibility", [Line(method: "POST", path: "/api/v1/eligibility/check",
                                   headers: ["Content-Type: application/json"], body: profile)])
    try write("employer", employerSessions.map { Line(path: "/unit-applications", headers: [cookie($0)]) })
    try write("acceptance", [Line(path: "/acceptance", headers: [cookie(bureauWeb)])])
    try write("apilist", [Line(path: "/api/v1/applications", headers: ["Authorization: Bearer \(bureauAPI.token)"])])
    try write("dashboard", [Line(path: "/bureau/dashboard", headers: [cookie(bureauWeb)])])
    print("\(config.storageDescription): \(total) files (\(pool) drafts to save, \(pool) to submit) in "
          + String(format: "%.1f s", Date().timeIntervalSince(started)))
}

do {
    try configure(app, config: config, services: try DomainServices.load(config))
    _ = try await prepareDatabase(app, demo: true)
    try await seed(app)
} catch {
    try await app.asyncShutdown()
    throw error
}
try await app.asyncShutdown()
