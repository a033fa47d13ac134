import Fluent
import TitleBridgeCore
import Vapor

extension ApplicationController {
    /// 单位审核: the files of the caller's unit (employer) or of the institutions it supervises,
    /// drafts left out — a draft is the applicant's own until it is submitted.
    @Sendable
    func unitApplications(_ request: Request) async throws -> View {
        let principal = try request.requirePrincipal()
        let records = try await Self.unitScoped(request, principal: principal)
        let applicants = try await UserRecord.query(on: request.db).filter(\.$id ~~ records.map(\.applicantID)).all()
        let names = Dictionary(applicants.compactMap { user in user.id.map { ($0, user.displayName) } }, uniquingKeysWith: { first, _ in first })
        return try await request.view.render("applications/unit", UnitApplicationsPage(request: request, records: records, names: names))
    }

    /// Files of the unit scope of an employer or a supervising department, past the draft.
    static func unitScoped(_ request: Request, principal: Principal) async throws -> [ApplicationRecord] {
        guard let own = principal.organisationID else { return [] }
        var units: [UUID] = []
        if principal.roles.contains(.employer) { units.append(own) }
        if principal.roles.contains(.supervisor) {
            units += try await OrganisationRecord.query(on: request.db).filter(\.$supervisingID == own).all().compactMap(\.id)
        }
        guard !units.isEmpty else { return [] }
        return try await ApplicationRecord.query(on: request.db).filter(\.$employerID ~~ units)
            .filter(\.$stage != Stage.draft.rawValue).sort(\.$submittedAt, .descending).limit(500).all()
    }
}
