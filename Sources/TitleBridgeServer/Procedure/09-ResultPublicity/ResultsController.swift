import Fluent
import Foundation
import TitleBridgeCore
import Vapor

/// 结果公示 pages: the public lists, the objection form and the receipt look-up; and the
/// bureau's desk — publishing, ruling on objections and issuing the certificates.
struct ResultsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.results, use: lists)
        routes.on(.resultObjection, use: objectionForm)
        routes.on(.resultObjectionSubmit, use: object)
        routes.on(.objectionLookup, use: lookup)
        routes.on(.resultsDesk, use: desk)
        routes.on(.resultsPublish, use: publish)
        routes.on(.objectionRule, use: rule)
        routes.on(.certificateRun, use: issue)
    }

    @Sendable
    func lists(_ request: Request) async throws -> View {
        let today = request.domain.clock.today()
        let lists = try await ResultListRecord.query(on: request.db).sort(\.$publishedAt, .descending).all()
            .filter { ($0.period?.starts ?? today.adding(days: 1)) <= today }
        let entries = try await ResultEntryRecord.query(on: request.db).filter(\.$listID ~~ lists.compactMap(\.id))
            .filter(\.$removedAt == nil).all()
        let grouped = Dictionary(grouping: entries, by: \.listID)
        return try await request.view.render("results/list", ResultListPage(
            request: request, lists: lists.map { list in (list, list.id.flatMap { grouped[$0] } ?? []) }))
    }

    @Sendable
    func objectionForm(_ request: Request) async throws -> Response {
        let (entry, _, period) = try await ResultPublicityDesk(request: request).publicEntry(request.parameters.get("entryID", as: UUID.self))
        guard period.isOpen(on: request.domain.clock.today()) else { throw Abort(.notFound) }
        let page = SiteURL.resultObjection.path(try entry.requireID().uuidString)
        let refusal = try await FormRefusals.take(request, page: page, as: ObjectionInput.self)
        let response = try await request.view.render("results/objection", ObjectionPage(request: request, entry: entry, period: period,
                                                                                         refusal: refusal)).encodeResponse(for: request)
        if let refusal { response.status = refusal.httpStatus }
        return response
    }

    @Sendable
    func object(_ request: Request) async throws -> Response {
        let input = try request.content.decode(ObjectionInput.self)
        let entryID = request.parameters.get("entryID", as: UUID.self)
        let address = request.remoteAddress?.ipAddress ?? "unknown"
        return try await FormRefusals.act(request, form: input, back: SiteURL.resultObjection.path(entryID?.uuidString ?? "")) {
            let objection = try await ResultPublicityDesk(request: request).object(to: entryID, form: input.form, from: address)
            var components = URLComponents()
            components.path = SiteURL.objectionLookup.path
            components.queryItems = [URLQueryItem(name: "receipt", value: objection.receipt), URLQueryItem(name: "sent", value: "1")]
            return components.string ?? SiteURL.objectionLookup.path
        }
    }

    @Sendable
    func lookup(_ request: Request) async throws -> View {
        let typed = (request.query[String.self, at: "receipt"] ?? "").trimmingCharacters(in: .whitespaces)
        let found = try await ResultPublicityDesk(request: request).lookup(receipt: typed)
        return try await request.view.render("results/lookup", ObjectionLookupPage(
            request: request, typed: String(typed.prefix(40)), found: found, justSent: request.query[String.self, at: "sent"] == "1"))
    }

    // MARK: the bureau's desk

    @Sendable
    func desk(_ request: Request) async throws -> Response {
        let results = ResultPublicityDesk(request: request)
        let certificates = CertificateDesk(request: request)
        let batch = request.domain.currentBatchID
        let refusal = try await FormRefusals.take(request, page: SiteURL.resultsDesk.path, as: ResultsDeskForm.self)
        let unlisted = try await results.unlisted(batch: batch)
        let open = try await results.objections(open: true)
        let ruled = try await results.objections(open: false, limit: 50)
        var about: [UUID: String] = [:]
        for entry in try await ResultEntryRecord.query(on: request.db).filter(\.$applicationID ~~ (open + ruled).map(\.applicationID)).all() {
            about[entry.applicationID] = entry.listing?.name
        }
        var contacts: [UUID: String] = [:]
        for objection in open {
            guard let id = objection.id else { continue }
            contacts[id] = try? request.security.cipher.open(objection.contactSealed, in: .objectionContact, row: id)
        }
        let names = try await CommitteeDesk(request: request).names(unlisted.map(\.applicantID))
        let data = ResultsDeskPage.Data(
            unlisted: unlisted.map { names[$0.applicantID] ?? "—" }, open: open, ruled: ruled, about: about, contacts: contacts,
            issuable: try await certificates.issuable(batch: batch).count, run: try await certificates.latestRun(),
            certificates: try await CertificateRecord.query(on: request.db).sort(\.$issuedAt, .descending).limit(100).all())
        let notice = request.query[String.self, at: "done"].flatMap(ResultsText.init(rawValue:)).map { Words<ResultsText>(request.language)[$0] }
        let page = ResultsDeskPage(request: request, data: data, plan: try results.plan(batch: batch), notice: notice, refusal: refusal)
        let response = try await request.view.render("results/desk", page).encodeResponse(for: request)
        if let refusal { response.status = refusal.httpStatus }
        return response
    }

    @Sendable
    func publish(_ request: Request) async throws -> Response {
        let form = try request.content.decode(ResultsDeskForm.self)
        return try await Self.act(request, form: form) {
            _ = try await ResultPublicityDesk(request: request).publish(batch: request.domain.currentBatchID, startsOn: form.startsOn,
                                                                        by: try request.requirePrincipal())
            return "published"
        }
    }

    @Sendable
    func rule(_ request: Request) async throws -> Response {
        let form = try request.content.decode(ResultsDeskForm.self)
        if let confirmation = try await Self.confirmation(beforeUpholding: request.parameters.get("objectionID", as: UUID.self),
                                                          form: form, request: request) { return confirmation }
        return try await Self.act(request, form: form) {
            _ = try await ResultPublicityDesk(request: request).rule(request.parameters.get("objectionID", as: UUID.self), outcome: form.outcome,
                                                                     reason: form.reason, by: try request.requirePrincipal())
            return "ruled"
        }
    }

    @Sendable
    func issue(_ request: Request) async throws -> Response {
        let form = try request.content.decode(ResultsDeskForm.self)
        return try await Self.act(request, form: form) {
            let principal = try request.requirePrincipal()
            let app = request.application
            let (run, files) = try await CertificateDesk(request: request).startRun(batch: request.domain.currentBatchID,
                                                                                   documentNumber: form.documentNumber, by: principal)
            // The run goes on after this answer; the desk's page shows its progress.
            Task { await CertificateDesk(app: app, database: app.db).execute(run, files: files, by: principal) }
            return nil
        }
    }

    /// Runs a desk action and comes back to the desk (with a notice when `action` names one);
    /// a refusal comes back with its problems.
    static func act(_ request: Request, form: ResultsDeskForm, _ action: () async throws -> String?) async throws -> Response {
        try await FormRefusals.act(request, form: form, back: SiteURL.resultsDesk.path) {
            SiteURL.resultsDesk.path + (try await action().map { "?done=" + $0 } ?? "")
        }
    }
}
