import TitleBridgeCore
import Vapor

/// Uploaded files, served only to those `RecordAccess` lets see them (404 otherwise).
struct FileController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.file, use: file)
    }

    @Sendable
    func file(_ request: Request) async throws -> Response {
        let principal = try request.requirePrincipal()
        guard let id = request.parameters.get("fileID", as: UUID.self),
              let record = try await UploadedFileRecord.find(id, on: request.db),
              RecordAccess.mayView(fileOwnedBy: record.ownerID, actor: principal.actor) else { throw Abort(.notFound) }
        let data = try request.application.files.read(record)
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: record.mediaType)
        // Shown inline, never sniffed into something else, never cached by others.
        headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"\(record.sha256.prefix(12)).\(record.mediaType.split(separator: "/").last ?? "bin")\"")
        headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
