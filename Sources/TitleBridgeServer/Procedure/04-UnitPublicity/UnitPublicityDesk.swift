import Fluent
import Foundation
import SQLKit
import TitleBridgeCore
import Vapor

extension ApplicationDesk {
    // MARK: unit publicity

    /// 申报公示: the employer records when and where the file was posted, with evidence. The end
    /// comes from the working-day calendar. A start whose publicity ends after the window is
    /// refused unless the employer confirms that the file will miss the batch
    /// (`acceptsMissingBatch`): then it is recorded (the unit did post it) and the page and the
    /// applicant's message say so. A record can be corrected while the file is still
    /// publicised; every version is audited.
    func recordPublicity(_ record: ApplicationRecord, startsOn text: String?, place: String?, evidence: Data, evidenceName: String,
                         acceptsMissingBatch: Bool = false, by principal: Principal) async throws -> PublicityPlan.Assessment {
        // The caller can see the file (`load`), so a caller who is not its employer is told no.
        guard RecordAccess.mayActAsEmployer(onFileOf: record.applicantID, unit: record.employerID, actor: principal.actor) else {
            throw Abort(.forbidden)
        }
        if record.currentStage.isFrozen { try await refuseChange(record, "publicity", by: principal) }
        guard record.currentStage == .unitPublicity else {
            throw APIProblem(status: .conflict, code: "not_in_publicity", message: LocalizedText(
                zh: "当前阶段（\(record.currentStage.name.zh)）不能登记单位公示。",
                en: "The unit publicity cannot be recorded while the file is “\(record.currentStage.name.en)”."), field: nil)
        }
        let policy = try policy(of: record)
        guard let start = text.flatMap({ LocalDate(iso: $0.trimmingCharacters(in: .whitespaces)) }) else {
            throw APIProblem.badInput(code: "date", field: "startsOn", LocalizedText(
                zh: "请按 年-月-日 填写公示开始日期。", en: "Give the first day of the publicity as YYYY-MM-DD."))
        }
        let plan = PublicityPlan(policy: policy, calendar: app.domain.calendar)
        do {
            try plan.checkStart(start, submittedOn: record.submittedAt.map(ShanghaiTime.date(of:)))
        } catch {
            throw APIProblem.badInput(code: error.code, field: error.field, error.message)
        }
        let spot = (place ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !spot.isEmpty, spot.count <= 200 else {
            throw APIProblem.badInput(code: "place_required", field: "place", LocalizedText(
                zh: "请写明公示的地点或方式（不超过200字）。", en: "Say where or how the publicity was posted (at most 200 characters)."))
        }
        let assessment = plan.assess(startingOn: start)
        guard assessment.fitsWindow || acceptsMissingBatch else {
            throw APIProblem(status: .conflict, code: "publicity_misses_batch", message: LocalizedText(
                zh: assessment.message.zh + "如确认仍要登记，请勾选“本件将无法参加本批次考核认定”的确认后再提交；否则请改为\(DateText.long(plan.latestStart.value, in: .zh))或更早开始的公示。",
                en: assessment.message.en + " To record it all the same, tick the confirmation that the file will miss this batch; otherwise give a start on or before \(DateText.long(plan.latestStart.value, in: .en))."),
                field: "acceptsMissingBatch")
        }
        let applicationID = try record.requireID()
        try await checkCapacity(of: applicationID, adding: evidence.count)
        let existing = try await PublicityRecord.query(on: database).filter(\.$applicationID == applicationID).first()
        let before = existing.map { "\($0.startsOn)…\($0.endsOn) \($0.place)" }
        let clock = self.clock
        try await AuditLog.write(on: database, gate: app.security.auditGate, clock: clock) { db in
            let (_, file) = try await storeUpload(.publicityEvidence, data: evidence, name: evidenceName, field: "evidence",
                                                  to: applicationID, owner: principal.userID, on: db)
            let publicity = existing ?? PublicityRecord()
            publicity.applicationID = applicationID
            publicity.startsOn = start.iso
            publicity.endsOn = assessment.ends.iso
            publicity.place = spot
            publicity.evidenceFileID = try file.requireID()
            publicity.recordedBy = principal.userID
            publicity.recordedAt = clock.now()
            // A corrected publicity is a new one: how the earlier one ended does not carry over.
            publicity.outcomeJSON = nil
            try await publicity.save(on: db)
            try await MessageRecord(to: record.applicantID, about: applicationID, title: LocalizedText(
                zh: "单位公示已登记", en: "Unit publicity recorded"), body: LocalizedText(
                zh: "所在单位已在“\(spot)”公示您的申报材料。\(assessment.message.zh)",
                en: "Your employer posted your application at “\(spot)”. \(assessment.message.en)"), at: clock.now()).create(on: db)
            return ((), [AuditEntry(actor: principal.auditActor, action: "application.publicity", recordType: "application",
                                    recordID: applicationID.uuidString, before: before,
                                    after: "\(start.iso)…\(assessment.ends.iso) \(spot)"
                                        + (assessment.fitsWindow ? "" : " (misses the batch, confirmed by the unit)"),
                                    reason: file.sha256)])
        }
        return assessment
    }

    /// 公示结果: the employer records how the publicity ended, on or after its last day. An
    /// objection upheld is not recorded here: the employer returns the file with the reason.
    func recordPublicityOutcome(_ record: ApplicationRecord, _ input: PublicityOutcomeInput,
                                by principal: Principal) async throws -> PublicityOutcome {
        guard RecordAccess.mayActAsEmployer(onFileOf: record.applicantID, unit: record.employerID, actor: principal.actor) else {
            throw Abort(.forbidden)
        }
        if record.currentStage.isFrozen { try await refuseChange(record, "publicityOutcome", by: principal) }
        let applicationID = try record.requireID()
        guard record.currentStage == .unitPublicity,
              let publicity = try await PublicityRecord.query(on: database).filter(\.$applicationID == applicationID).first(),
              let ends = publicity.endDay else {
            throw APIProblem(status: .conflict, code: "no_publicity", message: LocalizedText(
                zh: "尚未登记单位公示，不能登记公示结果。", en: "The publicity has not been recorded, so its outcome cannot be."), field: nil)
        }
        let outcome = try input.outcome()
        do {
            try outcome.validate(publicityEnds: ends, today: clock.today())
        } catch {
            throw APIProblem.badInput(code: error.code, field: error.field, error.message)
        }
        let json = String(decoding: try JSONEncoder.sorted.encode(outcome), as: UTF8.self)
        let before = publicity.outcome?.summary.zh
        let clock = self.clock
        try await AuditLog.write(on: database, gate: app.security.auditGate, clock: clock) { db in
            publicity.outcomeJSON = json
            try await publicity.save(on: db)
            try await MessageRecord(to: record.applicantID, about: applicationID, title: LocalizedText(
                zh: "单位公示结果已登记", en: "Publicity outcome recorded"), body: LocalizedText(
                zh: "所在单位已登记公示结果：\(outcome.summary.zh)。", en: "Your employer recorded how the publicity ended: \(outcome.summary.en)."),
                at: clock.now()).create(on: db)
            return ((), [AuditEntry(actor: principal.auditActor, action: "application.publicityOutcome", recordType: "application",
                                    recordID: applicationID.uuidString, before: before, after: outcome.summary.zh,
                                    reason: outcome.recordedBy)])
        }
        return outcome
    }
}
