import TitleBridgeCore
import Vapor

/// The file's status page: stage, what happens next, the eligibility report, the steps, the
/// submit button (with its idempotency key) while it is a draft.
struct ApplicationStatusPage: Encodable {
    struct Clause: Encodable {
        let outcome: String
        /// ✓, ✗ or ?, and the word that says the same (符合 / 不符合 / 待审核), so the result does
        /// not rest on colour.
        let mark: String
        let word: String
        let message: String
        let citation: String
    }

    /// Why the file came back to the applicant: the reason of the last return (or of the
    /// supervising department's refusal), who gave it and when — beside the stage, not only in
    /// the history.
    struct Returned: Encodable {
        let label: String
        let reason: String
        let by: String
    }

    struct Action: Encodable {
        let action: String
        let csrfToken: String
        let event: String
        let label: String
        /// A step back (withdrawing, returning, refusing) is offered quietly beside the way forward.
        let quiet: Bool
        let idempotencyKey: String
        let needsReason: Bool
        let reasonLabel: String
        /// The question asked before an irreversible change (`Confirmation`); nil for the others.
        let confirm: String?
    }

    let chrome: PageChrome
    let heading: String
    let stageLabel: String
    /// 申报编号, the short number the file is known by (`ApplicationNumber`).
    let fileNumberLabel: String
    let fileNumber: String?
    let stage: String
    let next: String
    /// The window has closed on a file not reported: `next` says why nothing more is offered.
    let closed: Bool
    /// The questions asked before an attachment is removed and before the bureau accepts the
    /// file (its checklist's button), and the script that asks them.
    let removeConfirm: String
    let acceptConfirm: String
    let confirmScriptHref: String
    /// Submitted after the last useful day: the publicity can no longer end inside the window.
    let lateWarning: String?
    let summaryLine: String
    /// On a draft, the proofs submission needs and whether each is there.
    let proofsLine: String?
    let steps: [StepLink]
    let editable: Bool
    let stepsHeading: String
    let reportHeading: String
    let clauses: [Clause]
    /// The conditions not met, listed again at the top with a link to the conditions.
    let failures: [Clause]
    let hasFailures: Bool
    let failuresHeading: String
    let returned: Returned?
    let hasReport: Bool
    let incompleteNote: String
    let actions: [Action]
    let problem: String?
    let formHref: String
    let formLabel: String
    let timeline: TimelineView
    /// The file as written, with its attachments (`applications/file`); the upload form goes with them.
    let file: FileView
    let uploadForm: UploadForm?
    let review: UnitReviewPanel
    let acceptance: AcceptancePanel
    /// The file's certificate once issued (`CertificateLinks`).
    var certificate: CertificateLinks?

    struct UploadForm: Encodable {
        let action: String
        let csrfToken: String
        let kinds: [FormChoice]
        let kindLabel: String
        let fileLabel: String
        let note: String
        let submitLabel: String
        /// After a refused upload: a browser cannot put the chosen file back into the form.
        let reselect: String?
    }

    /// `actors`: the parties the caller has in this file (`ApplicationDesk.transitionActors`), so
    /// the page offers exactly the buttons the transition endpoint accepts.
    init(request: Request, record: ApplicationRecord, policy: BatchPolicy, principal: Principal, actors: Set<TransitionActor>,
         report: EligibilityReport?, file: FileView, review: UnitReviewPanel, acceptance: AcceptancePanel,
         deadline: SubmissionDeadline, problem: String?, lastReturn: ReviewRecord? = nil) throws {
        self.review = review
        self.acceptance = acceptance
        let language = request.language
        let w = Words<StatusText>(language)
        chrome = PageChrome(request: request, title: w[.title])
        heading = policy.name.text(in: language)
        stageLabel = w[.stageLabel]
        fileNumberLabel = w[.fileNumberLabel]
        fileNumber = record.number
        stage = record.currentStage.name.text(in: language)
        // After the window a file not reported cannot take part any more: the line that names
        // the next step says so, and the page offers no submission or report that would be refused.
        let closedOut = ReportingChecklist.closedOut(record.currentStage, now: request.domain.clock.now(), policy: policy)
        closed = closedOut != nil
        next = (closedOut ?? (record.applicantID == principal.userID
            ? NextStep.after(record.currentStage, policy: policy, submitBy: deadline.submitBy)
            // Staff read what happens next, not the words addressed to the applicant.
            : NextStep.forStaff(record.currentStage, policy: policy, submitBy: deadline.submitBy))).text(in: language)
        lateWarning = closedOut == nil ? deadline.warning?.text(in: language) : nil
        removeConfirm = Confirmation.question(Confirmation.removal(of: nil), in: language)
        acceptConfirm = Confirmation.consequence(of: .accept).map { Confirmation.question($0, in: language) } ?? ""
        confirmScriptHref = SiteURL.confirmScript.path
        let count = try record.content.summaryCount
        let minimum = policy.thresholds.workSummaryMinimumZi.value
        summaryLine = w[.summaryLine, ["zi": "\(count.zi)", "minimum": "\(minimum)"]]
        let isOwner = record.applicantID == principal.userID
        // 四(三): the employer reviews the proofs, so a draft says which are still to come.
        let proofs = SubmissionProofs.required.map { kind in
            let state = file.uploadedKinds.contains(kind) ? w[.uploaded] : w[.notUploaded]
            return w[.proofState, ["proof": kind.name.text(in: language), "state": state]]
        }.joined(separator: w[.listSeparator])
        proofsLine = isOwner && record.currentStage == .draft
            ? w[.proofsToUpload] + proofs : nil
        editable = isOwner && (record.currentStage == .draft || record.currentStage == .supplementRequested)
        steps = try StepLink.all(for: record, current: nil, language: language)
        stepsHeading = w[.stepsHeading]
        reportHeading = w[.reportHeading]
        clauses = report?.clauses.map { clause -> Clause in
            let said: (mark: String, word: String) = switch clause.outcome {
            case .pass: ("✓", w[.met])
            case .fail: ("✗", w[.notMet])
            case .review: ("?", w[.forReview])
            }
            return Clause(outcome: clause.outcome.rawValue, mark: said.mark, word: said.word, message: clause.message.text(in: language),
                          citation: clause.citation)
        } ?? []
        failures = clauses.filter { $0.outcome == ClauseOutcome.fail.rawValue }
        hasFailures = !failures.isEmpty
        failuresHeading = w[failures.count == 1 ? .failuresHeadingOne : .failuresHeading, ["count": "\(failures.count)"]]
        returned = lastReturn.flatMap { review -> Returned? in
            guard let reason = review.reason, !reason.isEmpty else { return nil }
            let refused = review.event == StageEvent.refusePost.rawValue
            return Returned(label: refused ? w[.refusedReasonLabel] : w[.returnedReasonLabel],
                            reason: reason,
                            by: review.actor(in: language) + " · " + DateText.long(ShanghaiTime.date(of: review.createdAt), in: language))
        }
        hasReport = report != nil
        incompleteNote = w[.incompleteNote]
        let id = record.id?.uuidString ?? ""
        var actions: [Action] = []
        // An applicant acts on its own file only, a reviewer on the files of its scope and never its own.
        for actor in Role.allCases.map({ TransitionActor.role($0) }) where actors.contains(actor) {
            for event in TransitionTable.events(from: record.currentStage, by: actor)
            where !DeskSteps.events.contains(event)
                && !actions.contains(where: { $0.event == event.rawValue }) && !UnitReviewPanel.ownEvents.contains(event)
                && !(closedOut != nil && (event == .submit || event == .report)) {
                actions.append(Action(action: SiteURL.applicationTransition.path(id), csrfToken: CSRF.token(for: request),
                                      event: event.rawValue, label: event.name.text(in: language), quiet: [.withdraw, .returnToApplicant, .refusePost, .notAccept].contains(event) || (event == .submit && !(report?.eligible ?? false)),
                                      idempotencyKey: UUID().uuidString,
                                      needsReason: event.needsReason,
                                      reasonLabel: w[.reasonLabel],
                                      confirm: Confirmation.consequence(of: event).map { Confirmation.question($0, in: language) }))
            }
        }
        self.actions = actions
        self.problem = problem
        timeline = TimelineView(ProcedureTimeline(policy: policy, calendar: request.domain.calendar, today: request.domain.clock.today()),
                                language: language, here: record.currentStage.timelineStepID, applicantViews: isOwner)
        formHref = SiteURL.applicationForm.path(id)
        formLabel = w[.printForm]
        self.file = file
        let stage = record.currentStage
        // The employer adds its stamped opinion here; the publicity evidence comes with the publicity.
        let asEmployer = RecordAccess.mayActAsEmployer(onFileOf: record.applicantID, unit: record.employerID, actor: principal.actor)
        let open = UploadKind.allCases.filter {
            (isOwner && $0.openForApplicant(in: stage)) || (asEmployer && $0 != .publicityEvidence && $0.openForEmployer(in: stage))
        }
        // A refused upload answers on this page: the kind that was sent stays chosen.
        let refusedUpload = problem != nil && request.method == .POST && request.url.path == SiteURL.applicationUpload.path(id)
        let sentKind = refusedUpload ? (try? request.content.get(String.self, at: "kind")) : nil
        uploadForm = !open.isEmpty ? UploadForm(
            action: SiteURL.applicationUpload.path(id), csrfToken: CSRF.token(for: request),
            kinds: open.map { FormChoice(value: $0.rawValue, label: $0.name.text(in: language), selected: $0.rawValue == sentKind) },
            kindLabel: w[.uploadKindLabel], fileLabel: w[.uploadFileLabel],
            note: w[.uploadNote, ["maxSize": "\(request.application.files.maximumSize / 1024 / 1024)",
                                  "maxFiles": "\(UploadLimits.filesPerApplication)",
                                  "maxTotal": "\(UploadLimits.bytesPerApplication / 1024 / 1024)"]],
            submitLabel: w[.uploadButton],
            reselect: refusedUpload ? w[.reselectFile] : nil) : nil
    }
}
