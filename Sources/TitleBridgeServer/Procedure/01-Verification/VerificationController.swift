import Fluent
import TitleBridgeCore
import Vapor

/// 证书查验 pages and API: the holder's requests, the verifier's queue and decisions, the
/// bureau's import of the platform's results.
struct VerificationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.verifications, use: index)
        routes.on(.verificationCreate, use: create)
        routes.on(.verification, use: show)
        routes.on(.verificationDecide, use: decide)
        routes.on(.verificationImport, use: importPage)
        routes.on(.verificationImportSubmit, use: importSubmit)
        routes.on(.apiVerifications, use: apiList)
        routes.on(.apiVerificationCreate, use: apiCreate)
        routes.on(.apiVerification, use: apiShow)
        routes.on(.apiVerificationDecide, use: apiDecide)
    }

    /// The request form as a browser (multipart) or an API client sends it.
    struct SubmissionForm: Content {
        var certificateCode: String?
        var certificateNumber: String?
        var holderName: String?
        var issuedOn: String?
        var expiresOn: String?
        var scan: File?

        var submission: VerificationDesk.Submission {
            VerificationDesk.Submission(
                certificateCode: certificateCode ?? "", certificateNumber: certificateNumber ?? "", holderName: holderName ?? "",
                issuedOn: issuedOn ?? "", expiresOn: expiresOn,
                scan: scan.map { Data(buffer: $0.data) } ?? Data(), scanName: scan?.filename ?? "")
        }
    }

    struct DecisionForm: Content {
        var decision: String?
        var reason: String?
    }

    struct ImportForm: Content {
        var file: File?
    }

    // MARK: loading

    /// One page of the verifications the caller may list: its own, or every one for the staff.
    static func visible(_ request: Request, principal: Principal, paging: Paging) async throws -> ([VerificationRecord], Bool) {
        let query = VerificationRecord.query(on: request.db)
        guard RecordScopes.verifications(RecordAccess.listScope(of: .verification, for: principal.actor), query) else { return ([], false) }
        return try await paging.rows(of: query.sort(\.$createdAt, .descending).sort(\.$id))
    }

    /// The verification in the path, if the caller may see it; otherwise 404.
    static func load(_ request: Request) async throws -> (VerificationRecord, Principal) {
        let principal = try request.requirePrincipal()
        guard let id = request.parameters.get("verificationID", as: UUID.self),
              let record = try await VerificationRecord.find(id, on: request.db),
              RecordAccess.mayView(verificationOf: record.applicantID, actor: principal.actor) else { throw Abort(.notFound) }
        return (record, principal)
    }

    /// The account that asked, for the staff to compare with the name typed on the request:
    /// its name and its ID number, masked — enough to tell whose certificate it is.
    static func account(of record: VerificationRecord, for principal: Principal, request: Request) async throws -> VerificationPage.Account? {
        guard RecordAccess.mayView(verificationOf: nil, actor: principal.actor), let holderID = record.applicantID,
              let user = try await UserRecord.find(holderID, on: request.db) else { return nil }
        let number = try user.idNumberSealed.map { try request.security.cipher.open($0, in: .userIDNumber, row: holderID) }
        return VerificationPage.Account(name: user.displayName, idNumber: number.map(Masking.identityNumber),
                                        idKind: user.idKind.flatMap(IdentityDocumentKind.init(rawValue:)))
    }

    static func decision(_ form: DecisionForm) throws -> Bool {
        switch form.decision {
        case "pass": return true
        case "fail": return false
        default:
            throw APIProblem.badInput(code: "decision_required", field: "decision", LocalizedText(
                zh: "请选择“通过”或“不通过”。", en: "Choose pass or fail."))
        }
    }

    // MARK: pages

    @Sendable
    func index(_ request: Request) async throws -> View {
        try await renderIndex(request, form: nil, problem: nil)
    }

    @Sendable
    func create(_ request: Request) async throws -> Response {
        let principal = try request.requirePrincipal()
        let form = try request.content.decode(SubmissionForm.self)
        do {
            let record = try await VerificationDesk(request: request).submit(form.submission, by: principal)
            return request.redirect(to: SiteURL.verification.path(try record.requireID().uuidString), redirectType: .normal)
        } catch let problem as APIProblem {
            let response = try await renderIndex(request, form: form, problem: problem).encodeResponse(for: request)
            response.status = problem.status
            return response
        }
    }

    @Sendable
    func show(_ request: Request) async throws -> View {
        let (record, principal) = try await Self.load(request)
        return try await renderShow(request, record: record, principal: principal, problem: nil)
    }

    @Sendable
    func decide(_ request: Request) async throws -> Response {
        let (record, principal) = try await Self.load(request)
        let form = try request.content.decode(DecisionForm.self)
        do {
            try await VerificationDesk(request: request).decide(record, passed: try Self.decision(form), reason: form.reason, by: principal)
            return request.redirect(to: SiteURL.verification.path(try record.requireID().uuidString), redirectType: .normal)
        } catch let problem as APIProblem {
            let response = try await renderShow(request, record: record, principal: principal, problem: problem)
                .encodeResponse(for: request)
            response.status = problem.status
            return response
        }
    }

    @Sendable
    func importPage(_ request: Request) async throws -> View {
        try await request.view.render("verifications/import", ImportScreen(ImportPage(request: request, kind: .verifications, problem: nil, done: nil)))
    }

    @Sendable
    func importSubmit(_ request: Request) async throws -> Response {
        let form = try request.content.decode(ImportForm.self)
        let page: ImportPage
        let status: HTTPStatus
        do {
            let summary = try await VerificationDesk(request: request)
                .importResults(form.file.map { Data(buffer: $0.data) } ?? Data(), by: request.auditActor)
            let language = request.language
            let imported = language == .zh ? "\(summary.imported)" : EnglishText.count(summary.imported, "result")
            page = ImportPage(request: request, kind: .verifications, problem: nil,
                              done: Words<VerificationText>(language)[.resultsImported, ["imported": imported, "linked": "\(summary.linked)"]])
            status = .ok
        } catch let problem as APIProblem {
            page = ImportPage(request: request, kind: .verifications, problem: problem.message.text(in: request.language), done: nil)
            status = problem.status
        }
        let response = try await request.view.render("verifications/import", ImportScreen(page)).encodeResponse(for: request)
        response.status = status
        return response
    }

    private func renderIndex(_ request: Request, form: SubmissionForm?, problem: APIProblem?) async throws -> View {
        let principal = try request.requirePrincipal()
        let paging = Paging(request)
        let (records, more) = try await Self.visible(request, principal: principal, paging: paging)
        let views = try await VerificationView.list(records, request: request)
        let items = try await CatalogueStore(app: request.application, database: request.db).items()
        let page = VerificationsPage(request: request, principal: principal, verifications: views, items: items,
                                     form: form, problem: problem?.message.text(in: request.language),
                                     pager: Pager.make(paging, more: more, path: SiteURL.verifications.path, language: request.language))
        return try await request.view.render("verifications/index", page)
    }

    private func renderShow(_ request: Request, record: VerificationRecord, principal: Principal, problem: APIProblem?) async throws -> View {
        let view = try await VerificationView.list([record], request: request)[0]
        let page = VerificationPage(request: request, principal: principal, verification: view,
                                    account: try await Self.account(of: record, for: principal, request: request),
                                    problem: problem?.message.text(in: request.language))
        return try await request.view.render("verifications/show", page)
    }

    // MARK: API

    @Sendable
    func apiList(_ request: Request) async throws -> [VerificationView] {
        let principal = try request.requirePrincipal()
        let (records, _) = try await Self.visible(request, principal: principal, paging: Paging(request, size: Paging.largestSize))
        return try await VerificationView.list(records, request: request)
    }

    @Sendable
    func apiCreate(_ request: Request) async throws -> Response {
        let principal = try request.requirePrincipal()
        let form: SubmissionForm
        do {
            form = try request.content.decode(SubmissionForm.self)
        } catch let error as DecodingError {
            throw APIProblem.decoding(error)
        }
        let record = try await VerificationDesk(request: request).submit(form.submission, by: principal)
        return try await VerificationView.list([record], request: request)[0].encodeResponse(status: .created, for: request)
    }

    @Sendable
    func apiShow(_ request: Request) async throws -> VerificationView {
        let (record, _) = try await Self.load(request)
        return try await VerificationView.list([record], request: request)[0]
    }

    @Sendable
    func apiDecide(_ request: Request) async throws -> VerificationView {
        let (record, principal) = try await Self.load(request)
        let form: DecisionForm
        do {
            form = try request.content.decode(DecisionForm.self)
        } catch let error as DecodingError {
            throw APIProblem.decoding(error)
        }
        try await VerificationDesk(request: request).decide(record, passed: try Self.decision(form), reason: form.reason, by: principal)
        return try await VerificationView.list([record], request: request)[0]
    }
}
