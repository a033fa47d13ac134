import Fluent
import TitleBridgeCore
import Vapor

extension ApplicationController {
    /// The API's answer for one file: what the status page shows, as data.

    struct ApplicationAnswer: Content {
        let id: UUID
        let batch: String
        let stage: Stage
        let version: Int
        let employerID: UUID?
        let verificationID: UUID?
        let content: ApplicationContent
        let summaryZi: Int
        let submittedAt: Date?
        let eligibility: EligibilityAPIController.ReportBody?
        let next: LocalizedText?
        /// For a draft: the last useful day to submit to the employer (its publicity can still
        /// end inside the window when submitted by then).
        let submitBy: LocalDate?
        /// A file submitted after that day: it went to the employer, but will most likely miss the batch.
        let warning: LocalizedText?
        let uploads: [Upload]
        /// 申报公示, once the employer recorded it.
        let publicity: Publicity?
        /// What reporting still needs, while the file is publicised.
        let reporting: [ReportingItem]?
        /// Set once the window closed on a file not reported: it cannot take part any more.
        let closedForBatch: LocalizedText?
        let history: [HistoryEntry]
        /// 受理号, once accepted, and when to bring the printed files.
        let acceptanceNumber: String?
        let paperFiles: LocalizedText?
        let paperReceivedAt: Date?
        /// The open supplement request: the items to correct and the due day.
        let supplement: Supplement?
        /// The applicant's ID number, whole or masked as the caller may see it (`ShownIdentityNumber`).
        var idNumber: String?
        /// True when `idNumber` is masked for the caller.
        var idNumberMasked: Bool?

        struct Supplement: Content {
            let items: [AcceptanceDecision.Entry]
            let dueOn: String
            let resubmittedAt: Date?
        }

        struct Upload: Content {
            let id: UUID
            let kind: String
            let file: String
        }

        struct Publicity: Content {
            let startsOn: String
            let endsOn: String
            let place: String
            let evidence: String
            let fitsWindow: Bool
            let message: LocalizedText
            /// 公示结果, once the employer recorded it.
            let outcome: PublicityOutcome?
        }

        struct ReportingItem: Content {
            let id: String
            let label: LocalizedText
            let met: Bool
        }

        struct HistoryEntry: Content {
            let event: String
            let from: Stage?
            let to: Stage?
            let by: String
            let at: Date
            let reason: String?
            let opinion: UnitOpinion?
            let post: PostConfirmation?
            let checklist: AcceptanceDecision?
            /// The committee's statement: the session's time, the interview's attendance, or the
            /// committee's opinion with the tally.
            let committee: LocalizedText?
        }

        init(_ record: ApplicationRecord, report: EligibilityReport?, policy: BatchPolicy, plan: PublicityPlan,
             employerKind: ApplicantProfile.EmployerKind?, uploads: [ApplicationUploadRecord],
             publicity posted: PublicityRecord?, assessment: PublicityPlan.Assessment?, reviews: [ReviewRecord], now: Date,
             acceptance: AcceptanceRecord?, schedule: PaperScheduleRecord?, supplement: SupplementRecord?) throws {
            acceptanceNumber = acceptance?.number
            paperFiles = acceptance == nil ? nil : schedule?.text
            paperReceivedAt = acceptance?.paperReceivedAt
            self.supplement = supplement.map { Supplement(items: $0.items, dueOn: $0.dueOn, resubmittedAt: $0.resubmittedAt) }
            id = try record.requireID()
            batch = record.batchID
            stage = record.currentStage
            version = record.version
            employerID = record.employerID
            verificationID = record.verificationID
            let stored = try record.content
            content = stored
            summaryZi = stored.summaryCount.zi
            submittedAt = record.submittedAt
            eligibility = report.map(EligibilityAPIController.ReportBody.init)
            let deadline = SubmissionDeadline(record: record, plan: plan, employerKind: employerKind, now: now)
            submitBy = deadline.submitBy
            warning = deadline.warning
            next = NextStep.after(record.currentStage, policy: policy, submitBy: deadline.submitBy)
            self.uploads = try uploads.map { Upload(id: try $0.requireID(), kind: $0.kind, file: SiteURL.file.path($0.fileID.uuidString)) }
            if let posted, let assessment {
                publicity = Publicity(startsOn: posted.startsOn, endsOn: posted.endsOn, place: posted.place,
                                      evidence: SiteURL.file.path(posted.evidenceFileID.uuidString), fitsWindow: assessment.fitsWindow,
                                      message: assessment.message, outcome: posted.outcome)
            } else {
                publicity = nil
            }
            let uploaded = Set(uploads.compactMap { UploadKind(rawValue: $0.kind) })
            reporting = record.currentStage == .unitPublicity
                ? ReportingChecklist(publicityEnds: posted?.endDay, outcome: posted?.outcome, uploaded: uploaded, now: now, policy: policy).items
                    .map { ReportingItem(id: $0.id, label: $0.label, met: $0.met) }
                : nil
            closedForBatch = ReportingChecklist.closedOut(record.currentStage, now: now, policy: policy)
            history = reviews.map { review in
                var opinion: UnitOpinion?, post: PostConfirmation?, checklist: AcceptanceDecision?
                switch review.detail {
                case .opinion(let value)?: opinion = value
                case .post(let value)?: post = value
                case .checklist(let value)?: checklist = value
                case .placement, .interview, .decision, nil: break
                }
                return HistoryEntry(event: review.event, from: Stage(rawValue: review.fromStage), to: Stage(rawValue: review.toStage),
                                    by: review.actorName, at: review.createdAt, reason: review.reason, opinion: opinion, post: post,
                                    checklist: checklist, committee: review.detail.flatMap { $0.committeeNote(policy: policy) })
            }
        }
    }
}
