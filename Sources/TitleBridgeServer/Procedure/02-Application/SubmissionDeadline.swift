import Foundation
import TitleBridgeCore

/// The last useful day to submit a file to the employer (四(四)), as a draft's next step names
/// it, and the warning a draft past that day, or a file submitted after it, carries until it
/// is reported.
struct SubmissionDeadline {
    let submitBy: LocalDate?
    let warning: LocalizedText?

    /// An employer not yet chosen is taken as a public institution: the earlier of the two days,
    /// so nobody is told a day that turns out too late.
    init(record: ApplicationRecord, plan: PublicityPlan, employerKind: ApplicantProfile.EmployerKind?, now: Date) {
        let kind = employerKind ?? .publicInstitution
        let stage = record.currentStage
        submitBy = stage == .draft ? plan.lastUsefulSubmission(employerKind: kind).value : nil
        let beforeReport: Set<Stage> = [.employerReview, .supervisorReview, .unitPublicity]
        if beforeReport.contains(stage), let submitted = record.submittedAt {
            warning = plan.lateSubmissionWarning(on: ShanghaiTime.date(of: submitted), employerKind: kind)
        } else if stage == .draft, now < ShanghaiTime.endOfDay(plan.policy.dates.submissionCloses.value) {
            // A draft past the last useful day is told before it is submitted, not only after.
            warning = plan.lateSubmissionWarning(on: ShanghaiTime.date(of: now), employerKind: kind)
        } else {
            warning = nil
        }
    }
}
