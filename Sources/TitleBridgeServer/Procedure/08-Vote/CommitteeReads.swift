import Fluent
import Foundation
import TitleBridgeCore
import Vapor

/// What the committee's pages read: an expert's files with what is left to do on each, and one
/// file with its panel's standing.
extension CommitteeDesk {
    /// The files of every panel the expert sits on, by session time, each with the expert's
    /// standing; a file the expert may no longer open (recused, absent) is listed without a link.
    func fileRows(of principal: Principal, language: Language) async throws -> [CommitteeHomePage.FileRow] {
        let words = Words<CommitteeText>(language)
        let seats = try await PanelSeatRecord.query(on: database).filter(\.$expertID == principal.userID).all()
        let sessions = try await InterviewSessionRecord.query(on: database).filter(\.$id ~~ seats.map(\.sessionID)).all()
        let placed = try await InterviewFileRecord.query(on: database).filter(\.$sessionID ~~ seats.map(\.sessionID)).all()
        let ids = placed.map(\.applicationID)
        let records = try await ApplicationRecord.query(on: database).filter(\.$id ~~ ids).all()
        let numbers = try await AcceptanceRecord.query(on: database).filter(\.$applicationID ~~ ids).all()
        let recused = Set(try await RecusalRecord.query(on: database).filter(\.$applicationID ~~ ids)
            .filter(\.$expertID == principal.userID).all().map(\.applicationID))
        let attendance = try await AttendanceRecord.query(on: database).filter(\.$applicationID ~~ ids)
            .filter(\.$expertID == principal.userID).all()
        let opinions = Set(try await OpinionRecord.query(on: database).filter(\.$applicationID ~~ ids)
            .filter(\.$expertID == principal.userID).all().map(\.applicationID))
        let voted = Set(try await VoteParticipationRecord.query(on: database).filter(\.$applicationID ~~ ids)
            .filter(\.$expertID == principal.userID).all().map(\.applicationID))
        let names = try await self.names(records.map(\.applicantID))
        return placed.compactMap { row -> (Date, CommitteeHomePage.FileRow)? in
            guard let record = records.first(where: { $0.id == row.applicationID }),
                  let session = sessions.first(where: { $0.id == row.sessionID }) else { return nil }
            let present = attendance.first { $0.applicationID == row.applicationID }?.present
            let seat = CommitteeSeat.panel(recused: recused.contains(row.applicationID),
                                           attendance: present.map { $0 ? .present : .absent } ?? .notRecorded)
            let standing: CommitteeText = if recused.contains(row.applicationID) { .standRecused }
                else if present == false { .standAbsent }
                else if record.currentStage != .interviewScheduled && record.currentStage != .interviewed { .standClosed }
                else if present == nil { .standPrepare }
                else if voted.contains(row.applicationID) { .standVoted }
                else if opinions.contains(row.applicationID) { .standVote }
                else { .standOpinion }
            return (session.startsAt, CommitteeHomePage.FileRow(
                when: session.text.text(in: language), name: names[record.applicantID] ?? "—",
                number: numbers.first { $0.applicationID == row.applicationID }?.number ?? "—", standing: words[standing],
                href: seat.mayRead ? SiteURL.committeeFile.path(row.applicationID.uuidString) : nil))
        }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// The files on the sessions whose vote is not closed, by session time: the secretary's work.
    func openRows(sessions: [InterviewSessionRecord], placed: [InterviewFileRecord], language: Language) async throws -> [CommitteeHomePage.FileRow] {
        let stages = [Stage.interviewScheduled, .interviewed].map(\.rawValue)
        let records = try await ApplicationRecord.query(on: database).filter(\.$id ~~ placed.map(\.applicationID))
            .filter(\.$stage ~~ stages).all()
        let numbers = try await AcceptanceRecord.query(on: database).filter(\.$applicationID ~~ records.compactMap(\.id)).all()
        let names = try await self.names(records.map(\.applicantID))
        return placed.compactMap { row -> (Date, String, CommitteeHomePage.FileRow)? in
            guard let record = records.first(where: { $0.id == row.applicationID }),
                  let session = sessions.first(where: { $0.id == row.sessionID }) else { return nil }
            let number = numbers.first { $0.applicationID == row.applicationID }?.number ?? "—"
            return (session.startsAt, number, CommitteeHomePage.FileRow(
                when: session.text.text(in: language), name: names[record.applicantID] ?? "—", number: number,
                standing: record.currentStage.name.text(in: language), href: SiteURL.committeeFile.path(row.applicationID.uuidString)))
        }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
    }

    /// One file as its committee page shows it to `principal` in `seat`.
    func facts(of record: ApplicationRecord, seat: CommitteeSeat, principal: Principal) async throws -> CommitteeFilePage.Facts {
        let id = try record.requireID()
        let placed = try await InterviewFileRecord.query(on: database).filter(\.$applicationID == id).first()
        var session: InterviewSessionRecord?, panelIDs: [UUID] = []
        if let placed {
            session = try await self.session(placed.sessionID)
            panelIDs = try await panel(of: placed.sessionID)
        }
        let panel = try await CommitteeMemberRecord.query(on: database).filter(\.$userID ~~ panelIDs).all()
            .sorted { $0.joinedAt < $1.joinedAt }
        let acceptance = try await AcceptanceRecord.query(on: database).filter(\.$applicationID == id).first()
        let names = try await self.names(panelIDs + [record.applicantID])
        let votes = VoteDesk(app: app, database: database)
        // Only the secretary reads the panel's opinions and who has voted.
        let secretary = seat == .secretary
        return CommitteeFilePage.Facts(
            record: record, seat: seat, name: names[record.applicantID] ?? "—", number: acceptance?.number ?? "—", session: session,
            target: try record.content.target, policy: try ApplicationDesk(app: app, database: database).policy(of: record),
            panel: panel, names: names, recusals: try await recusals(of: id),
            attendance: try await AttendanceRecord.query(on: database).filter(\.$applicationID == id).all(),
            opinions: secretary ? try await OpinionRecord.query(on: database).filter(\.$applicationID == id).all() : [],
            voters: secretary ? Set(try await VoteParticipationRecord.query(on: database).filter(\.$applicationID == id).all().map(\.expertID)) : [],
            own: try await votes.opinion(of: principal.userID, on: id), hasVoted: try await votes.hasVoted(principal, on: id),
            standing: try await votes.standing(of: id))
    }
}
