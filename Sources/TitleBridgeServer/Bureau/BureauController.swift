import Foundation
import NIOCore
import TitleBridgeCore
import Vapor

/// The bureau's overview of the current batch and the lists it takes out of the system.
struct BureauController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.bureauDashboard, use: dashboard)
        routes.on(.bureauExports, use: exports)
        routes.on(.bureauExport, use: export)
    }

    @Sendable
    func dashboard(_ request: Request) async throws -> View {
        let policy = try request.domain.currentPolicy
        let domain = request.domain, database = request.db
        let today = domain.clock.today()
        let (figures, countedAt) = try await request.application.dashboardCache.figures(batch: policy.id, today: today, now: domain.clock.now()) {
            try await DashboardFigures.load(on: database, policy: policy, calendar: domain.calendar, today: today)
        }
        return try await request.view.render("bureau/dashboard", DashboardPage(request: request, policy: policy, figures: figures,
                                                                                countedAt: countedAt))
    }

    @Sendable
    func exports(_ request: Request) async throws -> View {
        let policy = try request.domain.currentPolicy
        let source = try ExportSource(database: request.db, batch: policy.id, language: request.language)
        var counts: [ExportKind: Int] = [:]
        for kind in ExportKind.allCases { counts[kind] = try await source.count(kind) }
        return try await request.view.render("bureau/exports", ExportsPage(request: request, policy: policy, counts: counts))
    }

    /// One list as a download. CSV goes out as it is read, a page of rows per chunk; a
    /// workbook is written to a private temporary file first (its ZIP directory comes last) and
    /// then sent with its length, so the browser can show how far the download is.
    @Sendable
    func export(_ request: Request) async throws -> Response {
        guard let kind = request.parameters.get("kind").flatMap(ExportKind.init(rawValue:)),
              let format = request.parameters.get("format").flatMap(ExportFormat.init(rawValue:)) else { throw Abort(.notFound) }
        let policy = try request.domain.currentPolicy
        let source = try ExportSource(database: request.db, batch: policy.id, language: request.language)
        let name = kind.fileName(batchCode: policy.acceptanceBatchCode, format: format, in: request.language)
        var headers = HTTPHeaders()
        headers.contentType = format.mediaType
        let fallback = kind.rawValue + "-" + policy.acceptanceBatchCode + "." + format.rawValue
        headers.replaceOrAdd(name: .contentDisposition, value: Self.attachment(name, fallback: fallback))
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        request.logger.info("export", metadata: ["kind": "\(kind.rawValue)", "format": "\(format.rawValue)", "batch": "\(policy.id)",
                                                 "by": "\(request.principal?.userID.uuidString ?? "-")"])
        switch format {
        case .csv:
            let logger = request.logger
            let body = Response.Body(asyncStream: { writer in
                do {
                    try await ExportWriter.csv(kind, from: source) { chunk in
                        try await writer.write(.buffer(ByteBuffer(string: chunk)))
                    }
                    try await writer.write(.end)
                } catch {
                    logger.error("export failed", metadata: ["kind": "\(kind.rawValue)", "error": "\(error)"])
                    try await writer.write(.error(error))
                }
            })
            return Response(status: .ok, headers: headers, body: body)
        case .xlsx:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("titlebridge-export-" + UUID().uuidString)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let url = folder.appendingPathComponent("export.xlsx")
            do {
                try await ExportWriter.xlsx(kind, from: source, to: url)
                let response = try await request.fileio.asyncStreamFile(at: url.path, mediaType: nil) { _ in
                    try? FileManager.default.removeItem(at: folder)
                }
                for (header, value) in headers { response.headers.replaceOrAdd(name: header, value: value) }
                return response
            } catch {
                try? FileManager.default.removeItem(at: folder)
                throw error
            }
        }
    }

    /// `attachment` with an ASCII name for old clients (`accepted-2024B2.csv`) and the list's
    /// own name in UTF-8 (RFC 6266, RFC 8187).
    static func attachment(_ name: String, fallback: String) -> String {
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: ".-_"))) ?? fallback
        return "attachment; filename=\"\(fallback)\"; filename*=UTF-8''\(encoded)"
    }
}
