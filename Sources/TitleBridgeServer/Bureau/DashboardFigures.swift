import Fluent
import Foundation
import SQLKit
import TitleBridgeCore

/// 数据概览 — the figures of one batch, each from an aggregate query over indexed columns: the
/// page runs the same dozen queries with ten files or a hundred thousand, and reads no file.
struct DashboardFigures: Sendable {
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
        let fields = try await counts("SELECT certificate_field AS k, COUNT(*) AS n FROM applications WHERE batch_id = \(bind: batch) GROUP BY certificate_field")
        let levels = try await counts("SELECT target_level AS k, COUNT(*) AS n FROM applications WHERE batch_id = \(bind: batch) GROUP BY target_level")
        let employers = try await sql.raw("""
            SELECT employer_id AS id, COUNT(*) AS n FROM applications WHERE batch_id = \(bind: batch) AND employer_id IS NOT NULL
            GROUP BY employer_id
            """).all().map { (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "n", as: Int.self)) }

        // The deadline view: files before reporting per unit and stage (the index covers it), and
        // the publicities that end after the window per unit; PublicityPlan.cannotEndInTime
        // decides, once per unit and stage rather than once per file.
        let plan = PublicityPlan(policy: policy, calendar: calendar)
        let closes = policy.dates.submissionCloses.value
        let unreportedList = PublicityPlan.unreportedStages.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let waiting = try await sql.raw("""
            SELECT employer_id AS id, stage AS stage, COUNT(*) AS n FROM applications
            WHERE batch_id = \(bind: batch) AND stage IN (\(unsafeRaw: unreportedList)) GROUP BY employer_id, stage
            """).all()
        let overrunning = try await sql.raw("""
            SELECT p.employer_id AS id, COUNT(*) AS n FROM applications p LEFT JOIN unit_publicities u ON u.application_id = p.id
            WHERE p.batch_id = \(bind: batch) AND p.stage = \(bind: Stage.unitPublicity.rawValue)
              AND (u.ends_on > \(bind: closes.iso) OR (u.ends_on IS NULL AND \(bind: today > closes ? 1 : 0) = 1))
            GROUP BY p.employer_id
            """).all()
        var perUnit: [UUID?: (unreported: Int, late: Int)] = [:]
        for row in waiting {
            let id = try row.decode(column: "id", as: UUID?.self), n = try row.decode(column: "n", as: Int.self)
            guard let stage = Stage(rawValue: try row.decode(column: "stage", as: String.self)) else { continue }
            // A publicity's own end is counted below; here only the stages before it.
            let late = stage != .unitPublicity && plan.cannotEndInTime(stage: stage, publicityEndsOn: nil, today: today)
            perUnit[id, default: (0, 0)].unreported += n
            perUnit[id, default: (0, 0)].late += late ? n : 0
        }
        for row in overrunning {
            perUnit[try row.decode(column: "id", as: UUID?.self), default: (0, 0)].late += try row.decode(column: "n", as: Int.self)
        }
        let names = try await unitNames(Set(perUnit.keys.compactMap { $0 } + employers.map(\.0)), sql: sql)
        let deadline = perUnit.map { UnitDeadline(employerID: $0.key, name: $0.key.flatMap { names[$0] }, unreported: $0.value.unreported,
                                                  cannotEndInTime: $0.value.late) }
            .sorted { ($1.cannotEndInTime, $1.unreported, $0.name?.zh ?? "") < ($0.cannotEndInTime, $0.unreported, $1.name?.zh ?? "") }
        let topEmployers = employers.map { (name: names[$0.0], files: $0.1) }
            .sorted { ($1.files, $0.name?.zh ?? "") < ($0.files, $1.name?.zh ?? "") }.prefix(unitLimit)

        let accepted = try await single("SELECT COUNT(*) AS n FROM acceptances WHERE batch_id = \(bind: batch)")
        let stageCount = Dictionary(stages.compactMap { key, n in key.flatMap(Stage.init(rawValue:)).map { ($0, n) } }, uniquingKeysWith: +)
        let votes = Dictionary(try await counts("""
            SELECT c.outcome AS k, COUNT(*) AS n FROM vote_closures c JOIN applications p ON p.id = c.application_id
            WHERE p.batch_id = \(bind: batch) GROUP BY c.outcome
            """).map { ($0.0 ?? "", $0.1) }, uniquingKeysWith: +)
        let listed = try await single("SELECT COUNT(*) AS n FROM result_entries e JOIN result_lists l ON l.id = e.list_id WHERE l.batch_id = \(bind: batch)")
        let objections = try await sql.raw("""
            SELECT COUNT(DISTINCT o.entry_id) AS entries, SUM(CASE WHEN o.outcome = \(bind: ObjectionOutcome.upheld.rawValue) THEN 1 ELSE 0 END) AS upheld
            FROM result_lists l JOIN result_entries e ON e.list_id = l.id JOIN objections o ON o.entry_id = e.id WHERE l.batch_id = \(bind: batch)
            """).first()
        let certificates = try await sql.raw("""
            SELECT COUNT(*) AS issued, COUNT(revoked_at) AS revoked FROM certificates WHERE batch_id = \(bind: batch)
            """).first()

        return DashboardFigures(
            files: stages.reduce(0) { $0 + $1.1 },
            byStage: stageCount,
            byField: Dictionary(fields.map { ($0.0.flatMap(CertificateField.init(rawValue:)), $0.1) }, uniquingKeysWith: +),
            byLevel: Dictionary(levels.map { ($0.0.flatMap(TitleLevel.init(rawValue:)), $0.1) }, uniquingKeysWith: +),
            byEmployer: Array(topEmployers),
            deadline: deadline,
            unreported: deadline.reduce(0) { $0 + $1.unreported },
            cannotEndInTime: deadline.reduce(0) { $0 + $1.cannotEndInTime },
            acceptance: Rate(count: accepted, of: accepted + (stageCount[.notAccepted] ?? 0)),
            pass: Rate(count: votes[CommitteeTally.Outcome.passed.rawValue] ?? 0, of: votes.values.reduce(0, +)),
            objection: Rate(count: try objections?.decode(column: "entries", as: Int?.self) ?? 0, of: listed),
            objectionsUpheld: try objections?.decode(column: "upheld", as: Int?.self) ?? 0,
            certificatesIssued: try certificates?.decode(column: "issued", as: Int?.self) ?? 0,
            certificatesRevoked: try certificates?.decode(column: "revoked", as: Int?.self) ?? 0)
    }

    /// The names of `ids`, read in one query per hundred.
    private static func unitNames(_ ids: Set<UUID>, sql: any SQLDatabase) async throws -> [UUID: LocalizedText] {
        var names: [UUID: LocalizedText] = [:]
        let all = Array(ids)
        for start in stride(from: 0, to: all.count, by: 100) {
            let rows = try await sql.select().columns("id", "name_zh", "name_en").from("organisations")
                .where("id", .in, Array(all[start..<min(start + 100, all.count)])).all()
            for row in rows {
                let zh = try row.decode(column: "name_zh", as: String.self)
                names[try row.decode(column: "id", as: UUID.self)] = LocalizedText(zh: zh, en: try row.decode(column: "name_en", as: String?.self) ?? zh)
            }
        }
        return names
    }
}
