import Fluent
import TitleBridgeCore
import Vapor

extension ApplicationController {
    /// 申报公示: the employer records the publicity; the page shows the end and what it means.
    @Sendable
    func publicity(_ request: Request) async throws -> Response {
        try await changeFromPage(request) { record, principal in
            try await Self.recordPublicity(request, record: record, principal: principal)
        }
    }

    @Sendable
    func apiPublicity(_ request: Request) async throws -> ApplicationAnswer {
        let (record, principal) = try await ApplicationDesk.load(request)
        try await Self.recordPublicity(request, record: record, principal: principal)
        return try await answer(record, request: request)
    }

    static func recordPublicity(_ request: Request, record: ApplicationRecord, principal: Principal) async throws {
        let input = try request.content.decode(PublicityInput.self)
        _ = try await ApplicationDesk(request: request).recordPublicity(
            record, startsOn: input.startsOn, place: input.place, evidence: input.evidence.map { Data(buffer: $0.data) } ?? Data(),
            evidenceName: input.evidence?.filename ?? "", acceptsMissingBatch: isChecked(input.acceptsMissingBatch), by: principal)
    }

    /// 公示结果: the employer records how the publicity ended.
    @Sendable
    func publicityOutcome(_ request: Request) async throws -> Response {
        try await changeFromPage(request) { record, principal in
            _ = try await ApplicationDesk(request: request).recordPublicityOutcome(
                record, try request.content.decode(PublicityOutcomeInput.self), by: principal)
        }
    }

    @Sendable
    func apiPublicityOutcome(_ request: Request) async throws -> ApplicationAnswer {
        let (record, principal) = try await ApplicationDesk.load(request)
        let input: PublicityOutcomeInput
        do {
            input = try request.content.decode(PublicityOutcomeInput.self)
        } catch let error as DecodingError {
            throw APIProblem.decoding(error)
        }
        _ = try await ApplicationDesk(request: request).recordPublicityOutcome(record, input, by: principal)
        return try await answer(record, request: request)
    }
}
