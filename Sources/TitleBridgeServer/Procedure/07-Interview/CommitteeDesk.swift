import Fluent
import Foundation
import TitleBridgeCore
import Vapor

/// 认定委员会 (四(六)): its members, the interview sessions with their panels, the files placed on
/// them, recusal and attendance. Where a member stands to a file is `seat(of:on:)`; every
/// change here is audited, and those that move a file go through its stage change.
struct CommitteeDesk {
    let app: Application
    let database: any Database

    init(request: Request) {
        self.init(app: request.application, database: request.db)
    }

    /// Outside a request: the demo seed acts at the desk as the secretary would.
    init(app: Application, database: any Database) {
        self.app = app
        self.database = database
    }

    var clock: any WallClock { app.domain.clock }

    // MARK: the committee

    func members() async throws -> [CommitteeMemberRecord] {
        try await CommitteeMemberRecord.query(on: database).sort(\.$joinedAt).sort(\.$id).all()
    }

    /// A member joins the committee with the fields the member judges and the employer (an
    /// organisation of the system, for automatic recusal, or only its name).
    func addMember(_ userID: UUID, fields: [CertificateField], employerID: UUID?, employerName: String, by actor: AuditActor) async throws {
        let clock = self.clock
        try await AuditLog.write(on: database, gate: app.security.auditGate, clock: clock) { db in
            let member = CommitteeMemberRecord()
            member.userID = userID
            member.fieldsJSON = String(decoding: try JSONEncoder.sorted.encode(fields.map(\.rawValue)), as: UTF8.self)
            member.employerID = employerID
            member.employerName = employerName
            member.joinedAt = clock.now()
            try await member.create(on: db)
            return ((), [AuditEntry(actor: actor, action: "committee.member.add", recordType: "committee_member",
                                    recordID: try member.requireID().uuidString, after: "\(userID) \(member.fieldsJSON) \(employerName)")])
        }
    }

    /// The quorum's denominator: every member of the committee, recused or not.
    func committeeSize() async throws -> Int {
        try await CommitteeMemberRecord.query(on: database).count()
    }

    /// Display names of accounts, for the committee's own pages.
    func names(_ ids: some Sequence<UUID>) async throws -> [UUID: String] {
        let users = try await UserRecord.query(on: database).filter(\.$id ~~ Set(ids)).all()
        return Dictionary(users.compactMap { user in user.id.map { ($0, user.displayName) } }, uniquingKeysWith: { first, _ in first })
    }

    // MARK: where a member stands

    /// The principal's seat on the file: nil for someone outside the committee. The secretary
    /// sits on every accepted file that is not the secretary's own.
    func seat(of principal: Principal, on record: ApplicationRecord) async throws -> CommitteeSeat? {
        let id = try record.requireID()
        if principal.roles.contains(.secretary), principal.userID != record.applicantID, record.currentStage.isFrozen {
            return .secretary
        }
        guard principal.roles.contains(.expert), principal.userID != record.applicantID else { return nil }
        guard let placed = try await InterviewFileRecord.query(on: database).filter(\.$applicationID == id).first(),
              try await PanelSeatRecord.query(on: database).filter(\.$sessionID == placed.sessionID)
                .filter(\.$expertID == principal.userID).first() != nil else { return .offPanel }
        let recused = try await RecusalRecord.query(on: database).filter(\.$applicationID == id)
            .filter(\.$expertID == principal.userID).first() != nil
        let attendance: Attendance = try await AttendanceRecord.query(on: database).filter(\.$applicationID == id)
            .filter(\.$expertID == principal.userID).first().map { $0.present ? .present : .absent } ?? .notRecorded
        return .panel(recused: recused, attendance: attendance)
    }

    /// Reads the file for the committee, or answers 404 as for any file the caller may not see.
    func requireReadable(_ record: ApplicationRecord, by principal: Principal) async throws -> CommitteeSeat {
        guard let seat = try await seat(of: principal, on: record), seat.mayRead else { throw Abort(.notFound) }
        return seat
    }

    // MARK: sessions

    struct SessionInput: Sendable {
        var field: String?
        var day: String?
        var from: String?
        var until: String?
        var place: String?
        var videoLink: String?
        var panel: [UUID] = []
    }

    /// Sessions of the current batch, earliest first.
    func sessions() async throws -> [InterviewSessionRecord] {
        let batch = try app.domain.currentPolicy.id
        return try await InterviewSessionRecord.query(on: database).filter(\.$batchID == batch).sort(\.$startsAt).sort(\.$id).all()
    }

    func session(_ id: UUID?) async throws -> InterviewSessionRecord {
        guard let id, let session = try await InterviewSessionRecord.find(id, on: database) else { throw Abort(.notFound) }
        return session
    }

    func panel(of sessionID: UUID) async throws -> [UUID] {
        try await PanelSeatRecord.query(on: database).filter(\.$sessionID == sessionID).all().map(\.expertID)
    }

    /// A new session with its panel. The panel is of committee members, at least the policy's
    /// smallest panel and at least the quorum of the committee: a smaller panel could never
    /// decide a file.
    func createSession(_ input: SessionInput, by principal: Principal) async throws -> InterviewSessionRecord {
        let when = try checkedTime(input)
        let field: CertificateField = try FieldReader.choice(input.field, "field", LocalizedText(zh: "专业领域", en: "the field"))
        let members = Set(try await members().map(\.userID))
        let panel = Array(Set(input.panel))
        guard panel.allSatisfy(members.contains) else {
            throw APIProblem.badInput(code: "not_committee_member", field: "panel", LocalizedText(
                zh: "评议组只能由认定委员会委员组成。", en: "The panel can only have members of the committee."))
        }
        let policy = try app.domain.currentPolicy
        let needed = policy.voting.smallestPanel(committeeSize: members.count)
        guard panel.count >= needed else {
            throw APIProblem.badInput(code: "panel_too_small", field: "panel", LocalizedText(
                zh: "评议组至少需要 \(needed) 名委员（委员会 \(members.count) 人，出席须达三分之二）。",
                en: "The panel needs at least \(needed) members (the committee has \(members.count); two thirds must sit)."))
        }
        let clock = self.clock
        return try await AuditLog.write(on: database, gate: app.security.auditGate, clock: clock) { db in
            let session = InterviewSessionRecord()
            session.batchID = policy.id
            session.field = field.rawValue
            session.startsAt = when.starts
            session.endsAt = when.ends
            session.place = when.place
            session.videoLink = when.link
            session.createdBy = principal.userID
            session.updatedAt = clock.now()
            try await session.create(on: db)
            let id = try session.requireID()
            for expert in panel { try await PanelSeatRecord(session: id, expert: expert).create(on: db) }
            return (session, [AuditEntry(actor: principal.auditActor, action: "committee.session.create", recordType: "interview_session",
                                         recordID: id.uuidString, after: session.text.zh, reason: "panel of \(panel.count)")])
        }
    }

    /// Moves a session (day, time, place, link) and tells every applicant placed on it that this
    /// notice replaces the earlier one.
    func changeSession(_ session: InterviewSessionRecord, _ input: SessionInput, by principal: Principal) async throws {
        let when = try checkedTime(input)
        let sessionID = try session.requireID()
        let placed = try await InterviewFileRecord.query(on: database).filter(\.$sessionID == sessionID).filter(\.$heldAt == nil).all()
        let applications = try await ApplicationRecord.query(on: database).filter(\.$id ~~ placed.map(\.applicationID)).all()
        let before = session.text
        let clock = self.clock
        try await AuditLog.write(on: database, gate: app.security.auditGate, clock: clock) { db in
            session.startsAt = when.starts
            session.endsAt = when.ends
            session.place = when.place
            session.videoLink = when.link
            session.updatedAt = clock.now()
            try await session.save(on: db)
            for application in applications {
                try await MessageRecord(to: application.applicantID, about: application.id, title: LocalizedText(
                    zh: "面谈答辩时间已调整", en: "Your interview has moved"), body: LocalizedText(
                    zh: "本通知替换此前通知的时间（\(before.zh)），原时间作废。面谈答辩：\(session.text.zh)。",
                    en: "This notice replaces the earlier one (\(before.en)), which no longer applies. Interview: \(session.text.en)."),
                    at: clock.now()).create(on: db)
            }
            return ((), [AuditEntry(actor: principal.auditActor, action: "committee.session.change", recordType: "interview_session",
                                    recordID: sessionID.uuidString, before: before.zh, after: session.text.zh,
                                    reason: "\(applications.count) applicants told")])
        }
    }

    private func checkedTime(_ input: SessionInput) throws -> (starts: Date, ends: Date, place: String, link: String?) {
        let day = try FieldReader.date(input.day, "day", LocalizedText(zh: "面谈日期", en: "The day"))
        guard let starts = AcceptanceDesk.instant(day, input.from), let ends = AcceptanceDesk.instant(day, input.until), starts < ends else {
            throw APIProblem.badInput(code: "time", field: "from", LocalizedText(
                zh: "请按 时:分 填写开始和结束时间，结束须晚于开始。", en: "Give the start and end as HH:MM, the end after the start."))
        }
        guard day >= clock.today() else {
            throw APIProblem.badInput(code: "date_past", field: "day", LocalizedText(zh: "面谈日期不能早于今天。", en: "The day cannot be in the past."))
        }
        if let problem = app.domain.calendar.notWorkingDayProblem(day, what: LocalizedText(zh: "面谈日期", en: "the interview day")) {
            throw APIProblem.badInput(code: "day_not_working_day", field: "day", problem)
        }
        let place = try FieldReader.required(input.place, "place", LocalizedText(zh: "面谈地点", en: "the place"))
        guard place.count <= 200 else {
            throw APIProblem.badInput(code: "too_long", field: "place", LocalizedText(
                zh: "地点不能超过 200 字。", en: "The place can be at most 200 characters."))
        }
        let link = input.videoLink?.trimmingCharacters(in: .whitespacesAndNewlines).nonEmpty
        if let link {
            guard link.count <= 500, let url = URL(string: link), url.scheme == "https", url.host != nil else {
                throw APIProblem.badInput(code: "video_link", field: "videoLink", LocalizedText(
                    zh: "视频链接须为 https:// 开头的完整网址。", en: "The video link must be a full address starting with https://."))
            }
        }
        return (starts, ends, place, link)
    }

    // MARK: files on a session

    /// Accepted files of the current batch not yet placed on a session, with their field and
    /// whether the printed files have been received (only those can be placed).
    struct Waiting {
        let record: ApplicationRecord
        let field: CertificateField?
        let acceptance: AcceptanceRecord?
        var paperReceived: Bool { acceptance?.paperReceivedAt != nil }
    }

    func waiting() async throws -> [Waiting] {
        let batch = try app.domain.currentPolicy.id
        let accepted = try await ApplicationRecord.query(on: database).filter(\.$batchID == batch)
            .filter(\.$stage == Stage.accepted.rawValue).sort(\.$submittedAt).sort(\.$id).all()
        let files = try await ApplicationFiles.load(for: accepted, on: database)
        return accepted.map { record in
            let file = try? files.file(record, domain: app.domain)
            return Waiting(record: record, field: file?.certificate?.field, acceptance: file?.acceptance)
        }
    }

    /// Places accepted files on a session (安排面谈答辩), each by its own stage change: the file's
    /// printed files must have been received, its field must be the session's, and experts of the
    /// panel who work for the applicant's employer are recused from it at once. Each applicant is
    /// told the time and place.
    func place(_ ids: [UUID], on session: InterviewSessionRecord, by principal: Principal) async throws -> Int {
        guard !ids.isEmpty else {
            throw APIProblem.badInput(code: "no_files", field: "applications", LocalizedText(
                zh: "请选择要安排的申报材料。", en: "Choose the files to place on the session."))
        }
        let sessionID = try session.requireID()
        let panel = try await panel(of: sessionID)
        let members = try await CommitteeMemberRecord.query(on: database).filter(\.$userID ~~ panel).all()
        let records = try await ApplicationRecord.query(on: database).filter(\.$id ~~ ids).all()
        guard records.count == Set(ids).count else { throw Abort(.notFound) }
        let files = try await ApplicationFiles.load(for: records, on: database)
        for record in records {
            let field = try files.file(record, domain: app.domain).certificate?.field
            guard field?.rawValue == session.field else {
                throw APIProblem(status: .conflict, code: "field_mismatch", message: LocalizedText(
                    zh: "申报材料的专业领域与本场次不符。", en: "A file's field is not the session's field."), field: "applications")
            }
        }
        let placement = InterviewPlacement(sessionID: sessionID, when: session.text)
        for record in records {
            let applicationID = try record.requireID()
            let sameEmployer = members.filter { $0.employerID != nil && $0.employerID == record.employerID }.map(\.userID)
            _ = try await ApplicationDesk(app: app, database: database).transition(
                record, event: .scheduleInterview, reason: nil, statement: .placement(placement), idempotencyKey: nil, by: principal,
                desk: { db, now in
                    let placed = InterviewFileRecord()
                    placed.applicationID = applicationID
                    placed.sessionID = sessionID
                    placed.scheduledBy = principal.userID
                    placed.scheduledAt = now
                    try await placed.create(on: db)
                    for expert in sameEmployer {
                        try await Self.recusal(applicationID, expert, .sameEmployer, reason: nil, by: nil, at: now).create(on: db)
                    }
                    return LocalizedText(zh: "面谈答辩：\(placement.when.zh)。请携带身份证件按时参加。",
                                         en: "Interview: \(placement.when.en). Please come on time with your identity document.")
                })
        }
        return records.count
    }

    static func recusal(_ applicationID: UUID, _ expert: UUID, _ ground: RecusalGround, reason: String?, by: UUID?, at now: Date) -> RecusalRecord {
        let recusal = RecusalRecord()
        recusal.applicationID = applicationID
        recusal.expertID = expert
        recusal.ground = ground.rawValue
        recusal.reason = reason
        recusal.recordedBy = by
        recusal.recordedAt = now
        return recusal
    }
}
