import Fluent
import TitleBridgeCore
import Vapor

extension ApplicationController {
    func answer(_ record: ApplicationRecord, request: Request) async throws -> ApplicationAnswer {
        try await ApplicationFiles.load(for: [record], on: request.db).answer(record, app: request.application,
                                                                           viewer: try request.requirePrincipal().actor)
    }

    @Sendable
    func apiList(_ request: Request) async throws -> [ApplicationAnswer] {
        let principal = try request.requirePrincipal()
        // As `RecordAccess.mayView`: one's own files, and others' only once first submitted.
        // One page at a time (`?page=`, `?per=` up to 200), newest first; `Link` names the next.
        let query = ApplicationRecord.query(on: request.db)
        guard try await RecordScopes.applications(RecordAccess.listScope(of: .applicationFile, for: principal.actor), query,
                                                  on: request.db) else { return [] }
        let (records, _) = try await Paging(request, size: Paging.largestSize)
            .rows(of: query.sort(\.$createdAt, .descending).sort(\.$id))
        let context = try await ApplicationFiles.load(for: records, on: request.db)
        return try records.map { try context.answer($0, app: request.application, viewer: principal.actor) }
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
