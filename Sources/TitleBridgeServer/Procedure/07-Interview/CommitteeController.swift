import Fluent
import Foundation
import TitleBridgeCore
import Vapor

/// 认定委员会 pages: the committee's entry, and the secretary's sessions (new, change, files
/// placed). A refused form comes back to its page with what was typed (`FormRefusals`).
struct CommitteeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.committee, use: home)
        routes.on(.committeeSessionCreate, use: create)
        routes.on(.committeeSession, use: session)
        routes.on(.committeeSessionChange, use: change)
        routes.on(.committeeSessionPlace, use: place)
    }

    @Sendable
    func home(_ request: Request) async throws -> Response {
        let principal = try request.requirePrincipal()
        let desk = CommitteeDesk(request: request)
        let refusal = try await FormRefusals.take(request, page: SiteURL.committee.path, as: CommitteeForm.self)
        var secretary: CommitteeHomePage.Secretary?
        if principal.roles.contains(.secretary) {
            let sessions = try await desk.sessions()
            let ids = sessions.compactMap(\.id)
            let seats = try await PanelSeatRecord.query(on: request.db).filter(\.$sessionID ~~ ids).all()
            let placed = try await InterviewFileRecord.query(on: request.db).filter(\.$sessionID ~~ ids).all()
            let members = try await desk.members()
            let waiting = try await desk.waiting()
            let policy = try request.domain.currentPolicy
            secretary = CommitteeHomePage.Secretary(
                sessions: sessions, panelSizes: Dictionary(seats.map { ($0.sessionID, 1) }, uniquingKeysWith: +),
                fileCounts: Dictionary(placed.map { ($0.sessionID, 1) }, uniquingKeysWith: +), members: members,
                names: try await desk.names(members.map(\.userID) + waiting.map(\.record.applicantID)), waiting: waiting,
                panelNeeded: policy.voting.smallestPanel(committeeSize: members.count),
                open: try await desk.openRows(sessions: sessions, placed: placed, language: request.language))
        }
        let files = principal.roles.contains(.expert) ? try await desk.fileRows(of: principal, language: request.language) : []
        let page = CommitteeHomePage(request: request, secretary: secretary, expertFiles: files, refusal: refusal)
        let response = try await request.view.render("committee/home", page).encodeResponse(for: request)
        if let refusal { response.status = refusal.httpStatus }
        return response
    }

    @Sendable
    func create(_ request: Request) async throws -> Response {
        let form = try request.content.decode(CommitteeForm.self)
        return try await Self.act(request, form: form, back: SiteURL.committee.path) {
            let session = try await CommitteeDesk(request: request).createSession(form.session, by: try request.requirePrincipal())
            return SiteURL.committeeSession.path(try session.requireID().uuidString)
        }
    }

    @Sendable
    func session(_ request: Request) async throws -> Response {
        let desk = CommitteeDesk(request: request)
        let session = try await desk.session(request.parameters.get("sessionID", as: UUID.self))
        let sessionID = try session.requireID()
        let page = SiteURL.committeeSession.path(sessionID.uuidString)
        let refusal = try await FormRefusals.take(request, page: page, as: CommitteeForm.self)
        let panelIDs = try await desk.panel(of: sessionID)
        let panel = try await CommitteeMemberRecord.query(on: request.db).filter(\.$userID ~~ panelIDs).all()
        let placedRows = try await InterviewFileRecord.query(on: request.db).filter(\.$sessionID == sessionID).sort(\.$scheduledAt).all()
        let records = try await ApplicationRecord.query(on: request.db).filter(\.$id ~~ placedRows.map(\.applicationID)).all()
        let numbers = try await AcceptanceRecord.query(on: request.db).filter(\.$applicationID ~~ records.compactMap(\.id)).all()
        let waiting = try await desk.waiting()
        let names = try await desk.names(panelIDs + records.map(\.applicantID) + waiting.map(\.record.applicantID))
        let placed = placedRows.compactMap { row in
            records.first { $0.id == row.applicationID }.map { record in (record, numbers.first { $0.applicationID == row.applicationID }) }
        }
        let view = CommitteeSessionPage(request: request, session: session, panel: panel, names: names, placed: placed,
                                        waiting: waiting, refusal: refusal)
        let response = try await request.view.render("committee/session", view).encodeResponse(for: request)
        if let refusal { response.status = refusal.httpStatus }
        return response
    }

    @Sendable
    func change(_ request: Request) async throws -> Response {
        let form = try request.content.decode(CommitteeForm.self)
        let desk = CommitteeDesk(request: request)
        let session = try await desk.session(request.parameters.get("sessionID", as: UUID.self))
        let page = SiteURL.committeeSession.path(try session.requireID().uuidString)
        return try await Self.act(request, form: form, back: page) {
            try await desk.changeSession(session, form.session, by: try request.requirePrincipal())
            return page
        }
    }

    @Sendable
    func place(_ request: Request) async throws -> Response {
        let form = try request.content.decode(CommitteeForm.self)
        let desk = CommitteeDesk(request: request)
        let session = try await desk.session(request.parameters.get("sessionID", as: UUID.self))
        let page = SiteURL.committeeSession.path(try session.requireID().uuidString)
        return try await Self.act(request, form: form, back: page) {
            _ = try await desk.place((form.applications ?? []).compactMap(UUID.init(uuidString:)), on: session, by: try request.requirePrincipal())
            return page
        }
    }

    static func act(_ request: Request, form: CommitteeForm, back: String, _ action: () async throws -> String) async throws -> Response {
        try await FormRefusals.act(request, form: form, back: back, action)
    }
}
