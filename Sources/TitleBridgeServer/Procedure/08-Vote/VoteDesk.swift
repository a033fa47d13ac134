import Fluent
import Foundation
import SQLKit
import TitleBridgeCore
import Vapor

/// 评议表决 (四(六)): each present, non-recused expert of a file's panel writes an opinion on the
/// four points and casts one secret ballot; the secretary closes the vote, and the tally of the
/// batch's voting rule moves the file, once and for good.
struct VoteDesk {
    let committee: CommitteeDesk

    init(request: Request) {
        committee = CommitteeDesk(request: request)
    }

    init(app: Application, database: any Database) {
        committee = CommitteeDesk(app: app, database: database)
    }

    private var database: any Database { committee.database }
    private var app: Application { committee.app }

    /// Where the vote on a file stands: who may still vote (a count), how many have, the final
    /// tally once closed. Nobody's choice.
    struct Standing {
        let entitled: Int
        let voted: Int
        let closure: VoteClosureRecord?
    }

    func standing(of applicationID: UUID) async throws -> Standing {
        let present = try await AttendanceRecord.query(on: database).filter(\.$applicationID == applicationID).filter(\.$present == true).count()
        let voted = try await VoteParticipationRecord.query(on: database).filter(\.$applicationID == applicationID).count()
        let closure = try await VoteClosureRecord.query(on: database).filter(\.$applicationID == applicationID).first()
        return Standing(entitled: present, voted: voted, closure: closure)
    }

    func hasVoted(_ principal: Principal, on applicationID: UUID) async throws -> Bool {
        try await VoteParticipationRecord.query(on: database).filter(\.$applicationID == applicationID)
            .filter(\.$expertID == principal.userID).first() != nil
    }

    func opinion(of expert: UUID, on applicationID: UUID) async throws -> OpinionRecord? {
        try await OpinionRecord.query(on: database).filter(\.$applicationID == applicationID).filter(\.$expertID == expert).first()
    }

    /// The seat that lets the principal judge the file now, or the refusal: 403 for the
    /// secretary (no opinion, no ballot), 404 for those who may not even read the file, 409
    /// when the moment is wrong.
    private func judgingSeat(_ record: ApplicationRecord, _ principal: Principal) async throws {
        guard let seat = try await committee.seat(of: principal, on: record), seat != .offPanel else { throw Abort(.notFound) }
        if seat == .secretary { throw APIProblem(status: .forbidden, code: "secretary_does_not_vote", message: seat.judgingRefusal
            ?? LocalizedText(zh: "", en: ""), field: nil) }
        guard seat.mayRead else { throw Abort(.notFound) }
        if let refusal = seat.judgingRefusal { throw APIProblem(status: .conflict, code: "may_not_judge", message: refusal, field: nil) }
        guard record.currentStage == .interviewed else { throw Self.closed }
    }

    static let closed = APIProblem(status: .conflict, code: "vote_closed", message: LocalizedText(
        zh: "该申报材料的表决已结束，不能再更改。", en: "The vote on this file is closed and cannot change."), field: nil)

    /// Writes (or rewrites, until the vote closes) the expert's opinion on the four points.
    func saveOpinion(_ record: ApplicationRecord, _ opinion: ExpertOpinion, by principal: Principal) async throws {
        try await judgingSeat(record, principal)
        do { try opinion.validate() } catch let error as ProfileError {
            throw APIProblem.badInput(code: error.code, field: error.field, error.message)
        }
        let applicationID = try record.requireID()
        let existing = try await self.opinion(of: principal.userID, on: applicationID)
        let clock = committee.clock
        try await AuditLog.write(on: database, gate: app.security.auditGate, clock: clock) { db in
            let row = existing ?? OpinionRecord()
            let before = existing.map { AuditLog.digest($0.opinionJSON) }
            row.applicationID = applicationID
            row.expertID = principal.userID
            row.opinionJSON = String(decoding: try JSONEncoder.sorted.encode(opinion), as: UTF8.self)
            row.writtenAt = clock.now()
            try await row.save(on: db)
            return ((), [AuditEntry(actor: principal.auditActor(as: .expert), action: "committee.opinion", recordType: "expert_opinion",
                                    recordID: try row.requireID().uuidString, before: before, after: AuditLog.digest(row.opinionJSON))])
        }
    }

    /// Casts the expert's one ballot. The opinion comes first (the ballot rests on it). The
    /// participation and the ballot are written in one transaction; the audit row says that the
    /// expert voted, never how.
    func cast(_ record: ApplicationRecord, _ choice: BallotChoice, by principal: Principal) async throws {
        try await judgingSeat(record, principal)
        let applicationID = try record.requireID()
        guard try await opinion(of: principal.userID, on: applicationID) != nil else {
            throw APIProblem(status: .conflict, code: "opinion_first", message: LocalizedText(
                zh: "请先提交您的评议意见，再投票。", en: "Give your opinion first, then vote."), field: nil)
        }
        try await AuditLog.write(on: database, gate: app.security.auditGate, clock: committee.clock) { db in
            guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
            // Holds the file's row, so a close and a ballot never pass each other.
            guard try await sql.raw("""
                UPDATE applications SET stage = stage WHERE id = \(bind: applicationID) AND stage = \(bind: Stage.interviewed.rawValue) RETURNING id
                """).first() != nil else { throw Self.closed }
            guard try await VoteParticipationRecord.query(on: db).filter(\.$applicationID == applicationID)
                .filter(\.$expertID == principal.userID).first() == nil else {
                throw APIProblem(status: .conflict, code: "already_voted", message: LocalizedText(
                    zh: "您已对该申报材料投票，每人只能投一票。", en: "You have already voted on this file; each expert votes once."), field: nil)
            }
            let participation = VoteParticipationRecord()
            participation.applicationID = applicationID
            participation.expertID = principal.userID
            try await participation.create(on: db)
            try await BallotBox.add(choice, for: applicationID, on: db)
            return ((), [AuditEntry(actor: principal.auditActor(as: .expert), action: "committee.vote", recordType: "vote_participation",
                                    recordID: try participation.requireID().uuidString, after: applicationID.uuidString)])
        }
    }

    /// The secretary closes the vote with the committee's 考核认定意见: the tally of the batch's
    /// rule is final, and the file moves to result publicity or to not recognised. A sitting
    /// without a quorum cannot close (the file waits, nothing changes).
    @discardableResult
    func close(_ record: ApplicationRecord, opinion: String?, by principal: Principal) async throws -> CommitteeTally {
        guard try await committee.seat(of: principal, on: record) == .secretary else { throw Abort(.forbidden) }
        guard record.currentStage == .interviewed else { throw Self.closed }
        let text: String
        do { text = try CommitteeDecision.checkedOpinion(opinion) } catch let error as ProfileError {
            throw APIProblem.badInput(code: error.code, field: error.field, error.message)
        }
        let applicationID = try record.requireID()
        let policy = try ApplicationDesk(app: app, database: database).policy(of: record)
        let size = try await committee.committeeSize()
        let present = try await standing(of: applicationID).entitled
        let counts = try await BallotBox.count(for: applicationID, on: database)
        let tally: CommitteeTally
        do {
            tally = try CommitteeTally(committeeSize: size, present: present, agree: counts[.agree] ?? 0,
                                       disagree: counts[.disagree] ?? 0, abstain: counts[.abstain] ?? 0, rules: policy.voting)
        } catch let problem as CommitteeTally.Problem {
            throw APIProblem(status: .conflict, code: "tally_impossible", message: problem.message, field: nil)
        }
        guard tally.outcome != .inquorate else {
            throw APIProblem(status: .conflict, code: "no_quorum", message: tally.summary, field: nil)
        }
        let decision = CommitteeDecision(opinion: text, tally: tally)
        _ = try await ApplicationDesk(app: app, database: database).transition(
            record, event: tally.outcome == .passed ? .recordPass : .recordFail, reason: nil, statement: .decision(decision),
            idempotencyKey: nil, by: principal, desk: { db, now in
                // The file's row is held by the stage change: no ballot arrives between the count and here.
                guard try await BallotBox.count(for: applicationID, on: db) == counts else {
                    throw APIProblem(status: .conflict, code: "ballot_arrived", message: LocalizedText(
                        zh: "计票时有新的投票，请重新结束表决。", en: "A ballot arrived while counting; close the vote again."), field: nil)
                }
                let closure = VoteClosureRecord()
                closure.applicationID = applicationID
                closure.outcome = tally.outcome.rawValue
                closure.committeeSize = tally.committeeSize
                closure.present = tally.present
                closure.agree = tally.agree
                closure.disagree = tally.disagree
                closure.abstain = tally.abstain
                closure.committeeOpinion = text
                closure.closedBy = principal.userID
                closure.closedAt = now
                try await closure.create(on: db)
                return tally.outcome == .passed
                    ? LocalizedText(zh: "认定委员会表决通过，您的名单将进入结果公示。",
                                    en: "The committee voted to recognise the title; your name goes on the result publicity.")
                    : LocalizedText(zh: "认定委员会表决未通过，不予认定。考核认定意见：\(text)",
                                    en: "The committee did not vote to recognise the title. The committee's opinion: \(text)")
            })
        return tally
    }
}
