import Foundation
import TitleBridgeCore
import Vapor

/// What the command line does for the bureau and the administrator: exports to a file and the
/// batches (`titlebridge export`, `titlebridge batch`). Each writes the same audit entries as
/// its page; a server already running learns of a batch changed here at its next start.
public enum BureauOperations {
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    /// The kinds `export` takes, for the command's help.
    public static var exportKinds: [String] { ExportKind.allCases.map(\.rawValue) }

    /// Writes the list `kind` of `batch` (the current one by default) to `path`; returns the rows.
    public static func export(kind: String, format: String, language: String, batch: String?, to path: String,
                              on app: Application) async throws -> Int {
        guard let kind = ExportKind(rawValue: kind) else {
            throw Problem(description: "unknown list “\(kind)”; one of: \(exportKinds.joined(separator: ", "))")
        }
        guard let format = ExportFormat(rawValue: format) else { throw Problem(description: "the format is csv or xlsx") }
        guard let language = Language(rawValue: language) else { throw Problem(description: "the language is zh or en") }
        let id = batch ?? app.domain.currentBatchID
        guard app.domain.policy(id) != nil else { throw Problem(description: "no batch “\(id)”") }
        let source = try ExportSource(database: app.db, batch: id, language: language)
        let rows = try await ExportWriter.write(kind, format: format, from: source, to: URL(fileURLWithPath: path))
        app.logger.info("export", metadata: ["kind": "\(kind.rawValue)", "format": "\(format.rawValue)", "batch": "\(id)", "by": "command line"])
        return rows
    }

    /// One line per batch: id, code, window, files, status.
    public static func listBatches(on app: Application) async throws -> [String] {
        try await BatchAdministration(app: app).summaries().map { summary in
            let policy = summary.policy
            let status = summary.closedAt != nil ? "closed" : summary.isCurrent ? "current" : "open"
            return [policy.id, policy.acceptanceBatchCode,
                    policy.dates.submissionOpens.value.iso + "…" + policy.dates.submissionCloses.value.iso,
                    "\(summary.files) files", status, summary.source, policy.name.zh].joined(separator: "\t")
        }
    }

    /// Makes a batch from `base` with the values of `draftJSON` (the form's fields as JSON; any
    /// left out keep the base's value). Problems come back one per line, naming the field.
    public static func createBatch(copying base: String, draftJSON: Data, on app: Application) async throws -> String {
        guard let policy = app.domain.policy(base) else { throw Problem(description: "no batch “\(base)” to copy") }
        let given: [String: Any]
        do {
            given = try JSONSerialization.jsonObject(with: draftJSON) as? [String: Any] ?? [:]
        } catch {
            throw Problem(description: "the draft is not a JSON object: \(error)")
        }
        var draft = BatchDraft(copying: policy)
        func text(_ key: String) -> String? { (given[key] as? String) ?? (given[key] as? Int).map(String.init) }
        draft.id = text("id") ?? ""
        draft.nameZh = text("nameZh") ?? ""
        draft.nameEn = text("nameEn") ?? ""
        draft.batchCode = text("batchCode") ?? ""
        draft.noticeDocument = text("noticeDocument") ?? ""
        draft.noticeIssuedOn = text("noticeIssuedOn") ?? draft.noticeIssuedOn
        draft.certificateListVersion = text("certificateListVersion") ?? draft.certificateListVersion
        draft.verificationCutoff = text("verificationCutoff") ?? draft.verificationCutoff
        draft.submissionOpens = text("submissionOpens") ?? draft.submissionOpens
        draft.submissionCloses = text("submissionCloses") ?? draft.submissionCloses
        draft.experienceCutoff = text("experienceCutoff") ?? draft.experienceCutoff
        let thresholds = given["thresholds"] as? [String: Any] ?? [:]
        for key in BatchDraft.thresholdKeys {
            if let value = (thresholds[key] as? Int).map(String.init) ?? (thresholds[key] as? String) { draft.thresholds[key] = value }
        }
        do {
            return try await BatchAdministration(app: app).create(draft, copying: base, by: .system("command line")).id
        } catch let problem as APIProblem {
            throw Problem(description: ([problem] + problem.others).map { "\($0.field ?? "-"): \($0.message.en)" }.joined(separator: "\n"))
        }
    }

    public static func chooseBatch(_ id: String, on app: Application) async throws {
        try await refusalsAsProblems { try await BatchAdministration(app: app).choose(id, by: .system("command line")) }
    }

    public static func closeBatch(_ id: String, on app: Application) async throws {
        try await refusalsAsProblems { try await BatchAdministration(app: app).close(id, by: .system("command line")) }
    }

    private static func refusalsAsProblems(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let problem as APIProblem {
            throw Problem(description: problem.message.en)
        } catch let abort as Abort where abort.status == .notFound {
            throw Problem(description: "no such batch")
        }
    }
}

extension BureauOperations {
    /// The dashboard as the bureau's browser gets it — the figures' queries, the page's model
    /// and the template — for the benchmark; answers the page's size in bytes.
    public static func renderDashboard(on app: Application, language: String = "zh") async throws -> Int {
        let request = Request(application: app, method: .GET, url: URI(path: SiteURL.bureauDashboard.path), on: app.eventLoopGroup.any())
        request.language = Language(rawValue: language) ?? .zh
        let policy = try app.domain.currentPolicy
        let figures = try await DashboardFigures.load(on: app.db, policy: policy, calendar: app.domain.calendar, today: app.domain.clock.today())
        let view = try await request.view.render("bureau/dashboard", DashboardPage(request: request, policy: policy, figures: figures,
                                                                                   countedAt: app.domain.clock.now()))
        return view.data.readableBytes
    }

    /// The figures alone (the aggregate queries), for the benchmark; answers the files counted.
    public static func dashboardFigures(on app: Application) async throws -> Int {
        let policy = try app.domain.currentPolicy
        return try await DashboardFigures.load(on: app.db, policy: policy, calendar: app.domain.calendar, today: app.domain.clock.today()).files
    }
}
