import Fluent
import TitleBridgeCore
import Vapor

/// 受理审核 pages: the bureau's queue by field, and the paper-file desk (time and receipts).
struct AcceptanceController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.acceptanceQueue, use: queue)
        routes.on(.paperDesk, use: paper)
        routes.on(.paperSchedule, use: schedule)
        routes.on(.paperReceipt, use: receipt)
        routes.on(.apiPaperReceipt, use: apiReceipt)
    }

    @Sendable
    func queue(_ request: Request) async throws -> View {
        let entries = try await AcceptanceDesk(request: request).queue()
        let applicants = try await UserRecord.query(on: request.db).filter(\.$id ~~ entries.map(\.record.applicantID)).all()
        let names = Dictionary(applicants.compactMap { user in user.id.map { ($0, user.displayName) } }, uniquingKeysWith: { first, _ in first })
        return try await request.view.render("acceptance/queue", AcceptanceQueuePage(request: request, entries: entries, names: names))
    }

    @Sendable
    func paper(_ request: Request) async throws -> View {
        try await renderPaper(request, problem: nil, notice: nil)
    }

    struct ScheduleForm: Content {
        var day: String?
        var from: String?
        var until: String?
        var place: String?
    }

    struct ReceiptForm: Content {
        var number: String?
    }

    @Sendable
    func schedule(_ request: Request) async throws -> Response {
        let form = try request.content.decode(ScheduleForm.self)
        do {
            _ = try await AcceptanceDesk(request: request).setSchedule(startsOn: form.day, from: form.from, until: form.until, place: form.place,
                                                                     by: try request.requirePrincipal())
        } catch let problem as APIProblem {
            return try await failed(request, problem)
        }
        return request.redirect(to: SiteURL.paperDesk.path, redirectType: .normal)
    }

    @Sendable
    func receipt(_ request: Request) async throws -> Response {
        let form = try request.content.decode(ReceiptForm.self)
        let language = request.language
        do {
            let notice: String = switch try await AcceptanceDesk(request: request).receive(form.number, by: try request.requirePrincipal()) {
            case .received(let acceptance):
                language == .zh ? "已登记收到受理号 \(acceptance.number) 的纸质材料。" : "Printed files of \(acceptance.number) recorded as received."
            case .already(let acceptance):
                language == .zh ? "受理号 \(acceptance.number) 的纸质材料已于\(acceptance.paperReceivedAt.map(ShanghaiTime.clockText) ?? "")登记收到，未重复登记。"
                    : "The printed files of \(acceptance.number) were already recorded on \(acceptance.paperReceivedAt.map(ShanghaiTime.clockText) ?? ""); nothing changed."
            }
            return try await renderPaper(request, problem: nil, notice: notice).encodeResponse(for: request)
        } catch let problem as APIProblem {
            return try await failed(request, problem)
        }
    }

    struct ReceiptAnswer: Content {
        let number: String
        let applicationID: UUID
        let receivedAt: Date?
        let already: Bool
    }

    @Sendable
    func apiReceipt(_ request: Request) async throws -> ReceiptAnswer {
        let form = try request.content.decode(ReceiptForm.self)
        switch try await AcceptanceDesk(request: request).receive(form.number, by: try request.requirePrincipal()) {
        case .received(let acceptance):
            return ReceiptAnswer(number: acceptance.number, applicationID: acceptance.applicationID, receivedAt: acceptance.paperReceivedAt, already: false)
        case .already(let acceptance):
            return ReceiptAnswer(number: acceptance.number, applicationID: acceptance.applicationID, receivedAt: acceptance.paperReceivedAt, already: true)
        }
    }

    private func failed(_ request: Request, _ problem: APIProblem) async throws -> Response {
        let response = try await renderPaper(request, problem: problem.message.text(in: request.language), notice: nil).encodeResponse(for: request)
        response.status = problem.status
        return response
    }

    private func renderPaper(_ request: Request, problem: String?, notice: String?) async throws -> View {
        let batch = try request.domain.currentPolicy.id
        let schedule = try await PaperScheduleRecord.query(on: request.db).filter(\.$batchID == batch).first()
        let accepted = try await AcceptanceRecord.query(on: request.db).filter(\.$batchID == batch).sort(\.$number).all()
        return try await request.view.render("acceptance/paper", PaperDeskPage(request: request, schedule: schedule, accepted: accepted,
                                                                             problem: problem, notice: notice))
    }
}
