import Fluent
import TitleBridgeCore
import Vapor

/// 网上申报 pages and API: open the file, fill it step by step, submit it, follow its stage;
/// and the message centre.
struct ApplicationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.applications, use: entry)
        routes.on(.applicationCreate, use: create)
        routes.on(.application, use: show)
        routes.on(.applicationStep, use: step)
        routes.on(.applicationStepSave, use: saveStep)
        routes.on(.applicationTransition, use: transition)
        routes.on(.applicationUpload, use: upload)
        routes.on(.applicationForm, use: form)
        routes.on(.unitApplications, use: unitApplications)
        routes.on(.apiApplicationForm, use: form)
        routes.on(.applicationUploadDelete, use: removeUpload)
        routes.on(.apiApplicationUpload, use: apiUpload)
        routes.on(.messages, use: messages)
        routes.on(.apiApplications, use: apiList)
        routes.on(.apiApplicationCreate, use: apiCreate)
        routes.on(.apiApplication, use: apiShow)
        routes.on(.apiApplicationStep, use: apiSaveStep)
        routes.on(.apiApplicationTransition, use: apiTransition)
        routes.on(.apiMessages, use: apiMessages)
        routes.on(.applicationPublicity, use: publicity)
        routes.on(.apiApplicationPublicity, use: apiPublicity)
        routes.on(.applicationPublicityOutcome, use: publicityOutcome)
        routes.on(.apiApplicationPublicityOutcome, use: apiPublicityOutcome)
    }

    struct UploadForm: Content {
        var kind: String?
        var file: File?
    }

    static func attach(_ request: Request, to record: ApplicationRecord, by principal: Principal) async throws {
        let form = try request.content.decode(UploadForm.self)
        guard let kind = form.kind.flatMap(UploadKind.init(rawValue:)) else {
            throw APIProblem.badInput(code: "kind_required", field: "kind", LocalizedText(zh: "请选择附件类别。", en: "Choose what the file is."))
        }
        _ = try await ApplicationDesk(request: request).attach(kind, data: form.file.map { Data(buffer: $0.data) } ?? Data(),
                                                             name: form.file?.filename ?? "", to: record, by: principal)
    }

    /// A change made from the file's page: back to the page when it is done; when it is refused,
    /// the page again with the reason and the refusal's status (what was typed is in the form:
    /// `typed`, the stage change as sent, fills the bureau's checklist again).
    func changeFromPage(_ request: Request, typed: TransitionInput? = nil,
                                _ change: (ApplicationRecord, Principal) async throws -> Void) async throws -> Response {
        let (record, principal) = try await ApplicationDesk.load(request)
        do {
            try await change(record, principal)
        } catch let problem as APIProblem {
            let response = try await renderStatus(request, record: record, principal: principal,
                                                  problem: problem.message.text(in: request.language), typed: typed).encodeResponse(for: request)
            response.status = problem.status
            return response
        }
        return request.redirect(to: SiteURL.application.path(try record.requireID().uuidString), redirectType: .normal)
    }

    static func step(of request: Request) throws -> ApplicationStep {
        guard let step = request.parameters.get("step").flatMap(ApplicationStep.init(rawValue:)) else { throw Abort(.notFound) }
        return step
    }

    // MARK: pages

    /// The applicant's way in: its file of the current batch, or the button to open one.
    @Sendable
    func entry(_ request: Request) async throws -> Response {
        let principal = try request.requirePrincipal()
        let batch = try request.domain.currentPolicy.id
        if let record = try await ApplicationRecord.query(on: request.db).filter(\.$applicantID == principal.userID)
            .filter(\.$batchID == batch).first() {
            return request.redirect(to: SiteURL.application.path(try record.requireID().uuidString))
        }
        return try await request.view.render("applications/start", StartPage(request: request)).encodeResponse(for: request)
    }

    /// Opens the file; after the window the start page answers again, with the reason and no button.
    @Sendable
    func create(_ request: Request) async throws -> Response {
        let record: ApplicationRecord
        do {
            record = try await ApplicationDesk(request: request).open(for: try request.requirePrincipal())
        } catch let problem as APIProblem {
            let response = try await request.view.render("applications/start", StartPage(request: request)).encodeResponse(for: request)
            response.status = problem.status
            return response
        }
        return request.redirect(to: SiteURL.applicationStep.path(try record.requireID().uuidString, ApplicationStep.personal.rawValue),
                                redirectType: .normal)
    }

    @Sendable
    func show(_ request: Request) async throws -> View {
        let (record, principal) = try await ApplicationDesk.load(request)
        return try await renderStatus(request, record: record, principal: principal, problem: nil)
    }

    /// A step of the form; after a refused save (`?refused=`) the same page with every problem
    /// beside its field and what was typed, answered with the refusal's status.
    @Sendable
    func step(_ request: Request) async throws -> Response {
        let (record, principal) = try await ApplicationDesk.load(request)
        guard record.applicantID == principal.userID else { throw Abort(.notFound) }
        let step = try Self.step(of: request)
        let page = SiteURL.applicationStep.path(try record.requireID().uuidString, step.rawValue)
        if let refusal = try await FormRefusals.take(request, page: page, as: StepInput.self) {
            let response = try await renderStep(request, record: record, step: step, input: refusal.input, problems: refusal.problems)
                .encodeResponse(for: request)
            response.status = refusal.httpStatus
            return response
        }
        return try await renderStep(request, record: record, step: step, input: nil, problems: []).encodeResponse(for: request)
    }

    /// Saves a step and goes on to the next one. A refusal goes back to the step's page
    /// (post/redirect/get), so reloading it does not post again.
    @Sendable
    func saveStep(_ request: Request) async throws -> Response {
        let (record, principal) = try await ApplicationDesk.load(request)
        let step = try Self.step(of: request)
        let input = try request.content.decode(StepInput.self)
        do {
            try await ApplicationDesk(request: request).save(step, input, to: record, by: principal)
        } catch let problem as APIProblem where problem.status.code < 500 {
            // A refusal of what was sent; a fault of the server (a file that cannot be read) is its error page.
            let problems = FieldProblem.all(of: problem)
            let page = SiteURL.applicationStep.path(try record.requireID().uuidString, step.rawValue)
            if let redirect = try await FormRefusals.redirect(request, to: page, status: problem.status, problems: problems, input: input) {
                return redirect
            }
            let response = try await renderStep(request, record: record, step: step, input: input, problems: problems)
                .encodeResponse(for: request)
            response.status = problem.status
            return response
        }
        let id = try record.requireID().uuidString
        let steps = ApplicationStep.allCases
        if let index = steps.firstIndex(of: step), index + 1 < steps.count {
            return request.redirect(to: SiteURL.applicationStep.path(id, steps[index + 1].rawValue), redirectType: .normal)
        }
        return request.redirect(to: SiteURL.application.path(id), redirectType: .normal)
    }

    @Sendable
    func transition(_ request: Request) async throws -> Response {
        let input = try request.content.decode(TransitionInput.self)
        if let event = input.event.flatMap(StageEvent.init(rawValue:)),
           let asking = try await Self.confirmation(before: event, input: input, request: request) {
            return asking
        }
        return try await changeFromPage(request, typed: input) { record, principal in
            guard let event = input.event.flatMap(StageEvent.init(rawValue:)) else { throw Abort(.badRequest) }
            _ = try await ApplicationDesk(request: request).transition(record, event: event, reason: input.reason,
                                                                     statement: try input.statement(for: event),
                                                                     idempotencyKey: input.idempotencyKey, by: principal)
        }
    }

    @Sendable
    func upload(_ request: Request) async throws -> Response {
        try await changeFromPage(request) { record, principal in
            try await Self.attach(request, to: record, by: principal)
        }
    }

    /// The assessment form, ready to print on A4.
    @Sendable
    func form(_ request: Request) async throws -> Response {
        let (record, _) = try await ApplicationDesk.load(request)
        let bytes = try await ApplicationFormDocument.render(record, request: request)
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/pdf")
        headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"assessment-form.pdf\"")
        headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return Response(status: .ok, headers: headers, body: .init(data: Data(bytes)))
    }

    /// Removes an attachment from the file's page; a refusal (not the caller's upload, the stage
    /// closed) is said on the page.
    @Sendable
    func removeUpload(_ request: Request) async throws -> Response {
        guard let uploadID = request.parameters.get("uploadID", as: UUID.self) else { throw Abort(.notFound) }
        if let asking = try await Self.confirmation(beforeRemoving: uploadID, request: request) { return asking }
        return try await changeFromPage(request) { record, principal in
            try await ApplicationDesk(request: request).detach(uploadID, from: record, by: principal)
        }
    }

    @Sendable
    func apiUpload(_ request: Request) async throws -> Response {
        let (record, principal) = try await ApplicationDesk.load(request)
        try await Self.attach(request, to: record, by: principal)
        return try await answer(record, request: request).encodeResponse(status: .created, for: request)
    }

    /// 系统消息: a page of messages, newest first; the messages shown are then marked read.
    @Sendable
    func messages(_ request: Request) async throws -> View {
        let principal = try request.requirePrincipal()
        let paging = Paging(request)
        let (list, more) = try await paging.rows(of: MessageRecord.query(on: request.db).filter(\.$userID == principal.userID)
            .sort(\.$createdAt, .descending).sort(\.$id))
        let unread = list.filter { $0.readAt == nil }.compactMap(\.id)
        if !unread.isEmpty {
            try await MessageRecord.query(on: request.db).filter(\.$id ~~ unread)
                .set(\.$readAt, to: request.domain.clock.now()).update()
        }
        return try await request.view.render("applications/messages", MessagesPage(
            request: request, messages: list,
            pager: Pager.make(paging, more: more, path: SiteURL.messages.path, language: request.language)))
    }
}
