import Fluent
import Foundation
import SQLKit
import TitleBridgeCore
import Vapor

extension ApplicationDesk {
    /// Moves the file by `event` if the transition table allows it for the caller, once per
    /// idempotency key: a retry with the same key gets the first answer and changes nothing.
    ///
    /// An approval carries the employer's 核实意见 and a post confirmation the supervising
    /// department's statement (`statement`); both are checked before the table is asked, and
    /// kept with the stage change in the file's history.
    ///
    /// The events after acceptance come only from their desks (`DeskSteps`), which pass `desk`:
    /// their own writes for the event's effects, run in this change's transaction.
    func transition(_ record: ApplicationRecord, event: StageEvent, reason: String?, statement: ReviewRecord.Detail? = nil,
                    idempotencyKey: String?, by principal: Principal?, desk: DeskSteps.Writes? = nil) async throws -> Stage {
        let applicationID = try record.requireID()
        let scope = "transition:\(applicationID):\(event.rawValue)"
        if let key = idempotencyKey, let principal, let earlier = try await IdempotencyRecord.query(on: database)
            .filter(\.$userID == principal.userID).filter(\.$key == key).first() {
            guard earlier.scope == scope, let stage = Stage(rawValue: earlier.result) else {
                throw APIProblem(status: .unprocessableEntity, code: "idempotency_key_reused", message: LocalizedText(
                    zh: "该请求编号已用于其他操作。", en: "This idempotency key was used for another request."), field: "idempotencyKey")
            }
            return stage
        }
        guard (desk != nil) == DeskSteps.events.contains(event) else { throw DeskSteps.refusal(event) }
        let policy = try policy(of: record)
        // No principal: the system's scheduled jobs. A person acts in the role that applies to
        // this file (`FileActors.swift`): never as applicant on another's file, never as reviewer on its own.
        let actors = try await transitionActors(of: principal, on: record)
        guard let actor = Self.actor(for: event, from: record.currentStage, among: actors) else { throw Abort(.forbidden) }
        // The guards judge the file as its page and the API show it: one read of the file.
        let file = try await ApplicationFiles.load(for: [record], on: database).file(record, domain: app.domain)
        let employerKind = file.employerKind
        let report = file.report
        let now = clock.now()
        let publicity = file.publicity
        let uploaded = file.uploaded
        let supplement = file.supplement
        let results = record.currentStage == .resultPublicity
            ? try await ResultPublicityDesk(app: app, database: database).facts(of: applicationID) : (ends: nil, openObjections: 0)
        var requestedDue: LocalDate?
        if case .checklist(let decision)? = statement, event == .requestSupplement { requestedDue = decision.supplementDue }
        let facts = TransitionFacts(now: now, employerKind: employerKind ?? .enterprise, reason: reason,
                                    targetLevel: try record.content.target?.level,
                                    eligibilityFails: report.map { !$0.eligible } ?? true,
                                    summaryZi: try record.content.summaryCount.zi, publicityEnds: publicity?.endDay,
                                    publicityOutcomeRecorded: publicity?.outcome != nil,
                                    missingMaterials: ReportingChecklist.missing(uploaded),
                                    missingProofs: SubmissionProofs.missing(uploaded),
                                    supplementsRequested: supplement == nil ? 0 : 1,
                                    supplementDue: event == .requestSupplement ? requestedDue : supplement?.dueDay,
                                    votePassed: try Self.votePassed(statement, policy: policy),
                                    resultPublicityEnds: results.ends, openObjections: results.openObjections,
                                    paperReceived: file.acceptance?.paperReceivedAt != nil)
        let next: Stage
        switch TransitionTable.decide(from: record.currentStage, event: event, by: actor, facts: facts, policy: policy) {
        case .success(let stage): next = stage
        case .failure(let refusal):
            if refusal.code == .notYourRole { throw Abort(.forbidden) }
            throw APIProblem(status: .conflict, code: refusal.code.rawValue, message: refusal.message, field: nil)
        }
        // The applicant acts by the due day the bureau sets, so it is a day the offices work.
        if let due = requestedDue, let problem = app.domain.calendar.notWorkingDayProblem(due, what: LocalizedText(
            zh: "补正截止日", en: "the supplement's due day")) {
            throw APIProblem.badInput(code: "due_not_working_day", field: "supplementDue", problem)
        }
        let items = AcceptanceChecklist.items(report: report, uploaded: uploaded, summaryZi: try record.content.summaryCount.zi, policy: policy)
        let statement = try Self.checked(statement, for: event, record: record, today: facts.today, items: items)
        let field = event == .accept ? try await certificateField(of: record) : nil
        let schedule = event == .accept ? file.schedule : nil
        let before = AuditLog.digest(ApplicationSnapshot(record))
        let from = record.currentStage
        let clock = self.clock
        let auditActor = Self.auditActor(principal, acting: actor)
        try await AuditLog.write(on: database, gate: app.security.auditGate, clock: clock) { db in
            guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
            let now = clock.now()
            // The stage moves only from the stage it was judged in: a concurrent change loses.
            // A first submission also records when it was made.
            let submittedAt: Date? = event == .submit ? (record.submittedAt ?? now) : record.submittedAt
            // The bureau's queue is in the order of the last report.
            let reportedAt: Date? = event == .report ? now : record.reportedAt
            let row = try await sql.raw("""
                UPDATE applications SET stage = \(bind: next.rawValue), version = version + 1, updated_at = \(bind: now),
                  submitted_at = \(bind: submittedAt), reported_at = \(bind: reportedAt)
                WHERE id = \(bind: applicationID) AND stage = \(bind: from.rawValue)
                RETURNING version
                """).first()
            guard let version = try row?.decode(column: "version", as: Int.self) else {
                throw APIProblem(status: .conflict, code: "stage_changed", message: LocalizedText(
                    zh: "申报材料的状态已发生变化，请刷新页面。", en: "The file's stage has changed meanwhile; reload the page."), field: nil)
            }
            record.stage = next.rawValue
            record.version = version
            record.submittedAt = submittedAt
            record.reportedAt = reportedAt
            if let key = idempotencyKey, let principal {
                let memo = IdempotencyRecord()
                memo.userID = principal.userID
                memo.key = key
                memo.scope = scope
                memo.result = next.rawValue
                memo.createdAt = now
                try await memo.create(on: db)
            }
            var extra = try await Self.record(event: event, next: next, statement: statement, field: field, schedule: schedule,
                                              supplement: supplement, record: record, by: principal, policy: policy, at: now, on: db)
            if let desk { extra = try await desk(db, now) ?? extra }
            let history = ReviewRecord()
            history.applicationID = applicationID
            history.event = event.rawValue
            history.fromStage = from.rawValue
            history.toStage = next.rawValue
            history.actorID = principal?.userID
            history.actorName = principal?.displayName ?? "系统 System"
            history.reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines).nonEmpty
            history.detailJSON = try ReviewRecord.encode(statement)
            history.createdAt = now
            try await history.create(on: db)
            var body = Self.messageBody(from: from, to: next, reason: reason, policy: policy)
            if let extra { body = LocalizedText(zh: body.zh + extra.zh, en: body.en + " " + extra.en) }
            try await MessageRecord(to: record.applicantID, about: applicationID, title: Self.messageTitle(next), body: body, at: now).create(on: db)
            return ((), [AuditEntry(actor: auditActor, action: "application." + event.rawValue, recordType: "application",
                                    recordID: applicationID.uuidString, before: before, after: AuditLog.digest(ApplicationSnapshot(record)),
                                    reason: reason ?? extra?.zh)])
        }
        return next
    }

    /// The event's effects (`StageEvent.effects`), run inside the stage change's transaction;
    /// returns what the applicant's message adds.
    static func record(event: StageEvent, next: Stage, statement: ReviewRecord.Detail?, field: CertificateField?,
                               schedule: PaperScheduleRecord?, supplement: SupplementRecord?, record: ApplicationRecord,
                               by principal: Principal?, policy: BatchPolicy, at now: Date, on db: any Database) async throws -> LocalizedText? {
        let applicationID = try record.requireID()
        var added: LocalizedText?
        for effect in event.effects {
            switch effect {
            case .drawAcceptanceNumber:
                guard let principal else { throw Abort(.forbidden) }
                // Numbered inside the transaction: a rolled-back acceptance gives its number back.
                let sequence = try await NumberSequence.next(AcceptanceNumber.sequenceName(batch: record.batchID), on: db)
                let acceptance = AcceptanceRecord()
                acceptance.applicationID = applicationID
                acceptance.batchID = record.batchID
                acceptance.number = AcceptanceNumber.format(batchCode: AcceptanceNumber.batchCode(of: policy), field: field, sequence: sequence)
                acceptance.acceptedAt = now
                acceptance.acceptedBy = principal.userID
                try await acceptance.create(on: db)
                var text = LocalizedText(zh: "受理号：\(acceptance.number)。", en: "Acceptance number: \(acceptance.number).")
                if let schedule { text = LocalizedText(zh: text.zh + schedule.text.zh, en: text.en + " " + schedule.text.en) }
                added = text
            case .openSupplement:
                guard let principal, case .checklist(let decision)? = statement, let due = decision.supplementDue else { throw Abort(.forbidden) }
                let request = SupplementRecord()
                request.applicationID = applicationID
                request.itemsJSON = String(decoding: try JSONEncoder.sorted.encode(decision.flagged), as: UTF8.self)
                request.dueOn = due.iso
                request.requestedBy = principal.userID
                request.requestedAt = now
                try await request.create(on: db)
                let lines = decision.flagged.map { entry in
                    (zh: "“\(entry.label.zh)”\(entry.verdict.name.zh)" + (entry.note.map { "（\($0)）" } ?? ""),
                     en: "“\(entry.label.en)”: \(entry.verdict.name.en.lowercased())" + (entry.note.map { " (\($0))" } ?? ""))
                }
                added = LocalizedText(
                    zh: "需补正：" + lines.map(\.zh).joined(separator: "；") + "。请于\(DateText.long(due, in: .zh))前一次性补齐并提交，逾期视为放弃申报。",
                    en: "To correct: " + lines.map(\.en).joined(separator: "; ") + ". Correct them all and send the file back by \(DateText.long(due, in: .en)); otherwise the application counts as withdrawn.")
            case .answerSupplement:
                supplement?.resubmittedAt = now
                try await supplement?.save(on: db)
            case .clearPublicity:
                // The earlier publicity (and how it ended) stays in the audit log and the history, not on the file.
                try await PublicityRecord.query(on: db).filter(\.$applicationID == applicationID).delete()
            case .placeOnSession, .recordAttendance, .closeVote:
                // The committee's desk writes these (`desk` of `transition`), in the same transaction.
                break
            }
        }
        return added
    }

    /// The field of the file's certificate, for its acceptance number.
    func certificateField(of record: ApplicationRecord) async throws -> CertificateField? {
        guard let id = record.verificationID, let verification = try await VerificationRecord.find(id, on: database) else { return nil }
        return try await CertificateItemRecord.find(verification.certificateItemID, on: database)?.item?.field
    }

    /// The statement the event needs (`StageEvent.statement`), checked; nil for events that carry none.
    static func checked(_ statement: ReviewRecord.Detail?, for event: StageEvent, record: ApplicationRecord,
                        today: LocalDate, items: [AcceptanceItem]) throws -> ReviewRecord.Detail? {
        do {
            switch (event.statement, statement) {
            case (nil, _):
                return nil
            case (.acceptanceChecklist?, .checklist(let sent)?):
                let decision = sent.labelled(by: items)
                try decision.validate(against: items, accepting: event == .accept)
                return .checklist(decision)
            case (.acceptanceChecklist?, _):
                throw ProfileError(code: "checklist_required", field: "items", message: LocalizedText(
                    zh: "请逐项作出审核结论。", en: "Give a verdict on every item of the checklist."))
            case (.unitOpinion?, .opinion(let opinion)?):
                try opinion.validate(today: today, submittedOn: record.submittedAt.map(ShanghaiTime.date(of:)))
                return statement
            case (.unitOpinion?, _):
                throw ProfileError(code: "opinion_required", field: "opinion", message: LocalizedText(
                    zh: "同意申报须填写所在单位核实意见。", en: "Approving needs the employer's opinion (所在单位核实意见)."))
            case (.postConfirmation?, .post(let post)?):
                try post.validate()
                return statement
            case (.postConfirmation?, _):
                throw ProfileError(code: "post_required", field: "post", message: LocalizedText(
                    zh: "请确认岗位情况。", en: "Confirm the post situation."))
            // The committee's statements are written by its desk, which checked what they rest on.
            case (.interviewPlacement?, .placement?), (.interviewHeld?, .interview?), (.committeeDecision?, .decision?):
                return statement
            case (.interviewPlacement?, _), (.interviewHeld?, _), (.committeeDecision?, _):
                throw CommitteeSteps.refusal(event)
            }
        } catch let error as ProfileError {
            throw APIProblem.badInput(code: error.code, field: error.field, error.message)
        }
    }

    /// What a closed tally says of the vote; nil until the committee's decision is stated.
    static func votePassed(_ statement: ReviewRecord.Detail?, policy: BatchPolicy) throws -> Bool? {
        guard case .decision(let decision)? = statement else { return nil }
        return try decision.tally(rules: policy.voting).outcome == .passed
    }

    static func messageTitle(_ stage: Stage) -> LocalizedText {
        LocalizedText(zh: "申报状态：\(stage.name.zh)", en: "Application: \(stage.name.en)")
    }

    static func messageBody(from: Stage, to: Stage, reason: String?, policy: BatchPolicy) -> LocalizedText {
        let next = NextStep.after(to, policy: policy)
        var zh = "您的申报材料已由“\(from.name.zh)”转为“\(to.name.zh)”。\(next.zh)"
        var en = "Your file moved from “\(from.name.en)” to “\(to.name.en)”. \(next.en)"
        if let reason, !reason.isEmpty {
            zh += "理由：\(reason)"
            en += " Reason: \(reason)"
        }
        return LocalizedText(zh: zh, en: en)
    }
}
