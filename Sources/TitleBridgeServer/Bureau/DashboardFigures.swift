import Fluent
import Foundation
import SQLKit
import TitleBridgeCore

/// 数据概览 — the figures of one batch, each from one aggregate query over indexed columns: the
/// page costs the same dozen queries with ten files or a hundred thousand.
struct DashboardFigures: Sendable, Equatable {
    /// One unit of the deadline view.
    struct UnitDeadline: Sendable, Equatable {
        let employerID: UUID?
        let name: LocalizedText?
        /// Files of the unit not yet reported (填报中 … 单位公示).
        let unreported: Int
        /// Of those, files whose publicity cannot end inside the window.
        let cannotEndInTime: Int
    }

    struct Rate: Sendable, Equatable {
        let count: Int
        let of: Int
        /// Whole per cent, rounded half up; nil when there is nothing to divide by.
        var percent: Int? { of == 0 ? nil : (count * 200 + of) / (of * 2) }
    }

    let files: Int
    let byStage: [Stage: Int]
    /// By certificate field (the verified certificate's); files with no certificate chosen yet under nil.
    let byField: [CertificateField?: Int]
    /// By the level applied for; files with no level chosen yet under nil.
    let byLevel: [TitleLevel?: Int]
    /// The units with most files, most first (ties by name), at most `unitLimit`.
    let byEmployer: [(name: LocalizedText?, files: Int)]
    let deadline: [UnitDeadline]
    let unreported: Int
    let cannotEndInTime: Int
    /// 受理率: accepted of those decided (accepted or not accepted).
    let acceptance: Rate
    /// 通过率: passed of the votes closed.
    let pass: Rate
    /// 异议率: people objected to of those listed.
    let objection: Rate
    let objectionsUpheld: Int
    let certificatesIssued: Int
    let certificatesRevoked: Int

    static let unitLimit = 12

    static func == (lhs: DashboardFigures, rhs: DashboardFigures) -> Bool {
        lhs.files == rhs.files && lhs.byStage == rhs.byStage && lhs.byField == rhs.byField && lhs.byLevel == rhs.byLevel
            && lhs.byEmployer.map(\.files) == rhs.byEmployer.map(\.files) && lhs.byEmployer.map(\.name) == rhs.byEmployer.map(\.name)
            && lhs.deadline == rhs.deadline && lhs.acceptance == rhs.acceptance && lhs.pass == rhs.pass && lhs.objection == rhs.objection
            && lhs.objectionsUpheld == rhs.objectionsUpheld && lhs.certificatesIssued == rhs.certificatesIssued
            && lhs.certificatesRevoked == rhs.certificatesRevoked
    }

    /// The figures of `policy`'s batch on `today`.
    static func load(on database: any Database, policy: BatchPolicy, calendar: WorkingDayCalendar, today: LocalDate) async throws -> DashboardFigures {
        guard let sql = database as? any SQLDatabase else { throw ConfigError("the dashboard needs an SQL database") }
        let batch = policy.id
        func counts(_ query: SQLQueryString) async throws -> [(String?, Int)] {
            try await sql.raw(query).all().map { (try $0.decode(column: "k", as: String?.self), try $0.decode(column: "n", as: Int.self)) }
        }
        func single(_ query: SQLQueryString) async throws -> Int {
            try await sql.raw(query).first()?.decode(column: "n", as: Int?.self) ?? 0
        }
        let stages = try await counts("SELECT stage AS k, COUNT(*) AS n FROM applications WHERE batch_id = \(bind: batch) GROUP BY stage")
        let fields = try await counts("""
            SELECT ci.field AS k, COUNT(*) AS n FROM applications p
              LEFT JOIN certificate_verifications v ON v.id = p.verification_id LEFT JOIN certificate_items ci ON ci.id = v.certificate_item_id
            WHERE p.batch_id = \(bind: batch) GROUP BY ci.field
            """)
        let levels = try await counts("SELECT target_level AS k, COUNT(*) AS n FROM applications WHERE batch_id = \(bind: batch) GROUP BY target_level")
        let employers = try await sql.raw("""
            SELECT p.employer_id AS id, MIN(o.name_zh) AS zh, MIN(o.name_en) AS en, COUNT(*) AS n FROM applications p
              LEFT JOIN organisations o ON o.id = p.employer_id
            WHERE p.batch_id = \(bind: batch) AND p.employer_id IS NOT NULL GROUP BY p.employer_id
            ORDER BY COUNT(*) DESC, COALESCE(MIN(o.name_zh), '') LIMIT \(unsafeRaw: "\(unitLimit)")
            """).all()

        let plan = PublicityPlan(policy: policy, calendar: calendar)
        let closes = policy.dates.submissionCloses.value.iso
        let pastLatest = today > plan.latestStart.value ? 1 : 0
        let unreportedList = PublicityPlan.unreportedStages.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let early = [Stage.draft, .employerReview, .supervisorReview].map { "'\($0.rawValue)'" }.joined(separator: ", ")
        // Mirrors PublicityPlan.cannotEndInTime, row by row, inside the count.
        let units = try await sql.raw("""
            SELECT p.employer_id AS id, MIN(o.name_zh) AS zh, MIN(o.name_en) AS en, COUNT(*) AS n,
              SUM(CASE WHEN p.stage = 'unitPublicity' AND (u.ends_on IS NULL OR u.ends_on > \(bind: closes)) THEN 1
                       WHEN p.stage IN (\(unsafeRaw: early)) AND \(bind: pastLatest) = 1 THEN 1 ELSE 0 END) AS late
            FROM applications p LEFT JOIN unit_publicities u ON u.application_id = p.id LEFT JOIN organisations o ON o.id = p.employer_id
            WHERE p.batch_id = \(bind: batch) AND p.stage IN (\(unsafeRaw: unreportedList))
            GROUP BY p.employer_id ORDER BY SUM(CASE WHEN p.stage = 'unitPublicity' AND (u.ends_on IS NULL OR u.ends_on > \(bind: closes)) THEN 1
                       WHEN p.stage IN (\(unsafeRaw: early)) AND \(bind: pastLatest) = 1 THEN 1 ELSE 0 END) DESC, COUNT(*) DESC, COALESCE(MIN(o.name_zh), '')
            """).all()
        let deadline = try units.map { row in
            UnitDeadline(employerID: try row.decode(column: "id", as: UUID?.self), name: try name(row),
                         unreported: try row.decode(column: "n", as: Int.self), cannotEndInTime: try row.decode(column: "late", as: Int?.self) ?? 0)
        }

        let accepted = try await single("SELECT COUNT(*) AS n FROM acceptances WHERE batch_id = \(bind: batch)")
        let stageCount = Dictionary(stages.compactMap { key, n in key.flatMap(Stage.init(rawValue:)).map { ($0, n) } }, uniquingKeysWith: +)
        let votes = try await single("SELECT COUNT(*) AS n FROM vote_closures c JOIN applications p ON p.id = c.application_id WHERE p.batch_id = \(bind: batch)")
        let passed = try await single("""
            SELECT COUNT(*) AS n FROM vote_closures c JOIN applications p ON p.id = c.application_id
            WHERE p.batch_id = \(bind: batch) AND c.outcome = \(bind: CommitteeTally.Outcome.passed.rawValue)
            """)
        let listed = try await single("SELECT COUNT(*) AS n FROM result_entries e JOIN result_lists l ON l.id = e.list_id WHERE l.batch_id = \(bind: batch)")
        let objectedTo = try await single("""
            SELECT COUNT(DISTINCT o.entry_id) AS n FROM objections o JOIN result_entries e ON e.id = o.entry_id
              JOIN result_lists l ON l.id = e.list_id WHERE l.batch_id = \(bind: batch)
            """)
        let upheld = try await single("""
            SELECT COUNT(*) AS n FROM objections o JOIN result_entries e ON e.id = o.entry_id JOIN result_lists l ON l.id = e.list_id
            WHERE l.batch_id = \(bind: batch) AND o.outcome = \(bind: ObjectionOutcome.upheld.rawValue)
            """)
        let issued = try await single("SELECT COUNT(*) AS n FROM certificates WHERE batch_id = \(bind: batch)")
        let revoked = try await single("SELECT COUNT(*) AS n FROM certificates WHERE batch_id = \(bind: batch) AND revoked_at IS NOT NULL")

        return DashboardFigures(
            files: stages.reduce(0) { $0 + $1.1 },
            byStage: stageCount,
            byField: Dictionary(fields.map { ($0.0.flatMap(CertificateField.init(rawValue:)), $0.1) }, uniquingKeysWith: +),
            byLevel: Dictionary(levels.map { ($0.0.flatMap(TitleLevel.init(rawValue:)), $0.1) }, uniquingKeysWith: +),
            byEmployer: try employers.map { (try name($0), try $0.decode(column: "n", as: Int.self)) },
            deadline: deadline,
            unreported: deadline.reduce(0) { $0 + $1.unreported },
            cannotEndInTime: deadline.reduce(0) { $0 + $1.cannotEndInTime },
            acceptance: Rate(count: accepted, of: accepted + (stageCount[.notAccepted] ?? 0)),
            pass: Rate(count: passed, of: votes),
            objection: Rate(count: objectedTo, of: listed),
            objectionsUpheld: upheld,
            certificatesIssued: issued,
            certificatesRevoked: revoked)
    }

    private static func name(_ row: any SQLRow) throws -> LocalizedText? {
        guard let zh = try row.decode(column: "zh", as: String?.self) else { return nil }
        return LocalizedText(zh: zh, en: try row.decode(column: "en", as: String?.self) ?? zh)
    }
}
