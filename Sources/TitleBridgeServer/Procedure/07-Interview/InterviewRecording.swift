import Fluent
import Foundation
import TitleBridgeCore
import Vapor

/// 回避 and the record of the interview: the two things that decide who of a file's panel may
/// judge it.
extension CommitteeDesk {
    /// The recusals on a file, earliest first.
    func recusals(of applicationID: UUID) async throws -> [RecusalRecord] {
        try await RecusalRecord.query(on: database).filter(\.$applicationID == applicationID).sort(\.$recordedAt).all()
    }

    /// An expert stands aside from a file: on the expert's own declaration (with the reason), or
    /// by the secretary (with the reason). Only a panel expert of the file, and only before the
    /// vote is closed. A recusal is never withdrawn: the stricter reading of 回避.
    func recuse(_ record: ApplicationRecord, expert: UUID?, reason: String?, by principal: Principal) async throws {
        let applicationID = try record.requireID()
        let seat = try await requireReadable(record, by: principal)
        let ground: RecusalGround
        let expertID: UUID
        switch seat {
        case .secretary:
            guard let expert else {
                throw APIProblem.badInput(code: "expert_required", field: "expert", LocalizedText(
                    zh: "请选择回避的委员。", en: "Choose the expert who is to stand aside."))
            }
            (ground, expertID) = (.bySecretary, expert)
        case .panel(false, _):
            (ground, expertID) = (.declared, principal.userID)
        default:
            throw Abort(.notFound)
        }
        guard [.interviewScheduled, .interviewed].contains(record.currentStage) else {
            throw APIProblem(status: .conflict, code: "vote_closed", message: LocalizedText(
                zh: "该申报材料的表决已结束。", en: "The vote on this file is over."), field: nil)
        }
        guard let placed = try await InterviewFileRecord.query(on: database).filter(\.$applicationID == applicationID).first(),
              try await panel(of: placed.sessionID).contains(expertID) else {
            throw APIProblem.badInput(code: "not_on_panel", field: "expert", LocalizedText(
                zh: "该委员不在本申报材料的评议组中。", en: "That expert does not sit on this file's panel."))
        }
        let why = try FieldReader.required(reason, "reason", LocalizedText(zh: "回避理由", en: "the reason for standing aside"))
        guard why.count <= 500 else {
            throw APIProblem.badInput(code: "too_long", field: "reason", LocalizedText(
                zh: "回避理由不能超过 500 字。", en: "The reason can be at most 500 characters."))
        }
        // A ballot cannot be taken back (it has no voter), so whoever has voted stays counted.
        if try await VoteParticipationRecord.query(on: database).filter(\.$applicationID == applicationID)
            .filter(\.$expertID == expertID).first() != nil {
            throw APIProblem(status: .conflict, code: "already_voted", message: LocalizedText(
                zh: "该委员已对本申报材料投票，不能再回避。", en: "That expert has already voted on this file and can no longer stand aside."), field: "expert")
        }
        if try await RecusalRecord.query(on: database).filter(\.$applicationID == applicationID).filter(\.$expertID == expertID).first() != nil {
            throw APIProblem(status: .conflict, code: "already_recused", message: LocalizedText(
                zh: "该委员已回避本申报材料。", en: "That expert already stands aside from this file."), field: "expert")
        }
        let clock = self.clock
        try await AuditLog.write(on: database, gate: app.security.auditGate, clock: clock) { db in
            let recusal = Self.recusal(applicationID, expertID, ground, reason: why, by: principal.userID, at: clock.now())
            try await recusal.create(on: db)
            return ((), [AuditEntry(actor: principal.auditActor, action: "committee.recuse", recordType: "recusal",
                                    recordID: try recusal.requireID().uuidString, after: "\(applicationID) \(expertID) \(ground.rawValue)",
                                    reason: why)])
        }
    }

    /// The secretary records that the interview took place and who of the panel was present
    /// (记录面谈答辩). A recused expert is neither present nor absent for the file; the others
    /// not ticked are absent. From now on the present, non-recused experts give opinions and vote.
    func recordInterview(_ record: ApplicationRecord, present: Set<UUID>, by principal: Principal) async throws {
        let applicationID = try record.requireID()
        guard try await seat(of: principal, on: record) == .secretary else { throw Abort(.forbidden) }
        guard let placed = try await InterviewFileRecord.query(on: database).filter(\.$applicationID == applicationID).first() else {
            throw APIProblem(status: .conflict, code: "not_scheduled", message: LocalizedText(
                zh: "该申报材料尚未安排面谈答辩。", en: "This file has no interview scheduled."), field: nil)
        }
        // The record follows the interview: not before the session's day.
        let session = try await session(placed.sessionID)
        guard clock.today() >= ShanghaiTime.date(of: session.startsAt) else {
            throw APIProblem(status: .conflict, code: "interview_not_yet", message: LocalizedText(
                zh: "面谈答辩日期未到，不能记录。", en: "The interview day has not come yet."), field: nil)
        }
        let panel = try await panel(of: placed.sessionID)
        let recused = Set(try await recusals(of: applicationID).map(\.expertID))
        guard present.isSubset(of: Set(panel).subtracting(recused)) else {
            throw APIProblem.badInput(code: "not_on_panel", field: "present", LocalizedText(
                zh: "出席人员只能是本申报材料评议组中未回避的委员。", en: "Only experts of this file's panel who are not recused can be present."))
        }
        let sitting = panel.filter { !recused.contains($0) }
        let held = InterviewHeld(panel: panel.count, present: present.count, absent: sitting.count - present.count, recused: recused.count)
        _ = try await ApplicationDesk(app: app, database: database).transition(
            record, event: .recordInterview, reason: nil, statement: .interview(held), idempotencyKey: nil, by: principal,
            desk: { db, now in
                for expert in sitting {
                    let row = AttendanceRecord()
                    row.applicationID = applicationID
                    row.expertID = expert
                    row.present = present.contains(expert)
                    try await row.create(on: db)
                }
                placed.heldAt = now
                try await placed.save(on: db)
                return LocalizedText(zh: "面谈答辩已进行，认定委员会将评议并投票表决。",
                                     en: "The interview took place; the committee now gives its opinions and votes.")
            })
    }
}
