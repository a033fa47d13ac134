import TitleBridgeCore
import Vapor

/// 清单 — the certificate catalogue: public API, admin page, CSV import and export.
struct CatalogueController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.apiCatalogue, use: apiList)
        routes.on(.adminCatalogue, use: page)
        routes.on(.adminCatalogueImport, use: importSubmit)
        routes.on(.adminCatalogueExport, use: export)
    }

    struct ImportForm: Content {
        var file: File?
        var listVersion: String?
    }

    @Sendable
    func apiList(_ request: Request) async throws -> [CertificateItem] {
        try await CatalogueStore(app: request.application, database: request.db).items()
    }

    @Sendable
    func page(_ request: Request) async throws -> View {
        try await render(request, problem: nil, done: nil)
    }

    @Sendable
    func importSubmit(_ request: Request) async throws -> Response {
        let form = try request.content.decode(ImportForm.self)
        let store = CatalogueStore(app: request.application, database: request.db)
        let zh = request.language == .zh
        do {
            // Unless the bureau names another, the file is the list version the batch policy names.
            let version = try form.listVersion?.trimmingCharacters(in: .whitespaces).nonEmpty
                ?? request.domain.currentPolicy.certificateList.version
            let summary = try await store.importCSV(form.file.map { Data(buffer: $0.data) } ?? Data(), listVersion: version,
                                                    by: request.auditActor)
            let done = zh ? "导入完成：新增 \(summary.added) 项，更新 \(summary.changed) 项，未变 \(summary.unchanged) 项。"
                          : "Imported: \(summary.added) added, \(summary.changed) changed, \(summary.unchanged) unchanged."
            return try await render(request, problem: nil, done: done).encodeResponse(for: request)
        } catch let problem as APIProblem {
            let response = try await render(request, problem: problem.message.text(in: request.language), done: nil)
                .encodeResponse(for: request)
            response.status = problem.status
            return response
        }
    }

    @Sendable
    func export(_ request: Request) async throws -> Response {
        let data = try await CatalogueStore(app: request.application, database: request.db).export()
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"catalogue.csv\"")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    private func render(_ request: Request, problem: String?, done: String?) async throws -> View {
        let items = try await CatalogueStore(app: request.application, database: request.db).items()
        return try await request.view.render("admin/catalogue", CataloguePage(request: request, items: items, problem: problem, done: done))
    }
}
