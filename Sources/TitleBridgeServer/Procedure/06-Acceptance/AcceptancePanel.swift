import TitleBridgeCore
import Vapor

/// The part of a file's page that belongs to 四(五): the bureau's checklist with a verdict per
/// item, the open supplement request, and once accepted the 受理号 with the paper-file time.
struct AcceptancePanel: Encodable {
    struct ChecklistRow: Encodable {
        let id: String
        let label: String
        /// `#file-…`: the part of the file on the same page the item judges.
        let href: String
        /// The note as sent, when the page comes back refused.
        let note: String
        let found: String
        let foundClass: String
        let citation: String
        let verdicts: [FormChoice]
    }

    struct ChecklistForm: Encodable {
        let action: String
        let csrfToken: String
        let idempotencyKey: String
        let heading: String
        let intro: String
        let headers: [String]
        let rows: [ChecklistRow]
        let noteLabel: String
        let dueLabel: String
        let dueDefault: String
        let acceptLabel: String
        let supplementLabel: String
    }

    let checklist: ChecklistForm?
    let supplementHeading: String
    let supplementItems: [String]
    let supplementDue: String?
    let numberLabel: String
    let number: String?
    let paper: String?
    let paperReceived: String?
    /// To the applicant once accepted: the copy printed now carries the 受理号 and its QR code,
    /// which the bureau scans when the paper files arrive, so that is the copy to hand in.
    let printCopy: String?
    let printLabel: String
    let printHref: String

    /// `typed`: the checklist as sent when the page answers a refused decision, so each verdict
    /// and note given stays; otherwise every verdict starts "not yet judged" and the bureau
    /// decides each item itself.
    init(request: Request, record: ApplicationRecord, principal: Principal, items: [AcceptanceItem],
         acceptance: AcceptanceRecord?, supplement: SupplementRecord?, schedule: PaperScheduleRecord?,
         typed: TransitionInput? = nil) {
        let language = request.language
        let w = Words<AcceptanceText>(language)
        let id = record.id?.uuidString ?? ""
        let today = request.domain.clock.today()
        checklist = record.currentStage == .reported && principal.roles.contains(.bureau) ? ChecklistForm(
            action: SiteURL.applicationTransition.path(id), csrfToken: CSRF.token(for: request), idempotencyKey: UUID().uuidString,
            heading: w[.acceptanceReview],
            intro: w[.checklistIntro],
            headers: [w[.itemHeader], w[.systemCheckHeader], w[.verdictHeader]],
            rows: items.map { item in
                let found: String = switch item.found {
                case .pass: w[.foundPass]
                case .fail: w[.foundFail]
                case .review: w[.foundReview]
                case .present: w[.foundPresent]
                case .missing: w[.foundMissing]
                }
                let href: String = switch item.fix {
                case .step(let step): "#" + FileView.anchor(of: step)
                case .upload(let kind): "#" + (item.found == .present ? FileView.anchor(ofUpload: kind) : FileView.attachmentsSection)
                }
                let sent = typed?.items?[item.id]
                let verdict = sent?.verdict ?? ""
                return ChecklistRow(id: item.id, label: item.label.text(in: language), href: href, note: sent?.note ?? "", found: found,
                                    foundClass: item.found.inOrder ? "pass" : (item.found == .review ? "review" : "fail"),
                                    citation: item.citation,
                                    verdicts: [FormChoice(value: "", label: w[.notJudgedYet], selected: verdict.isEmpty)]
                                        + ItemVerdict.allCases.map {
                                            FormChoice(value: $0.rawValue, label: $0.name.text(in: language), selected: $0.rawValue == verdict)
                                        })
            },
            noteLabel: w[.noteLabel], dueLabel: w[.dueLabel],
            // The applicant is given ten working days by default, ending on a day the offices work.
            dueDefault: typed?.supplementDue ?? request.domain.calendar.workingDay(10, after: today).iso,
            acceptLabel: StageEvent.accept.name.text(in: language),
            supplementLabel: StageEvent.requestSupplement.name.text(in: language)) : nil
        supplementHeading = w[.supplementHeading]
        // An open supplement only: once sent back, or once the file was withdrawn for it, the
        // request is history (the file's history and messages keep it).
        let showSupplement = supplement != nil && supplement?.resubmittedAt == nil && record.currentStage == .supplementRequested
        supplementItems = showSupplement ? (supplement?.items ?? []).map { entry in
            entry.label.text(in: language) + " — " + entry.verdict.name.text(in: language) + (entry.note.map { w[.bracketedNote, ["note": $0]] } ?? "")
        } : []
        // The applicant is told what to do; staff read the same as a fact about the file.
        let isApplicant = record.applicantID == principal.userID
        supplementDue = showSupplement ? supplement?.dueDay.map {
            isApplicant
                ? w[.supplementDueToApplicant, ["date": DateText.long($0, in: language)]]
                : w[.supplementDueToStaff, ["date": DateText.long($0, in: language)]]
        } : nil
        numberLabel = w[.acceptanceNumber]
        number = acceptance?.number
        // Once the printed files are in, the time to bring them and the printing are history.
        let paperIn = acceptance?.paperReceivedAt != nil
        paper = acceptance == nil || paperIn ? nil : (isApplicant
            ? (schedule?.text.text(in: language)
                ?? w[.paperTimeToCome])
            : (schedule.map { Self.paperTime($0, in: language) }
                ?? w[.paperTimeNotSet]))
        paperReceived = acceptance?.paperReceivedAt.map { w[.paperReceived, ["time": ShanghaiTime.clockText($0)]] }
        let copies = request.domain.policy(record.batchID)?.thresholds.formPrintCopies.value ?? 3
        printCopy = acceptance != nil && !paperIn && isApplicant
            ? w[.printCopies, ["copies": "\(copies)"]]
            : nil
        printLabel = w[.printLabel]
        printHref = SiteURL.applicationForm.path(id)
    }

    /// The paper-file time as staff read it on a file: when and where, without the words
    /// addressed to the applicant.
    static func paperTime(_ schedule: PaperScheduleRecord, in language: Language) -> String {
        let day = ShanghaiTime.date(of: schedule.startsAt)
        let from = String(ShanghaiTime.clockText(schedule.startsAt).suffix(5))
        let until = String(ShanghaiTime.clockText(schedule.endsAt).suffix(5))
        return Words<AcceptanceText>(language)[.paperTime, ["day": DateText.withWeekday(day, in: language), "from": from,
                                                            "until": until, "place": schedule.place]]
    }
}
