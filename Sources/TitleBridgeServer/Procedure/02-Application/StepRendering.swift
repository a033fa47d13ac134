import Fluent
import TitleBridgeCore
import Vapor

extension ApplicationController {
    func renderStep(_ request: Request, record: ApplicationRecord, step: ApplicationStep, input: StepInput?,
                            problems: [FieldProblem]) async throws -> View {
        let desk = ApplicationDesk(request: request)
        let employers = try await OrganisationRecord.employerChoices(on: request.db)
        let verifications = try await VerificationRecord.query(on: request.db).filter(\.$applicantID == record.applicantID)
            .filter(\.$status == VerificationStatus.passed.rawValue).all()
        let policy = try desk.policy(of: record)
        var targets: [StepPage.TargetOption] = []
        if step == .target {
            // The file's profile is read once; each title on offer is judged by changing only the
            // target, with the attestations given: they are ticked on this same page, with the title.
            let titles = TitleSeries.allCases.flatMap { series in TitleLevel.allCases.map { ApplicantProfile.Title(series: series, level: $0) } }
            let base = try await desk.profile(of: record, target: titles[0])
            let engine = EligibilityEngine(policy: policy)
            // After a refused save the title that was sent stays chosen.
            let sent = input.flatMap { typed -> ApplicantProfile.Title? in
                let pair = typed.targetSeriesLevel?.split(separator: ".").map(String.init)
                guard let series = (typed.targetSeries ?? pair?.first).flatMap(TitleSeries.init(rawValue:)),
                      let level = (typed.targetLevel ?? pair?.last).flatMap(TitleLevel.init(rawValue:)) else { return nil }
                return ApplicantProfile.Title(series: series, level: level)
            }
            let chosen = try input == nil ? record.content.target : sent
            targets = titles.map { title in
                let report = base.map { profile -> EligibilityReport in
                    var candidate = profile
                    candidate.target = title
                    candidate.attestations = ApplicationDesk.attested
                    return engine.evaluate(candidate)
                }
                return StepPage.TargetOption(title: title, report: report,
                                             committee: policy.committeeLevels.levels.contains(title.level),
                                             language: request.language, selected: chosen == title)
            }
        }
        // Step 1 of a new file starts from what the applicant's account already holds.
        var account: UserRecord?
        if step == .personal { account = try await UserRecord.find(record.applicantID, on: request.db) }
        let page = try StepPage(request: request, record: record, policy: policy, step: step, input: input, problems: problems,
                                employers: employers, verifications: verifications, targets: targets, account: account)
        return try await request.view.render("applications/step", page)
    }
}
