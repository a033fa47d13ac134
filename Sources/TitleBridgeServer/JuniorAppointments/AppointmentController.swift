import Fluent
import TitleBridgeCore
import Vapor

/// 初级职称聘任 pages and API: the unit's appointments, a new one, and its 聘任表.
struct AppointmentController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.unitAppointments, use: list)
        routes.on(.unitAppointmentCreate, use: create)
        routes.on(.unitAppointmentForm, use: form)
        routes.on(.apiAppointments, use: apiList)
        routes.on(.apiAppointmentCreate, use: apiCreate)
        routes.on(.apiAppointmentForm, use: form)
    }

    @Sendable
    func list(_ request: Request) async throws -> View {
        try await render(request, input: nil, problem: nil, created: nil)
    }

    @Sendable
    func create(_ request: Request) async throws -> Response {
        let principal = try request.requirePrincipal()
        let input = try request.content.decode(AppointmentInput.self)
        do {
            let record = try await AppointmentDesk(request: request).appoint(input, by: principal)
            let created = request.language == .zh ? "已聘任，聘任编号 \(record.number)。" : "Appointed; number \(record.number)."
            return try await render(request, input: nil, problem: nil, created: created).encodeResponse(status: .created, for: request)
        } catch let problem as APIProblem {
            let response = try await render(request, input: input, problem: problem.message.text(in: request.language), created: nil)
                .encodeResponse(for: request)
            response.status = problem.status
            return response
        }
    }

    private func render(_ request: Request, input: AppointmentInput?, problem: String?, created: String?) async throws -> View {
        let principal = try request.requirePrincipal()
        let desk = AppointmentDesk(request: request)
        _ = try await desk.unit(of: principal)
        let paging = Paging(request)
        let (records, more) = try await desk.visible(to: principal, paging: paging)
        let items = try await CertificateItemRecord.query(on: request.db).sort(\.$id).all()
        return try await request.view.render("units/appointments", AppointmentsPage(
            request: request, notice: try request.domain.currentPolicy.notice.document, records: records, certificates: items, input: input, problem: problem, created: created,
            pager: Pager.make(paging, more: more, path: SiteURL.unitAppointments.path, language: request.language)))
    }

    /// 《专业技术职务聘任表》, ready to print and stamp.
    @Sendable
    func form(_ request: Request) async throws -> Response {
        let record = try await AppointmentDesk(request: request).load(for: try request.requirePrincipal())
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/pdf")
        headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"appointment-\(record.number).pdf\"")
        headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return Response(status: .ok, headers: headers, body: .init(data: Data(try await AppointmentFormDocument.render(record, request: request))))
    }

    struct AppointmentAnswer: Content {
        let id: UUID
        let number: String
        let organisationID: UUID
        let title: ApplicantProfile.Title?
        let appointment: JuniorAppointment?
        let form: String

        init(_ record: AppointmentRecord) throws {
            id = try record.requireID()
            number = record.number
            organisationID = record.organisationID
            title = record.title
            appointment = record.content
            form = SiteURL.apiAppointmentForm.path(id.uuidString)
        }
    }

    @Sendable
    func apiList(_ request: Request) async throws -> [AppointmentAnswer] {
        try await AppointmentDesk(request: request).visible(to: try request.requirePrincipal(), paging: Paging(request, size: Paging.largestSize))
            .0.map(AppointmentAnswer.init)
    }

    @Sendable
    func apiCreate(_ request: Request) async throws -> Response {
        let input: AppointmentInput
        do {
            input = try request.content.decode(AppointmentInput.self)
        } catch let error as DecodingError {
            throw APIProblem.decoding(error)
        }
        let record = try await AppointmentDesk(request: request).appoint(input, by: try request.requirePrincipal())
        return try await AppointmentAnswer(record).encodeResponse(status: .created, for: request)
    }
}
