import Fluent
import TitleBridgeCore
import Vapor

extension ApplicationController {
    /// 单位审核: the files of the caller's unit (employer) or of the institutions it supervises,
    /// drafts left out — a draft is the applicant's own until it is submitted.
    @Sendable
    func unitApplications(_ request: Request) async throws -> View {
        let principal = try request.requirePrincipal()
        let paging = Paging(request)
        let (records, more) = try await Self.unitScoped(request, principal: principal, paging: paging)
        let applicants = try await UserRecord.query(on: request.db).filter(\.$id ~~ records.map(\.applicantID)).all()
        let names = Dictionary(applicants.compactMap { user in user.id.map { ($0, user.displayName) } }, uniquingKeysWith: { first, _ in first })
        return try await request.view.render("applications/unit", UnitApplicationsPage(
            request: request, records: records, names: names,
            pager: Pager.make(paging, more: more, path: SiteURL.unitApplications.path, language: request.language)))
    }

    /// One page of the files of the unit scope of an employer or a supervising department, past
    /// the draft, newest submission first.
    static func unitScoped(_ request: Request, principal: Principal, paging: Paging) async throws -> ([ApplicationRecord], Bool) {
        // The columns the list shows: a file's content is not read to list it.
        let query = ApplicationRecord.query(on: request.db)
            .field(\.$id).field(\.$applicantID).field(\.$stage).field(\.$submittedAt).field(\.$employerID)
        guard try await RecordScopes.applications(RecordAccess.listScope(of: .unitFile, for: principal.actor), query,
                                                  on: request.db) else { return ([], false) }
        // Read backwards on `applications_unit_list_idx`, which holds every column the list shows.
        return try await paging.rows(of: query.filter(\.$stage != Stage.draft.rawValue)
            .sort(\.$submittedAt, .descending).sort(\.$id, .descending))
    }
}
