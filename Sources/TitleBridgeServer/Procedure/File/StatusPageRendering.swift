import Fluent
import TitleBridgeCore
import Vapor

extension ApplicationController {
    /// The file's status page, from one read of the file (`ApplicationFiles`).
    func renderStatus(_ request: Request, record: ApplicationRecord, principal: Principal, problem: String?,
                      typed: TransitionInput? = nil) async throws -> View {
        let desk = ApplicationDesk(request: request)
        let file = try await ApplicationFiles.load(for: [record], on: request.db).file(record, domain: request.domain)
        let policy = file.policy
        let uploaded = file.uploaded
        let panel = UnitReviewPanel(request: request, record: record, policy: policy, principal: principal, reviews: file.reviews,
                                    publicity: file.publicity, uploaded: uploaded)
        let acceptance = AcceptancePanel(
            request: request, record: record, principal: principal,
            items: AcceptanceChecklist.items(report: file.report, uploaded: uploaded, summaryZi: try record.content.summaryCount.zi,
                                             policy: policy),
            acceptance: file.acceptance, supplement: file.supplement, schedule: file.schedule, typed: typed)
        let shown = try await FileView.load(request: request, record: record, principal: principal, uploads: file.uploads,
                                            publicity: file.publicity)
        let deadline = SubmissionDeadline(record: record, plan: PublicityPlan(policy: policy, calendar: request.domain.calendar),
                                          employerKind: file.employerKind, now: request.domain.clock.now())
        var page = try ApplicationStatusPage(request: request, record: record, policy: policy,
                                             principal: principal, actors: try await desk.transitionActors(of: principal, on: record),
                                             report: file.report, file: shown, review: panel, acceptance: acceptance,
                                             deadline: deadline, problem: problem, lastReturn: Self.lastReturn(file.reviews, of: record))
        if let issued = try await CertificateRecord.query(on: request.db).filter(\.$applicationID == record.requireID()).first() {
            page.certificate = CertificateLinks(issued, language: request.language)
        }
        return try await request.view.render("applications/show", page)
    }

    /// The return that brought the file to where it is now (the employer's return, or the
    /// supervising department's refusal), while it is still there: its reason goes beside the stage.
    static func lastReturn(_ reviews: [ReviewRecord], of record: ApplicationRecord) -> ReviewRecord? {
        guard let last = reviews.last(where: { $0.toStage == record.stage }),
              [StageEvent.returnToApplicant.rawValue, StageEvent.refusePost.rawValue].contains(last.event) else { return nil }
        return last
    }
}
