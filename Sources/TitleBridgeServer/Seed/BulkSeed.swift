import Fluent
import Foundation
import SQLKit
import TitleBridgeCore
import Vapor

/// Files in bulk for the benchmarks: `count` applicants with a file each in the current batch,
/// spread over every stage and 400 units (each with an employer's account), with the records
/// each stage has (a verification, the uploads, the history, the unit's publicity, the
/// acceptance, the vote, the result list and its objections, the certificate) — written with
/// multi-row inserts in transactions, not through the desks, so a hundred thousand take a minute
/// rather than a day. Never run on a real installation: the records are shaped like real ones
/// but made up, and the audit log does not hold them.
public enum BulkSeed {
    public static let units = 400

    /// Who was made: each unit's employer account, and each file with its applicant and stage.
    public struct Seeded: Sendable {
        public var employers: [UUID] = []
        public var files: [(applicant: UUID, file: UUID, stage: Stage)] = []
    }

    /// `content` is the JSON every file holds (a whole file's, as a person would have written it);
    /// without it the files are empty drafts' content, as the dashboard needs no more.
    @discardableResult
    public static func run(files count: Int, on app: Application, content template: String? = nil) async throws -> Seeded {
        guard let sql = app.db as? any SQLDatabase else { throw ConfigError("bulk seeding needs an SQL database") }
        let policy = try app.domain.currentPolicy
        let now = app.domain.clock.now()
        let owner = UUID(), evidence = UUID(), list = UUID()
        let items = try await CertificateItemRecord.query(on: app.db).all()
        guard !items.isEmpty else { throw ConfigError("the certificate catalogue is empty") }
        let closes = policy.dates.submissionCloses.value
        let content = try template ?? ApplicationRecord.encode(ApplicationContent())
        var seeded = Seeded()

        try await insert(sql, "users", Self.columns["users"] ?? [],
                         [[owner, "bulk-owner-\(owner.uuidString.prefix(8))", "批量数据", 0, false, now, 0]])
        try await insert(sql, "uploaded_files", ["id", "sha256", "media_type", "size", "original_name", "owner_id", "created_at"],
                         [[evidence, String(repeating: "0", count: 64), "application/pdf", 1, "publicity.pdf", owner, now]])
        try await insert(sql, "result_lists", ["id", "batch_id", "starts_on", "ends_on", "published_by", "published_at"],
                         [[list, policy.id, "2024-10-21", "2024-10-25", owner, now]])
        var unitIDs: [UUID] = []
        var unitRows: [[any Encodable & Sendable]] = []
        for index in 0..<units {
            let id = UUID()
            unitIDs.append(id)
            unitRows.append([id, "enterprise", "批量示例单位\(index + 1)", "Bulk unit \(index + 1)", now])
        }
        try await insert(sql, "organisations", ["id", "kind", "name_zh", "name_en", "created_at"], unitRows)
        var employerRows: [[any Encodable & Sendable]] = [], employerRoles: [[any Encodable & Sendable]] = []
        for (index, unit) in unitIDs.enumerated() {
            let id = UUID()
            seeded.employers.append(id)
            employerRows.append([id, "bulk-hr-\(index + 1)", "人事\(index + 1)", 0, false, now, 0, unit])
            employerRoles.append([UUID(), id, Role.employer.rawValue])
        }
        try await insert(sql, "users", (Self.columns["users"] ?? []) + ["organisation_id"], employerRows)
        try await insert(sql, "user_roles", ["id", "user_id", "role"], employerRoles)

        let stages = Stage.allCases
        let levels: [TitleLevel] = [.intermediate, .associateSenior, .junior]
        let chunk = 500
        var start = 0
        while start < count {
            let end = min(start + chunk, count)
            var users: [[any Encodable & Sendable]] = [], verifications: [[any Encodable & Sendable]] = []
            var roles: [[any Encodable & Sendable]] = [], uploads: [[any Encodable & Sendable]] = []
            var reviews: [[any Encodable & Sendable]] = []
            var files: [[any Encodable & Sendable]] = [], publicities: [[any Encodable & Sendable]] = []
            var acceptances: [[any Encodable & Sendable]] = [], votes: [[any Encodable & Sendable]] = []
            var entries: [[any Encodable & Sendable]] = [], objections: [[any Encodable & Sendable]] = []
            var certificates: [[any Encodable & Sendable]] = []
            for index in start..<end {
                let user = UUID(), file = UUID()
                let stage = stages[index % stages.count]
                users.append([user, "bulk-\(index)", "申报人\(index)", 0, false, now, 0])
                roles.append([UUID(), user, Role.applicant.rawValue])
                seeded.files.append((user, file, stage))
                for kind in [UploadKind.degree, .workProof, .certificateScan, .commitment] {
                    uploads.append([UUID(), file, kind.rawValue, evidence, now])
                }
                if stage != .draft {
                    // The history the status page lists: the submission, and how the file came to where it is.
                    reviews.append([UUID(), file, StageEvent.submit.rawValue, Stage.draft.rawValue, Stage.employerReview.rawValue,
                                    user, "申报人\(index)", now.addingTimeInterval(-7200)])
                    if stage != .employerReview, let arrival = TransitionTable.rows.first(where: { $0.to == stage }) {
                        reviews.append([UUID(), file, arrival.event.rawValue, arrival.from.rawValue, stage.rawValue, owner, "批量数据", now])
                    }
                }
                var verification: UUID?, field: String?
                if index % 10 != 0 {
                    let id = UUID(), item = items[(index / 7) % items.count]
                    verification = id
                    field = item.field
                    verifications.append([id, user, item.id ?? "", "B-\(index)", "申报人\(index)", "platform", "passed", now])
                }
                files.append([file, user, policy.id, stage.rawValue, 1, unitIDs[index % units], verification, content,
                              stage == .draft ? nil : now, now.addingTimeInterval(-Double(count - index) * 60), now, "BULK-\(index)", levels[index % levels.count].rawValue, field,
                              stage.isFrozen || [.reported, .supplementRequested, .notAccepted].contains(stage)
                                  ? now.addingTimeInterval(-Double(count - index)) : nil])
                if stage == .unitPublicity {
                    // Every third publicity ends after the window: the deadline view's late files.
                    let ends = index % 3 == 0 ? closes.adding(days: 3) : closes.adding(days: -2)
                    publicities.append([UUID(), file, ends.adding(days: -6).iso, ends.iso, "公告栏", evidence, owner, now])
                }
                if stage.isFrozen {
                    acceptances.append([UUID(), file, policy.id, "BULK-A-\(index)", now, owner])
                }
                if [.resultPublicity, .notRecognised, .certified, .revoked].contains(stage) {
                    let passed = stage != .notRecognised
                    votes.append([UUID(), file, passed ? "passed" : "failed", 15, 12, passed ? 10 : 4, passed ? 2 : 8, 0, "—", owner, now])
                }
                if [.resultPublicity, .certified, .revoked].contains(stage) {
                    let entry = UUID()
                    entries.append([entry, list, file, #"{"name":"申报人\#(index)","employer":{"zh":"单位","en":"Unit"},"series":{"zh":"工程","en":"Engineering"},"title":{"zh":"工程师","en":"Engineer"},"field":{"zh":"工程技术","en":"Engineering"}}"#])
                    if index % 7 == 0 {
                        objections.append([UUID(), "B\(index)", entry, file, "异议人", "sealed", "理由理由理由理由理由", "k", now, index % 2 == 0 ? "dismissed" : "open"])
                    }
                }
                if stage == .certified || stage == .revoked {
                    certificates.append([UUID(), "BULK-C-\(index)", file, policy.id, user, "{}", "{}", index, "bulk", now,
                                         stage == .revoked ? now : nil])
                }
            }
            let batch = [("users", users), ("user_roles", roles), ("certificate_verifications", verifications), ("applications", files),
                         ("application_uploads", uploads), ("application_reviews", reviews),
                         ("unit_publicities", publicities), ("acceptances", acceptances), ("vote_closures", votes),
                         ("result_entries", entries), ("objections", objections), ("certificates", certificates)]
            try await app.db.transaction { db in
                guard let sql = db as? any SQLDatabase else { return }
                for (table, rows) in batch { try await insert(sql, table, Self.columns[table] ?? [], rows) }
            }
            start = end
        }
        // Fresh statistics, as a database that grew over weeks would have: of these tables only (a
        // whole-database ANALYZE on PostgreSQL reads other schemas, which may be dropped meanwhile).
        try await analyze(sql)
        return seeded
    }

    static let columns: [String: [String]] = [
        "users": ["id", "username", "display_name", "failed_sign_ins", "is_disabled", "created_at", "password_checks_running"],
        "user_roles": ["id", "user_id", "role"],
        "application_uploads": ["id", "application_id", "kind", "file_id", "created_at"],
        "application_reviews": ["id", "application_id", "event", "from_stage", "to_stage", "actor_id", "actor_name", "created_at"],
        "certificate_verifications": ["id", "applicant_id", "certificate_item_id", "certificate_number", "holder_name", "source", "status", "created_at"],
        "applications": ["id", "applicant_id", "batch_id", "stage", "version", "employer_id", "verification_id", "content_json",
                         "submitted_at", "created_at", "updated_at", "number", "target_level", "certificate_field", "reported_at"],
        "unit_publicities": ["id", "application_id", "starts_on", "ends_on", "place", "evidence_file_id", "recorded_by", "recorded_at"],
        "acceptances": ["id", "application_id", "batch_id", "number", "accepted_at", "accepted_by"],
        "vote_closures": ["id", "application_id", "outcome", "committee_size", "present", "agree", "disagree", "abstain",
                          "committee_opinion", "closed_by", "closed_at"],
        "result_entries": ["id", "list_id", "application_id", "listing_json"],
        "objections": ["id", "receipt", "entry_id", "application_id", "name", "contact_sealed", "reasons", "client_key", "submitted_at", "outcome"],
        "certificates": ["id", "number", "application_id", "batch_id", "holder_id", "certificate_json", "credential_json", "status_index",
                         "key_id", "issued_at", "revoked_at"],
    ]

    /// Fresh statistics of the tables the bulk seed fills.
    public static func analyze(_ sql: any SQLDatabase) async throws {
        for table in ["organisations"] + columns.keys.sorted() {
            try await sql.raw("ANALYZE \(ident: table)").run()
        }
    }

    public static func insert(_ sql: any SQLDatabase, _ table: String, _ columns: [String], _ rows: [[any Encodable & Sendable]]) async throws {
        guard !rows.isEmpty else { return }
        var builder = sql.insert(into: table).columns(columns)
        for row in rows { builder = builder.values(row) }
        try await builder.run()
    }
}
