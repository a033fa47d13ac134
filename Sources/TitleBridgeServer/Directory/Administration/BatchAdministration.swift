import Fluent
import Foundation
import TitleBridgeCore
import Vapor

/// 批次管理: the administrator opens the next batch from a copy of a policy, chooses the current
/// batch and closes one. Every change is audited, kept in `batches` and applied to the running
/// service's `BatchRegistry` at once.
struct BatchAdministration {
    let app: Application
    let database: any Database

    init(app: Application, database: (any Database)? = nil) {
        self.app = app
        self.database = database ?? app.db
    }

    init(request: Request) {
        self.init(app: request.application, database: request.db)
    }

    /// One batch as the administration lists it.
    struct Summary: Sendable {
        let policy: BatchPolicy
        let source: String
        let isCurrent: Bool
        let closedAt: Date?
        let files: Int
    }

    func summaries() async throws -> [Summary] {
        let registry = app.domain.batches
        let rows = Dictionary(try await BatchRecord.query(on: database).all().compactMap { row in row.id.map { ($0, row) } },
                              uniquingKeysWith: { first, _ in first })
        var summaries: [Summary] = []
        for policy in registry.policies.values.sorted(by: { $0.dates.submissionOpens.value > $1.dates.submissionOpens.value }) {
            let files = try await ApplicationRecord.query(on: database).filter(\.$batchID == policy.id).count()
            summaries.append(Summary(policy: policy, source: rows[policy.id]?.source ?? BatchRecord.fromFile,
                                     isCurrent: policy.id == registry.currentID, closedAt: rows[policy.id]?.closedAt, files: files))
        }
        return summaries
    }

    /// The versions of the certificate list the service holds: a batch can only admit one of them.
    var listVersions: Set<String> { Set(app.domain.catalogues.map(\.listVersion)) }

    /// Makes the batch `draft` describes from a copy of `base`: checked as a policy file is,
    /// then kept and known to the running service. It is not made current: that is a choice
    /// of its own, usually made when the old batch's work allows.
    func create(_ draft: BatchDraft, copying baseID: String, by actor: AuditActor) async throws -> BatchPolicy {
        guard let base = app.domain.policy(baseID) else {
            throw APIProblem.badInput(code: "base_unknown", field: "base", LocalizedText(zh: "请选择要复制的批次。", en: "Choose the batch to copy."))
        }
        let policy = try checked(draft, base: base, others: Array(app.domain.policies.values))
        let json = try Self.encoded(policy)
        let now = app.domain.clock.now()
        try await AuditLog.write(on: database, gate: app.security.auditGate, clock: app.domain.clock) { db in
            guard try await BatchRecord.find(policy.id, on: db) == nil else {
                throw APIProblem(status: .conflict, code: "batch_exists", message: LocalizedText(
                    zh: "已有批次使用标识“\(policy.id)”。", en: "A batch with the id “\(policy.id)” already exists."), field: "id")
            }
            let row = BatchRecord()
            row.id = policy.id
            row.nameZh = policy.name.zh
            row.nameEn = policy.name.en
            row.noticeDocument = policy.notice.document
            row.policyJSON = json
            row.isCurrent = false
            row.source = BatchRecord.fromForm
            row.createdBy = actor.id
            row.updatedAt = now
            try await row.create(on: db)
            return ((), [AuditEntry(actor: actor, action: "batch.create", recordType: "batch", recordID: policy.id,
                                    after: AuditLog.digest(json), reason: "copied from \(base.id)")])
        }
        app.domain.batches.add(policy)
        return policy
    }

    /// Replaces the rules of a batch made here, while no file is in it. A batch with files
    /// keeps the rules its files were judged by: it can only be closed.
    func update(_ id: String, with draft: BatchDraft, by actor: AuditActor) async throws -> BatchPolicy {
        guard let current = app.domain.policy(id), let row = try await BatchRecord.find(id, on: database) else { throw Abort(.notFound) }
        guard row.source == BatchRecord.fromForm else {
            throw APIProblem(status: .conflict, code: "batch_from_file", message: LocalizedText(
                zh: "此批次的规则来自政策文件，只能通过更换政策文件修改。",
                en: "This batch's rules come from a policy file; they change only with that file."), field: nil)
        }
        try await refuseIfFiled(id)
        var renamed = draft
        renamed.id = id
        let policy = try checked(renamed, base: current, others: app.domain.policies.values.filter { $0.id != id })
        let json = try Self.encoded(policy)
        let before = AuditLog.digest(row.policyJSON)
        try await AuditLog.write(on: database, gate: app.security.auditGate, clock: app.domain.clock) { db in
            // Checked again inside the change: a file opened meanwhile keeps its rules.
            guard try await ApplicationRecord.query(on: db).filter(\.$batchID == id).count() == 0 else { throw Self.filed }
            try await BatchRecord.query(on: db).filter(\.$id == id)
                .set(\.$policyJSON, to: json).set(\.$nameZh, to: policy.name.zh).set(\.$nameEn, to: policy.name.en)
                .set(\.$noticeDocument, to: policy.notice.document).update()
            return ((), [AuditEntry(actor: actor, action: "batch.update", recordType: "batch", recordID: id,
                                    before: before, after: AuditLog.digest(json))])
        }
        app.domain.batches.add(policy)
        return policy
    }

    /// Makes `id` the batch new files join and every desk works on.
    func choose(_ id: String, by actor: AuditActor) async throws {
        let registry = app.domain.batches
        guard registry.policies[id] != nil else { throw Abort(.notFound) }
        guard !registry.pinned else {
            throw APIProblem(status: .conflict, code: "batch_pinned", message: LocalizedText(
                zh: "当前批次由服务器设置 TITLEBRIDGE_BATCH 指定，请先删除该设置。",
                en: "The current batch is set by the server's TITLEBRIDGE_BATCH setting; remove that setting first."), field: nil)
        }
        guard !registry.isClosed(id) else {
            throw APIProblem(status: .conflict, code: "batch_closed", message: LocalizedText(
                zh: "已关闭的批次不能设为当前批次。", en: "A closed batch cannot be made the current one."), field: nil)
        }
        let previous = registry.currentID
        let now = app.domain.clock.now()
        try await AuditLog.write(on: database, gate: app.security.auditGate, clock: app.domain.clock) { db in
            try await BatchRecord.query(on: db).set(\.$isCurrent, to: false).update()
            try await BatchRecord.query(on: db).filter(\.$id == id).set(\.$isCurrent, to: true).set(\.$chosenAt, to: now).update()
            return ((), [AuditEntry(actor: actor, action: "batch.choose", recordType: "batch", recordID: id, before: previous, after: id)])
        }
        registry.choose(id)
    }

    /// Closes `id`: it takes no new file; the files in it go on to their end. Cannot be undone.
    func close(_ id: String, by actor: AuditActor) async throws {
        let registry = app.domain.batches
        guard registry.policies[id] != nil else { throw Abort(.notFound) }
        guard !registry.isClosed(id) else { return }
        let now = app.domain.clock.now()
        try await AuditLog.write(on: database, gate: app.security.auditGate, clock: app.domain.clock) { db in
            try await BatchRecord.query(on: db).filter(\.$id == id).set(\.$closedAt, to: now).set(\.$closedBy, to: actor.id).update()
            return ((), [AuditEntry(actor: actor, action: "batch.close", recordType: "batch", recordID: id)])
        }
        registry.close(id)
    }

    /// What the database adds to the policy files at start: the batches made here, the closed
    /// ones, and the last choice of the current batch (unless the installation names one).
    static func restore(_ registry: BatchRegistry, on database: any Database) async throws {
        let rows = try await BatchRecord.query(on: database).all()
        for row in rows where row.source == BatchRecord.fromForm {
            do {
                registry.add(try JSONDecoder().decode(BatchPolicy.self, from: Data(row.policyJSON.utf8)))
            } catch {
                throw ConfigError("the batch “\(row.id ?? "?")” made in the administration cannot be read: \(error)")
            }
        }
        for row in rows where row.closedAt != nil { if let id = row.id { registry.close(id) } }
        if !registry.pinned, let chosen = rows.filter({ $0.chosenAt != nil }).max(by: { ($0.chosenAt ?? .distantPast) < ($1.chosenAt ?? .distantPast) }),
           let id = chosen.id {
            registry.choose(id)
        }
        let current = registry.currentID
        for row in rows where row.isCurrent != (row.id == current) {
            row.isCurrent = row.id == current
            try await row.save(on: database)
        }
    }

    // MARK: checks

    private func checked(_ draft: BatchDraft, base: BatchPolicy, others: [BatchPolicy]) throws -> BatchPolicy {
        do {
            return try base.drafted(draft, calendar: app.domain.calendar, others: others, listVersions: listVersions,
                                    today: app.domain.clock.today())
        } catch {
            let problems = error.problems.map { APIProblem(status: .unprocessableEntity, code: "batch_invalid", message: $0.message, field: $0.field) }
            guard var first = problems.first else { throw Abort(.unprocessableEntity) }
            first.others = Array(problems.dropFirst())
            throw first
        }
    }

    private func refuseIfFiled(_ id: String) async throws {
        if try await ApplicationRecord.query(on: database).filter(\.$batchID == id).count() > 0 { throw Self.filed }
    }

    static let filed = APIProblem(status: .conflict, code: "batch_has_files", message: LocalizedText(
        zh: "此批次已有申报，规则不能再修改，只能关闭。", en: "This batch already has applications: its rules can no longer change, it can only be closed."),
        field: nil)

    static func encoded(_ policy: BatchPolicy) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(policy), as: UTF8.self)
    }
}
