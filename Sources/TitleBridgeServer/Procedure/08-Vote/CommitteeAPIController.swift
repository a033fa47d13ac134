import Fluent
import Foundation
import TitleBridgeCore
import Vapor

/// The committee's API (`openapi.yaml`, tag committee): the secretary's sessions, placing,
/// recusal, the interview record and the close; an expert's opinion and ballot; one file as the
/// committee sees it. The same desks as the pages, so both refuse alike.
struct CommitteeAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.apiCommitteeSessions, use: sessions)
        routes.on(.apiCommitteeSessionCreate, use: create)
        routes.on(.apiCommitteeSession, use: session)
        routes.on(.apiCommitteeSessionChange, use: change)
        routes.on(.apiCommitteeSessionPlace, use: place)
        routes.on(.apiCommitteeFile, use: file)
        routes.on(.apiCommitteeRecusal, use: recuse)
        routes.on(.apiCommitteeInterview, use: interview)
        routes.on(.apiCommitteeOpinion, use: opinion)
        routes.on(.apiCommitteeBallot, use: ballot)
        routes.on(.apiCommitteeClose, use: close)
    }

    struct SessionAnswer: Content {
        let id: UUID
        let field: String
        let startsAt: Date
        let endsAt: Date
        let place: String
        let videoLink: String?
        let panel: [UUID]
        let applications: [UUID]
        let text: LocalizedText
    }

    struct SessionList: Content {
        let items: [SessionAnswer]
    }

    struct TallyAnswer: Content {
        let outcome: String
        let committeeSize: Int
        let quorumNeeded: Int
        let present: Int
        let agree: Int
        let disagree: Int
        let abstain: Int
        let notCast: Int
        let agreeNeeded: Int
        let committeeOpinion: String
        let closedAt: Date

        init(_ closure: VoteClosureRecord, rules: VotingRules) throws {
            let tally = try closure.tally(rules: rules)
            (outcome, committeeSize, quorumNeeded, present) = (closure.outcome, tally.committeeSize, tally.quorumNeeded, tally.present)
            (agree, disagree, abstain, notCast, agreeNeeded) = (tally.agree, tally.disagree, tally.abstain, tally.notCast, tally.agreeNeeded)
            (committeeOpinion, closedAt) = (closure.committeeOpinion, closure.closedAt)
        }
    }

    /// One file as the committee sees it: where the caller stands, what the caller may do, how
    /// many have voted (never who voted how), and the tally once closed.
    struct FileAnswer: Content {
        let applicationID: UUID
        let stage: Stage
        let sessionID: UUID?
        /// secretary, or panel (an expert of the file's panel).
        let seat: String
        let recused: Bool
        let attendance: String?
        let mayJudge: Bool
        let opinion: ExpertOpinion?
        let hasVoted: Bool
        let entitled: Int
        let voted: Int
        let tally: TallyAnswer?
    }

    struct Done: Content {
        let stage: Stage
    }

    private func answer(_ session: InterviewSessionRecord, on database: any Database) async throws -> SessionAnswer {
        let id = try session.requireID()
        return SessionAnswer(
            id: id, field: session.field, startsAt: session.startsAt, endsAt: session.endsAt, place: session.place,
            videoLink: session.videoLink, panel: try await PanelSeatRecord.query(on: database).filter(\.$sessionID == id).all().map(\.expertID),
            applications: try await InterviewFileRecord.query(on: database).filter(\.$sessionID == id).all().map(\.applicationID),
            text: session.text)
    }

    @Sendable
    func sessions(_ request: Request) async throws -> SessionList {
        var items: [SessionAnswer] = []
        for session in try await CommitteeDesk(request: request).sessions() { items.append(try await answer(session, on: request.db)) }
        return SessionList(items: items)
    }

    @Sendable
    func create(_ request: Request) async throws -> Response {
        let form = try request.content.decode(CommitteeForm.self)
        let session = try await CommitteeDesk(request: request).createSession(form.session, by: try request.requirePrincipal())
        return try await answer(session, on: request.db).encodeResponse(status: .created, for: request)
    }

    @Sendable
    func session(_ request: Request) async throws -> SessionAnswer {
        try await answer(try await CommitteeDesk(request: request).session(request.parameters.get("sessionID", as: UUID.self)), on: request.db)
    }

    @Sendable
    func change(_ request: Request) async throws -> SessionAnswer {
        let form = try request.content.decode(CommitteeForm.self)
        let desk = CommitteeDesk(request: request)
        let session = try await desk.session(request.parameters.get("sessionID", as: UUID.self))
        try await desk.changeSession(session, form.session, by: try request.requirePrincipal())
        return try await answer(session, on: request.db)
    }

    @Sendable
    func place(_ request: Request) async throws -> SessionAnswer {
        let form = try request.content.decode(CommitteeForm.self)
        let desk = CommitteeDesk(request: request)
        let session = try await desk.session(request.parameters.get("sessionID", as: UUID.self))
        _ = try await desk.place((form.applications ?? []).compactMap(UUID.init(uuidString:)), on: session, by: try request.requirePrincipal())
        return try await answer(session, on: request.db)
    }

    @Sendable
    func file(_ request: Request) async throws -> FileAnswer {
        let (record, principal, seat) = try await CommitteeFileController.load(request)
        let id = try record.requireID()
        let votes = VoteDesk(request: request)
        let standing = try await votes.standing(of: id)
        let policy = try ApplicationDesk(request: request).policy(of: record)
        var recused = false, attendance: String?
        if case .panel(let isRecused, let stood) = seat { (recused, attendance) = (isRecused, stood.rawValue) }
        let tally = try standing.closure.map { try TallyAnswer($0, rules: policy.voting) }
        return FileAnswer(
            applicationID: id, stage: record.currentStage,
            sessionID: try await InterviewFileRecord.query(on: request.db).filter(\.$applicationID == id).first()?.sessionID,
            seat: seat == .secretary ? "secretary" : "panel", recused: recused, attendance: attendance,
            mayJudge: seat.mayJudge && record.currentStage == .interviewed,
            opinion: try await votes.opinion(of: principal.userID, on: id)?.opinion,
            hasVoted: try await votes.hasVoted(principal, on: id), entitled: standing.entitled, voted: standing.voted, tally: tally)
    }

    @Sendable
    func recuse(_ request: Request) async throws -> Done {
        try await act(request) { record, principal, form in
            try await CommitteeDesk(request: request).recuse(record, expert: form.expert.flatMap(UUID.init(uuidString:)),
                                                             reason: form.reason, by: principal)
        }
    }

    @Sendable
    func interview(_ request: Request) async throws -> Done {
        try await act(request) { record, principal, form in
            try await CommitteeDesk(request: request).recordInterview(
                record, present: Set((form.present ?? []).compactMap(UUID.init(uuidString:))), by: principal)
        }
    }

    @Sendable
    func opinion(_ request: Request) async throws -> Done {
        try await act(request) { record, principal, form in
            try await VoteDesk(request: request).saveOpinion(record, try form.expertOpinion(), by: principal)
        }
    }

    @Sendable
    func ballot(_ request: Request) async throws -> Done {
        try await act(request) { record, principal, form in
            try await VoteDesk(request: request).cast(record, try form.ballot(), by: principal)
        }
    }

    /// Runs one of the file's actions for a caller the committee desk lets read it; answers the
    /// file's stage after it.
    private func act(_ request: Request,
                     _ action: (ApplicationRecord, Principal, CommitteeForm) async throws -> Void) async throws -> Done {
        let (record, principal, _) = try await CommitteeFileController.load(request)
        try await action(record, principal, try request.content.decode(CommitteeForm.self))
        return Done(stage: record.currentStage)
    }

    @Sendable
    func close(_ request: Request) async throws -> TallyAnswer {
        let (record, principal, _) = try await CommitteeFileController.load(request)
        let form = try request.content.decode(CommitteeForm.self)
        let votes = VoteDesk(request: request)
        try await votes.close(record, opinion: form.opinion, by: principal)
        guard let closure = try await votes.standing(of: try record.requireID()).closure else { throw Abort(.internalServerError) }
        return try TallyAnswer(closure, rules: try ApplicationDesk(request: request).policy(of: record).voting)
    }
}
