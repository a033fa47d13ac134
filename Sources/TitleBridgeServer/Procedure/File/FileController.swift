import Fluent
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
              let record = try await UploadedFileRecord.find(id, on: request.db) else { throw Abort(.notFound) }
        // A file attached to an application goes with that application: whoever may not see
        // the application (a draft never submitted is its applicant's alone) may not see the file.
        let attachments = try await ApplicationUploadRecord.query(on: request.db).filter(\.$fileID == id).all()
        let allowed: Bool
        if attachments.isEmpty {
            allowed = RecordAccess.mayView(fileOwnedBy: record.ownerID, actor: principal.actor)
        } else if record.ownerID == principal.userID {
            allowed = true
        } else {
            allowed = try await Self.attachedToVisibleApplication(attachments, request: request, principal: principal)
        }
        guard allowed else { throw Abort(.notFound) }
        let data = try request.application.files.read(record)
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: record.mediaType)
        // Shown inline, never sniffed into something else, never cached by others.
        headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"\(record.sha256.prefix(12)).\(record.mediaType.split(separator: "/").last ?? "bin")\"")
        headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    /// A file attached to an application is seen by whoever may see that application: the
    /// employer reviewing it, its supervising department, the bureau, the applicant (for the
    /// unit's stamped opinion), the committee members who may read the file — and nobody but the
    /// applicant before it is first submitted.
    static func attachedToVisibleApplication(_ uploads: [ApplicationUploadRecord], request: Request,
                                             principal: Principal) async throws -> Bool {
        let applications = try await ApplicationRecord.query(on: request.db).filter(\.$id ~~ uploads.map(\.applicationID)).all()
        for application in applications {
            var employer: UnitFacts?
            if let employerID = application.employerID { employer = try await OrganisationRecord.find(employerID, on: request.db)?.facts }
            if RecordAccess.mayView(applicationOf: application.applicantID, submitted: application.submittedAt != nil, employer: employer,
                                    actor: principal.actor) { return true }
            if try await CommitteeDesk(request: request).seat(of: principal, on: application)?.mayRead == true { return true }
        }
        return false
    }
}
