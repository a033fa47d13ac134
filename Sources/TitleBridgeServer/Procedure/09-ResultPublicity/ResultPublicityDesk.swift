import Fluent
import Foundation
import SQLKit
import TitleBridgeCore
import Vapor

/// 结果公示 (四(七)): the bureau publishes the files that passed, with the period; anyone objects
/// while it runs; the bureau rules on each objection. An upheld objection takes the person off
/// the list and the file to 未通过认定 in one transaction; a certificate waits while any
/// objection on the file is open (`facts(of:)`, read by the stage change).
struct ResultPublicityDesk {
    let app: Application
    let database: any Database

    init(request: Request) {
        self.init(app: request.application, database: request.db)
    }

    init(app: Application, database: any Database) {
        self.app = app
        self.database = database
    }

    var clock: any WallClock { app.domain.clock }

    func plan(batch: String) throws -> ResultPublicityPlan {
        guard let policy = app.domain.policy(batch) else { throw ConfigError("no policy file for batch \(batch)") }
        return ResultPublicityPlan(policy: policy, calendar: app.domain.calendar)
    }

    // MARK: publishing

    /// Files of the batch that passed the vote and are on no list yet.
    func unlisted(batch: String) async throws -> [ApplicationRecord] {
        let listed = try await ResultEntryRecord.query(on: database).field(\.$applicationID).all().map(\.applicationID)
        return try await ApplicationRecord.query(on: database).filter(\.$batchID == batch)
            .filter(\.$stage == Stage.resultPublicity.rawValue).filter(\.$id !~ listed).sort(\.$createdAt).all()
    }

    /// Publishes every unlisted file of the batch on a new list starting on `startsOn`; each
    /// applicant is told the period.
    @discardableResult
    func publish(batch: String, startsOn typed: String?, by principal: Principal) async throws -> ResultListRecord {
        guard let start = typed.flatMap({ LocalDate(iso: $0.trimmingCharacters(in: .whitespaces)) }) else {
            throw APIProblem.badInput(code: "date_invalid", field: "startsOn", LocalizedText(
                zh: "请填写公示开始日期（年-月-日）。", en: "Give the first day of the publicity (year-month-day)."))
        }
        let plan = try plan(batch: batch)
        let period: ResultPublicityPlan.Period
        do { period = try plan.period(startingOn: start, today: clock.today()) } catch { throw APIProblem.badInput(error) }
        let files = try await unlisted(batch: batch)
        guard !files.isEmpty else {
            throw APIProblem(status: .conflict, code: "nothing_to_publish", message: LocalizedText(
                zh: "没有待公示的通过人员。", en: "No one who passed is waiting to be published."), field: nil)
        }
        var found: [(ApplicationRecord, ResultEntryRecord.Listing)] = []
        for record in files { found.append((record, try await listing(of: record))) }
        let listings = found
        let clock = self.clock
        return try await AuditLog.write(on: database, gate: app.security.auditGate, clock: clock) { db in
            let now = clock.now()
            let list = ResultListRecord()
            list.batchID = batch
            list.startsOn = period.starts.iso
            list.endsOn = period.ends.iso
            list.publishedBy = principal.userID
            list.publishedAt = now
            try await list.create(on: db)
            let listID = try list.requireID()
            for (record, listing) in listings {
                let entry = ResultEntryRecord()
                entry.listID = listID
                entry.applicationID = try record.requireID()
                entry.listingJSON = String(decoding: try JSONEncoder.sorted.encode(listing), as: UTF8.self)
                try await entry.create(on: db)
                try await MessageRecord(to: record.applicantID, about: entry.applicationID, title: LocalizedText(
                    zh: "认定结果公示", en: "Result publicity"), body: LocalizedText(
                    zh: "您已列入通过认定人员公示名单，公示期为\(period.text.zh)。公示期满无异议的，由市人社局制作职称电子证书。",
                    en: "You are on the published list of those recognised; the publicity runs \(period.text.en). If it ends with no objection, the bureau issues your electronic title certificate."),
                    at: now).create(on: db)
            }
            return (list, [AuditEntry(actor: principal.auditActor, action: "results.publish", recordType: "result_list",
                                      recordID: listID.uuidString, after: "\(period.starts.iso)–\(period.ends.iso) \(listings.count)")])
        }
    }

    /// What the public reads of a file: no ID number, no tally, no ballot.
    func listing(of record: ApplicationRecord) async throws -> ResultEntryRecord.Listing {
        let content = try record.content
        var employer = LocalizedText(zh: "—", en: "—")
        if let id = record.employerID, let organisation = try await OrganisationRecord.find(id, on: database) {
            employer = LocalizedText(zh: organisation.nameZh, en: organisation.nameEn.isEmpty ? organisation.nameZh : organisation.nameEn)
        }
        let name: String
        if let personal = content.personal { name = personal.name } else {
            name = try await UserRecord.find(record.applicantID, on: database)?.displayName ?? "—"
        }
        let field = try await ApplicationDesk(app: app, database: database).certificateField(of: record)
        let dash = LocalizedText(zh: "—", en: "—")
        return ResultEntryRecord.Listing(name: name, employer: employer, series: content.target?.series.name ?? dash,
                                         title: content.target.map { $0.series.title(at: $0.level) } ?? dash,
                                         field: field?.name ?? dash)
    }

    // MARK: what the stage change reads

    /// The last day of the file's publicity (nil when it is on no list) and its open objections.
    func facts(of applicationID: UUID) async throws -> (ends: LocalDate?, openObjections: Int) {
        guard let entry = try await ResultEntryRecord.query(on: database).filter(\.$applicationID == applicationID).first(),
              entry.removedAt == nil, let list = try await ResultListRecord.find(entry.listID, on: database) else { return (nil, 0) }
        let open = try await ObjectionRecord.query(on: database).filter(\.$applicationID == applicationID)
            .filter(\.$outcome == ObjectionOutcome.open.rawValue).count()
        return (list.period?.ends, open)
    }

    // MARK: the bureau's ruling

    /// Dismisses or upholds an objection, with the reason. Upholding moves the file to 未通过认定
    /// with the reason in its history and removes its entry from the list, in one transaction.
    func rule(_ objectionID: UUID?, outcome typed: String?, reason typedReason: String?, by principal: Principal) async throws -> ObjectionRecord {
        guard let objectionID, let objection = try await ObjectionRecord.find(objectionID, on: database) else { throw Abort(.notFound) }
        guard objection.status == .open else {
            throw APIProblem(status: .conflict, code: "objection_ruled", message: LocalizedText(
                zh: "该异议已办结，不能再次处理。", en: "This objection has already been ruled on."), field: nil)
        }
        guard let outcome = typed.flatMap(ObjectionOutcome.init(rawValue:)), outcome != .open else {
            throw APIProblem.badInput(code: "outcome_required", field: "outcome", LocalizedText(
                zh: "请选择核实结论：异议成立或不成立。", en: "Choose the ruling: upheld or dismissed."))
        }
        let reason: String
        do { reason = try ObjectionOutcome.checkedReason(typedReason) } catch { throw APIProblem.badInput(error) }
        let clock = self.clock
        @Sendable func record(_ db: any Database, _ now: Date) async throws {
            objection.outcome = outcome.rawValue
            objection.ruling = reason
            objection.ruledBy = principal.userID
            objection.ruledAt = now
            // Only an open objection is ruled: a concurrent ruling loses.
            guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
            let changed = try await sql.raw("""
                UPDATE objections SET outcome = \(bind: outcome.rawValue), ruling = \(bind: reason), ruled_by = \(bind: principal.userID),
                  ruled_at = \(bind: now) WHERE id = \(bind: objectionID) AND outcome = \(bind: ObjectionOutcome.open.rawValue) RETURNING id
                """).all()
            guard !changed.isEmpty else {
                throw APIProblem(status: .conflict, code: "objection_ruled", message: LocalizedText(
                    zh: "该异议已办结，不能再次处理。", en: "This objection has already been ruled on."), field: nil)
            }
        }
        let audit = AuditEntry(actor: principal.auditActor, action: "results.objection." + outcome.rawValue, recordType: "objection",
                               recordID: objectionID.uuidString, reason: reason)
        guard outcome == .upheld, let file = try await ApplicationRecord.find(objection.applicationID, on: database),
              file.currentStage == .resultPublicity else {
            // Dismissed, or upheld on a file an earlier upheld objection already took off the list.
            try await AuditLog.write(on: database, gate: app.security.auditGate, clock: clock) { db in
                try await record(db, clock.now())
                return ((), [audit])
            }
            return objection
        }
        let entryID = objection.entryID
        _ = try await ApplicationDesk(app: app, database: database).transition(
            file, event: .upholdObjection, reason: reason, idempotencyKey: nil, by: principal) { db, now in
            try await record(db, now)
            try await AuditLog.append([audit], on: db, at: now)
            guard let entry = try await ResultEntryRecord.find(entryID, on: db) else { return nil }
            entry.removedAt = now
            entry.removedReason = reason
            try await entry.save(on: db)
            return LocalizedText(zh: "经核实，对您的异议成立：\(reason)", en: "An objection to your result was upheld: \(reason)")
        }
        return objection
    }
}
