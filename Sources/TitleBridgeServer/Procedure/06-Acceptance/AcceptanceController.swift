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
        routes.on(.apiAcceptanceChecklist, use: apiChecklist)
    }

    /// Every field with its first files, or one field (`?field=`, `none` for files without a
    /// certificate) a page at a time (`?page=`).
    @Sendable
    func queue(_ request: Request) async throws -> View {
        let desk = AcceptanceDesk(request: request)
        let counts = try await desk.queueCounts()
        let asked = request.query[String.self, at: "field"]
        let chosen = counts.first { AcceptanceQueuePage.key(of: $0.field) == asked }
        var groups: [AcceptanceQueuePage.Group] = []
        for (field, count) in chosen.map({ [$0] }) ?? counts {
            let paging = chosen == nil ? Paging(number: 1, size: AcceptanceQueuePage.firstRows) : Paging(request)
            let (rows, more) = try await desk.queuePage(field: field, paging: paging)
            groups.append(AcceptanceQueuePage.Group(request: request, field: field, count: count, rows: rows, paging: paging,
                                                    more: more, whole: chosen != nil))
        }
        return try await request.view.render("acceptance/queue", AcceptanceQueuePage(request: request, groups: groups, oneField: chosen != nil))
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

    /// A file's 受理审核 checklist as the bureau's page shows it before the verdicts: the key of
    /// each item (the key of `items` in an `accept` or `requestSupplement` transition), what it
    /// means in both languages, what the system found, the clause, and what the applicant would
    /// correct. The API answers the same items the page lists, from the same core checklist.
    struct ChecklistAnswer: Content {
        struct Item: Content {
            let id: String
            let label: LocalizedText
            /// pass, fail, review (a reviewer's judgement, with a written reason), present, missing.
            let found: String
            let inOrder: Bool
            let citation: String
            /// The step of the form, or the upload, a supplement on this item lets the applicant change.
            let fixStep: String?
            let fixUpload: String?
        }

        struct Verdict: Content {
            let value: String
            let name: LocalizedText
        }

        let applicationID: UUID
        let stage: Stage
        /// Verdicts can be given now: the file is reported and waits for the acceptance review.
        let open: Bool
        let items: [Item]
        let verdicts: [Verdict]
    }

    @Sendable
    func apiChecklist(_ request: Request) async throws -> ChecklistAnswer {
        let (record, _) = try await ApplicationDesk.load(request)
        let desk = ApplicationDesk(request: request)
        let policy = try desk.policy(of: record)
        let (_, uploaded) = try await desk.reportingFacts(of: record)
        let report = try await desk.report(of: record)
        let zi = try record.content.summaryCount.zi
        let items = AcceptanceChecklist.items(report: report, uploaded: uploaded, summaryZi: zi, policy: policy)
        return ChecklistAnswer(
            applicationID: try record.requireID(), stage: record.currentStage, open: record.currentStage == .reported,
            items: items.map { item in
                var step: String?, upload: String?
                switch item.fix {
                case .step(let value): step = value.rawValue
                case .upload(let kind): upload = kind.rawValue
                }
                return ChecklistAnswer.Item(id: item.id, label: item.label, found: item.found.rawValue, inOrder: item.found.inOrder,
                                            citation: item.citation, fixStep: step, fixUpload: upload)
            },
            verdicts: ItemVerdict.allCases.map { ChecklistAnswer.Verdict(value: $0.rawValue, name: $0.name) })
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
        let replaced = schedule == nil ? nil : try await AcceptanceDesk(request: request).replacedSchedule()
        return try await request.view.render("acceptance/paper", PaperDeskPage(request: request, schedule: schedule, replaced: replaced,
                                                                             accepted: accepted, problem: problem, notice: notice))
    }
}
