import TitleBridgeCore
import Vapor

/// The part of a file's page that belongs to 四(三)–(四): the history of the file (returns
/// stay visible), the employer's opinion form, the supervising department's post confirmation,
/// the unit publicity with its computed dates, and what reporting still needs.
struct UnitReviewPanel: Encodable {
    struct HistoryRow: Encodable {
        let when: String
        let who: String
        let what: String
        let reason: String?
        let statement: [String]
    }

    struct OpinionForm: Encodable {
        let action: String
        let csrfToken: String
        let idempotencyKey: String
        let heading: String
        let statements: [Statement]
        let reviewerLabel: String
        let reviewer: String
        let dateLabel: String
        let today: String
        let remarksLabel: String
        let submitLabel: String
    }

    struct PostForm: Encodable {
        let action: String
        let csrfToken: String
        let idempotencyKey: String
        let heading: String
        let statements: [Statement]
        let reviewerLabel: String
        let reviewer: String
        let submitLabel: String
    }

    struct Statement: Encodable {
        let name: String
        let label: String
    }

    struct Publicity: Encodable {
        let heading: String
        let recorded: [KeyValue]
        let hasRecord: Bool
        let assessment: String?
        let misses: Bool
        let guidance: String?
        let form: PublicityForm?
        let outcomeForm: OutcomeForm?
    }

    struct KeyValue: Encodable {
        let key: String
        let value: String
        let href: String?
    }

    struct PublicityForm: Encodable {
        let action: String
        let csrfToken: String
        let startLabel: String
        let start: String
        let placeLabel: String
        let placeHint: String
        let evidenceLabel: String
        let submitLabel: String
        /// A publicity that cannot end inside the window is recorded only with this box ticked
        /// (`acceptsMissingBatch`); the note beside it says from which start that is so.
        let missLabel: String
        let missNote: String
        /// Started today, the publicity would already miss the window.
        let missesFromToday: Bool
    }

    /// 公示结果: how the publicity ended, recorded by the employer from its last day.
    struct OutcomeForm: Encodable {
        let action: String
        let csrfToken: String
        let heading: String
        let note: String
        let kinds: [FormChoice]
        let objectionsLabel: String
        let findingsLabel: String
        let decisionLabel: String
        let recordedByLabel: String
        let recordedBy: String
        let dateLabel: String
        let today: String
        let earliest: String
        let submitLabel: String
    }

    struct Checklist: Encodable {
        let heading: String
        let items: [ChecklistItem]
    }

    struct ChecklistItem: Encodable {
        let label: String
        let met: Bool
        let mark: String
    }

    let historyHeading: String
    /// Between who acted and what was done: `王敏：同意` / `Wang Min: Approve`.
    let historySeparator: String
    let history: [HistoryRow]
    let hasHistory: Bool
    let opinionForm: OpinionForm?
    let postForm: PostForm?
    let publicity: Publicity?
    let checklist: Checklist?

    /// The events that carry a statement are offered with their own forms (the opinion, the post,
    /// the acceptance checklist); the plain action list leaves them out.
    static let ownEvents = Set(StageEvent.allCases.filter { $0.statement != nil })

    init(request: Request, record: ApplicationRecord, policy: BatchPolicy, principal: Principal, reviews: [ReviewRecord],
         publicity posted: PublicityRecord?, uploaded: Set<UploadKind>) {
        let language = request.language
        let w = Words<EmployerReviewText>(language)
        let id = record.id?.uuidString ?? ""
        let stage = record.currentStage
        let now = request.domain.clock.now()
        let today = ShanghaiTime.date(of: now)
        let csrf = CSRF.token(for: request)

        historyHeading = w[.historyHeading]
        historySeparator = w[.separator]
        history = reviews.map { review in
            let event = StageEvent(rawValue: review.event)
            let to = Stage(rawValue: review.toStage)
            var lines: [String] = []
            switch review.detail {
            case .opinion(let opinion)?:
                lines = [w[.opinionRecorded],
                         w[.reviewedByOn, ["reviewer": opinion.reviewer, "date": DateText.long(opinion.reviewedOn, in: language)]]]
                if let remarks = opinion.remarks { lines.append(w[.remarks, ["remarks": remarks]]) }
            case .post(let post)?:
                lines = [w[.postRecorded],
                         w[.reviewedBy, ["reviewer": post.reviewer]]]
            case .checklist(let decision)?:
                lines = decision.flagged.isEmpty
                    ? [w[.allInOrder]]
                    : decision.flagged.map { entry in
                        entry.label.text(in: language) + w[.separator] + entry.verdict.name.text(in: language) + (entry.note.map { w[.bracketedNote, ["note": $0]] } ?? "")
                    }
                if let due = decision.supplementDue, !decision.flagged.isEmpty {
                    lines.append(w[.supplementDue, ["date": DateText.long(due, in: language)]])
                }
            case .placement?, .interview?, .decision?:
                if let note = review.detail?.committeeNote(policy: policy) { lines = [note.text(in: language)] }
            case nil:
                break
            }
            return HistoryRow(when: ShanghaiTime.clockText(review.createdAt), who: review.actor(in: language),
                              what: (event?.name.text(in: language) ?? review.event) + (to.map { " → " + $0.name.text(in: language) } ?? ""),
                              reason: review.reason, statement: lines)
        }
        hasHistory = !history.isEmpty

        // Never on one's own file: an employer's staff member who also applies is reviewed by a colleague.
        let isEmployer = RecordAccess.mayActAsEmployer(onFileOf: record.applicantID, unit: record.employerID, actor: principal.actor)
        opinionForm = stage == .employerReview && isEmployer ? OpinionForm(
            action: SiteURL.applicationTransition.path(id), csrfToken: csrf, idempotencyKey: UUID().uuidString,
            heading: w[.opinionHeading],
            statements: [
                Statement(name: "opinion[dutiesPerformed]", label: w[.dutiesPerformed]),
                Statement(name: "opinion[materialsTrue]", label: w[.materialsTrue]),
                Statement(name: "opinion[agrees]", label: w[.agreesToApply]),
            ],
            reviewerLabel: w[.reviewer], reviewer: principal.displayName,
            dateLabel: w[.reviewDate], today: today.iso,
            remarksLabel: w[.remarksOptional],
            submitLabel: StageEvent.approve.name.text(in: language)) : nil

        postForm = stage == .supervisorReview && principal.roles.contains(.supervisor) && record.applicantID != principal.userID ? PostForm(
            action: SiteURL.applicationTransition.path(id), csrfToken: csrf, idempotencyKey: UUID().uuidString,
            heading: w[.postHeading],
            statements: [
                Statement(name: "post[withinQuota]", label: w[.withinQuota]),
                Statement(name: "post[consentsOneLevelUp]", label: w[.consentsOneLevelUp]),
            ],
            reviewerLabel: w[.reviewer], reviewer: principal.displayName,
            submitLabel: StageEvent.confirmPost.name.text(in: language)) : nil

        let plan = PublicityPlan(policy: policy, calendar: request.domain.calendar)
        let beforeReport: Set<Stage> = [.employerReview, .supervisorReview, .unitPublicity]
        if posted != nil || beforeReport.contains(stage) {
            var rows: [KeyValue] = []
            var assessment: PublicityPlan.Assessment?
            if let posted, let start = posted.startDay {
                let check = plan.assess(startingOn: start)
                assessment = check
                rows = [KeyValue(key: w[.publicityStarts], value: DateText.long(start, in: language), href: nil),
                        KeyValue(key: w[.publicityEnds], value: DateText.long(posted.endDay ?? check.ends, in: language), href: nil),
                        KeyValue(key: w[.publicityPlace], value: posted.place, href: nil),
                        KeyValue(key: w[.publicityEvidence], value: w[.view], href: SiteURL.file.path(posted.evidenceFileID.uuidString))]
                if let outcome = posted.outcome {
                    rows.append(KeyValue(key: w[.publicityOutcome], value: w[.outcomeRecorded, ["outcome": outcome.summary.text(in: language),
                                         "recordedBy": outcome.recordedBy, "date": DateText.long(outcome.recordedOn, in: language)]], href: nil))
                }
            }
            // The employer reads how long and the last day to start before it starts.
            // Before a publicity is recorded only: once it runs, its own dates say what it means.
            let guidance = isEmployer && beforeReport.contains(stage) && posted == nil ? plan.guidance(today: today).text(in: language) : nil
            let form: PublicityForm? = isEmployer && stage == .unitPublicity ? PublicityForm(
                action: SiteURL.applicationPublicity.path(id), csrfToken: csrf,
                startLabel: w[.startLabel], start: posted?.startsOn ?? today.iso,
                placeLabel: w[.placeLabel],
                placeHint: w[.placeHint],
                evidenceLabel: w[.evidenceLabel],
                submitLabel: posted == nil ? w[.recordPublicity] : w[.correctPublicity],
                missLabel: w[.missLabel],
                missNote: Self.missNote(plan, language: language),
                missesFromToday: today > plan.latestStart.value) : nil
            // From the publicity's last day the employer records how it ended; an objection upheld
            // is a return of the file instead (the action beside the stage).
            let outcomeForm: OutcomeForm? = if isEmployer, stage == .unitPublicity, let ends = posted?.endDay, today >= ends {
                OutcomeForm(
                    action: SiteURL.applicationPublicityOutcome.path(id), csrfToken: csrf,
                    heading: w[.outcomeHeading],
                    note: w[.outcomeNote],
                    kinds: PublicityOutcome.Kind.allCases.map {
                        FormChoice(value: $0.rawValue, label: $0.name.text(in: language), selected: posted?.outcome?.kind == $0)
                    },
                    objectionsLabel: w[.objectionsLabel],
                    findingsLabel: w[.findingsLabel],
                    decisionLabel: w[.decisionLabel],
                    recordedByLabel: w[.recordedByLabel], recordedBy: principal.displayName,
                    dateLabel: w[.recordedOnLabel], today: today.iso, earliest: ends.iso,
                    submitLabel: posted?.outcome == nil ? w[.recordOutcome] : w[.correctOutcome])
            } else {
                nil
            }
            // Others see the section once there is something to read.
            publicity = rows.isEmpty && guidance == nil && form == nil ? nil : Publicity(
                heading: w[.publicityHeading], recorded: rows, hasRecord: !rows.isEmpty,
                assessment: assessment?.message.text(in: language), misses: assessment.map { !$0.fitsWindow } ?? false,
                guidance: guidance,
                form: form, outcomeForm: outcomeForm)
        } else {
            publicity = nil
        }

        if stage == .unitPublicity {
            let list = ReportingChecklist(publicityEnds: posted?.endDay, outcome: posted?.outcome, uploaded: uploaded, now: now, policy: policy)
            checklist = Checklist(heading: w[.checklistHeading], items: list.items.map {
                ChecklistItem(label: $0.label.text(in: language), met: $0.met, mark: $0.met ? "✓" : "✗")
            })
        } else {
            checklist = nil
        }
    }

    /// Beside the publicity form: the latest start that still ends inside the window, and what
    /// a later one needs.
    static func missNote(_ plan: PublicityPlan, language: Language) -> String {
        let latest = plan.latestStart.value, closes = plan.policy.dates.submissionCloses.value
        return Words<EmployerReviewText>(language)[.missNote, ["latest": DateText.long(latest, in: language),
                                                               "closes": DateText.long(closes, in: language)]]
    }
}
