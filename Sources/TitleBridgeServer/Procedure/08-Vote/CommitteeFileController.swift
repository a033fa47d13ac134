import Fluent
import Foundation
import TitleBridgeCore
import Vapor

/// One file on the committee's pages, and what is done there: recusal, the interview record,
/// an expert's opinion and ballot, the secretary's close. A file the caller may not read is
/// answered 404, as everywhere.
struct CommitteeFileController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.committeeFile, use: file)
        routes.on(.committeeRecusal, use: recuse)
        routes.on(.committeeInterview, use: interview)
        routes.on(.committeeOpinion, use: opinion)
        routes.on(.committeeBallot, use: ballot)
        routes.on(.committeeClose, use: close)
    }

    /// The file and the principal, once the committee desk has let the principal read it.
    static func load(_ request: Request) async throws -> (ApplicationRecord, Principal, CommitteeSeat) {
        let principal = try request.requirePrincipal()
        guard let id = request.parameters.get("applicationID", as: UUID.self),
              let record = try await ApplicationRecord.find(id, on: request.db) else { throw Abort(.notFound) }
        let seat = try await CommitteeDesk(request: request).requireReadable(record, by: principal)
        return (record, principal, seat)
    }

    @Sendable
    func file(_ request: Request) async throws -> Response {
        let (record, principal, seat) = try await Self.load(request)
        let page = SiteURL.committeeFile.path(try record.requireID().uuidString)
        let refusal = try await FormRefusals.take(request, page: page, as: CommitteeForm.self)
        let facts = try await CommitteeDesk(request: request).facts(of: record, seat: seat, principal: principal)
        let notice = request.query[String.self, at: "done"] == "opinion" ? Words<CommitteeText>(request.language)[.opinionSaved] : nil
        let view = CommitteeFilePage(request: request, facts: facts, refusal: refusal, notice: notice)
        let response = try await request.view.render("committee/file", view).encodeResponse(for: request)
        if let refusal { response.status = refusal.httpStatus }
        return response
    }

    @Sendable
    func recuse(_ request: Request) async throws -> Response {
        try await act(request) { record, principal, form in
            let desk = CommitteeDesk(request: request)
            try await desk.recuse(record, expert: form.expert.flatMap(UUID.init(uuidString:)), reason: form.reason, by: principal)
            // An expert who stood aside can no longer open the file: back to the committee's entry.
            return principal.roles.contains(.secretary) ? nil : SiteURL.committee.path
        }
    }

    @Sendable
    func interview(_ request: Request) async throws -> Response {
        try await act(request) { record, principal, form in
            try await CommitteeDesk(request: request).recordInterview(
                record, present: Set((form.present ?? []).compactMap(UUID.init(uuidString:))), by: principal)
            return nil
        }
    }

    @Sendable
    func opinion(_ request: Request) async throws -> Response {
        try await act(request) { record, principal, form in
            try await VoteDesk(request: request).saveOpinion(record, try form.expertOpinion(), by: principal)
            return SiteURL.committeeFile.path(try record.requireID().uuidString) + "?done=opinion"
        }
    }

    @Sendable
    func ballot(_ request: Request) async throws -> Response {
        try await act(request) { record, principal, form in
            try await VoteDesk(request: request).cast(record, try form.ballot(), by: principal)
            return nil
        }
    }

    @Sendable
    func close(_ request: Request) async throws -> Response {
        try await act(request) { record, principal, form in
            guard form.confirmed?.isEmpty == false else {
                throw APIProblem.badInput(code: "confirmation_required", field: "confirmed", LocalizedText(
                    zh: "请勾选确认：结束表决后计票结果为最终结果。", en: "Tick the confirmation: once closed, the count is final."))
            }
            try await VoteDesk(request: request).close(record, opinion: form.opinion, by: principal)
            return nil
        }
    }

    /// Runs a form on the file and goes back to its page (or where the action says).
    private func act(_ request: Request,
                     _ action: @escaping (ApplicationRecord, Principal, CommitteeForm) async throws -> String?) async throws -> Response {
        let (record, principal, _) = try await Self.load(request)
        let form = try request.content.decode(CommitteeForm.self)
        let page = SiteURL.committeeFile.path(try record.requireID().uuidString)
        return try await CommitteeController.act(request, form: form, back: page) {
            try await action(record, principal, form) ?? page
        }
    }
}
