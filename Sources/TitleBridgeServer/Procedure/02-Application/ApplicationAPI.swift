import Fluent
import TitleBridgeCore
import Vapor

extension ApplicationController {
    func answer(_ record: ApplicationRecord, request: Request) async throws -> ApplicationAnswer {
        try await ApplicationFiles.load(for: [record], on: request.db).answer(record, app: request.application,
                                                                           viewer: try request.requirePrincipal().actor)
    }

    /// One file in the API's list: enough to find it and see where it stands. The whole file —
    /// its content, eligibility, uploads and history — is at `href`, so a page of the list reads
    /// one row a file, whatever the files hold.
    struct ApplicationSummary: Content {
        let id: UUID
        let batch: String
        let stage: Stage
        let version: Int
        /// 申报编号.
        let number: String?
        let employerID: UUID?
        let targetLevel: TitleLevel?
        let certificateField: CertificateField?
        let submittedAt: Date?
        let updatedAt: Date
        let href: String
    }

    @Sendable
    func apiList(_ request: Request) async throws -> Response {
        let principal = try request.requirePrincipal()
        // As `RecordAccess.mayView`: one's own files, and others' only once first submitted.
        // One page at a time (`?page=`, `?per=` 50 unless asked, up to 200), newest first; `Link` names the next.
        let query = ApplicationRecord.query(on: request.db)
            .field(\.$id).field(\.$batchID).field(\.$stage).field(\.$version).field(\.$number).field(\.$employerID)
            .field(\.$targetLevel).field(\.$certificateField).field(\.$submittedAt).field(\.$createdAt).field(\.$updatedAt)
        guard try await RecordScopes.applications(RecordAccess.listScope(of: .applicationFile, for: principal.actor), query,
                                                  on: request.db) else { return try await [ApplicationSummary]().encodeResponse(for: request) }
        let paging = Paging(request)
        // Both keys descending, so the (created_at, id) index is read backwards and nothing is sorted.
        let (records, more) = try await paging.rows(of: query.sort(\.$createdAt, .descending).sort(\.$id, .descending))
        let summaries = try records.map { record in
            let id = try record.requireID()
            return ApplicationSummary(id: id, batch: record.batchID, stage: record.currentStage, version: record.version,
                                      number: record.number, employerID: record.employerID,
                                      targetLevel: record.targetLevel.flatMap(TitleLevel.init(rawValue:)),
                                      certificateField: record.certificateField.flatMap(CertificateField.init(rawValue:)),
                                      submittedAt: record.submittedAt, updatedAt: record.updatedAt,
                                      href: SiteURL.apiApplication.path(id.uuidString))
        }
        let response = try await summaries.encodeResponse(for: request)
        if more {
            let next = SiteURL.apiApplications.path + "?page=\(paging.number + 1)&per=\(paging.size)"
            response.headers.replaceOrAdd(name: .link, value: "<\(next)>; rel=\"next\"")
        }
        return response
    }

    @Sendable
    func apiCreate(_ request: Request) async throws -> Response {
        let record = try await ApplicationDesk(request: request).open(for: try request.requirePrincipal())
        return try await answer(record, request: request).encodeResponse(status: .created, for: request)
    }

    @Sendable
    func apiShow(_ request: Request) async throws -> ApplicationAnswer {
        try await answer(try await ApplicationDesk.load(request).0, request: request)
    }

    @Sendable
    func apiSaveStep(_ request: Request) async throws -> ApplicationAnswer {
        let (record, principal) = try await ApplicationDesk.load(request)
        let input: StepInput
        do {
            input = try request.content.decode(StepInput.self)
        } catch let error as DecodingError {
            throw APIProblem.decoding(error)
        }
        try await ApplicationDesk(request: request).save(try Self.step(of: request), input, to: record, by: principal)
        return try await answer(record, request: request)
    }

    @Sendable
    func apiTransition(_ request: Request) async throws -> ApplicationAnswer {
        let (record, principal) = try await ApplicationDesk.load(request)
        let input: TransitionInput
        do {
            input = try request.content.decode(TransitionInput.self)
        } catch let error as DecodingError {
            throw APIProblem.decoding(error)
        }
        guard let event = input.event.flatMap(StageEvent.init(rawValue:)) else {
            throw APIProblem.badInput(code: "event_unknown", field: "event", LocalizedText(
                zh: "未知的操作。", en: "Unknown event; use one of \(StageEvent.allCases.map(\.rawValue).joined(separator: ", "))."))
        }
        let key = request.headers.first(name: "Idempotency-Key") ?? input.idempotencyKey
        _ = try await ApplicationDesk(request: request).transition(record, event: event, reason: input.reason,
                                                                 statement: try input.statement(for: event),
                                                                 idempotencyKey: key, by: principal)
        guard let fresh = try await ApplicationRecord.find(record.id, on: request.db) else { throw Abort(.notFound) }
        return try await answer(fresh, request: request)
    }

    struct MessageAnswer: Content {
        let id: UUID
        let applicationID: UUID?
        let title: LocalizedText
        let body: LocalizedText
        let createdAt: Date
        let read: Bool
    }

    @Sendable
    func apiMessages(_ request: Request) async throws -> [MessageAnswer] {
        let principal = try request.requirePrincipal()
        return try await Paging(request, size: Paging.largestSize).rows(of: MessageRecord.query(on: request.db)
            .filter(\.$userID == principal.userID).sort(\.$createdAt, .descending).sort(\.$id)).rows.map {
                MessageAnswer(id: try $0.requireID(), applicationID: $0.applicationID,
                              title: LocalizedText(zh: $0.titleZh, en: $0.titleEn), body: LocalizedText(zh: $0.bodyZh, en: $0.bodyEn),
                              createdAt: $0.createdAt, read: $0.readAt != nil)
            }
    }
}
