import Foundation
import TitleBridgeCore
import Vapor

/// 批次管理 pages: the list with the new-batch form, one batch's rules, choosing and closing.
struct BatchController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.adminBatches, use: batches)
        routes.on(.adminBatchCreate, use: create)
        routes.on(.adminBatch, use: batch)
        routes.on(.adminBatchUpdate, use: update)
        routes.on(.adminBatchChoose, use: choose)
        routes.on(.adminBatchClose, use: close)
    }

    /// `?from=` picks the batch the new-batch form copies (the current one by default);
    /// `?done=` and `?batch=` say what was just done.
    @Sendable
    func batches(_ request: Request) async throws -> Response {
        let refusal = try await FormRefusals.take(request, page: SiteURL.adminBatches.path, as: BatchForm.self)
        let chosen = refusal?.input.base ?? request.query[String.self, at: "from"]
        let base = try chosen.flatMap { request.domain.policy($0) } ?? request.domain.currentPolicy
        let summaries = try await BatchAdministration(request: request).summaries()
        let response = try await request.view.render("admin/batches", BatchesPage(request: request, summaries: summaries, base: base,
                                                                                  notice: notice(request), refusal: refusal))
            .encodeResponse(for: request)
        if let refusal { response.status = refusal.httpStatus }
        return response
    }

    @Sendable
    func create(_ request: Request) async throws -> Response {
        let form = try request.content.decode(BatchForm.self)
        return try await FormRefusals.act(request, form: form, back: SiteURL.adminBatches.path) {
            let policy = try await BatchAdministration(request: request).create(form.draft, copying: form.base ?? "", by: request.auditActor)
            return SiteURL.adminBatches.path + "?done=created&batch=" + policy.id
        }
    }

    @Sendable
    func batch(_ request: Request) async throws -> Response {
        let summary = try await summary(request)
        let page = SiteURL.adminBatch.path(summary.policy.id)
        let refusal = try await FormRefusals.take(request, page: page, as: BatchForm.self)
        let response = try await request.view.render("admin/batch", BatchPage(request: request, summary: summary, notice: notice(request),
                                                                              refusal: refusal)).encodeResponse(for: request)
        if let refusal { response.status = refusal.httpStatus }
        return response
    }

    @Sendable
    func update(_ request: Request) async throws -> Response {
        let id = try batchID(request)
        let form = try request.content.decode(BatchForm.self)
        return try await FormRefusals.act(request, form: form, back: SiteURL.adminBatch.path(id)) {
            _ = try await BatchAdministration(request: request).update(id, with: form.draft, by: request.auditActor)
            return SiteURL.adminBatch.path(id) + "?done=saved&batch=" + id
        }
    }

    @Sendable
    func choose(_ request: Request) async throws -> Response {
        let id = try batchID(request)
        return try await FormRefusals.act(request, form: BatchForm(), back: SiteURL.adminBatches.path) {
            try await BatchAdministration(request: request).choose(id, by: request.auditActor)
            return SiteURL.adminBatches.path + "?done=chosen&batch=" + id
        }
    }

    /// Closing cannot be undone: without `confirmed=1` (the dialog adds it) the confirmation
    /// page answers and nothing changes.
    @Sendable
    func close(_ request: Request) async throws -> Response {
        let id = try batchID(request)
        guard let policy = request.domain.policy(id) else { throw Abort(.notFound) }
        guard Confirmation.isConfirmed(request) else {
            let page = ConfirmationPage(
                request: request, title: LocalizedText(zh: "关闭批次：\(policy.name.zh)", en: "Close the batch: \(policy.name.en)"),
                consequence: LocalizedText(zh: Words<BureauText>(.zh)[.closeConfirm], en: Words<BureauText>(.en)[.closeConfirm]),
                details: [], action: SiteURL.adminBatchClose.path(id), back: SiteURL.adminBatches.path)
            return try await request.view.render("applications/confirm", page).encodeResponse(for: request)
        }
        return try await FormRefusals.act(request, form: BatchForm(), back: SiteURL.adminBatches.path) {
            try await BatchAdministration(request: request).close(id, by: request.auditActor)
            return SiteURL.adminBatches.path + "?done=closed&batch=" + id
        }
    }

    private func batchID(_ request: Request) throws -> String {
        guard let id = request.parameters.get("batchID"), request.domain.policy(id) != nil else { throw Abort(.notFound) }
        return id
    }

    private func summary(_ request: Request) async throws -> BatchAdministration.Summary {
        let id = try batchID(request)
        guard let summary = try await BatchAdministration(request: request).summaries().first(where: { $0.policy.id == id }) else {
            throw Abort(.notFound)
        }
        return summary
    }

    private func notice(_ request: Request) -> String? {
        guard let done = request.query[String.self, at: "done"], let id = request.query[String.self, at: "batch"],
              let policy = request.domain.policy(id) else { return nil }
        let key: BureauText? = switch done {
        case "created": .createdNotice
        case "saved": .savedNotice
        case "chosen": .chosenNotice
        case "closed": .closedNotice
        default: nil
        }
        return key.map { Words<BureauText>(request.language)[$0, ["batch": policy.name.text(in: request.language)]] }
    }
}
