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
        func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
        let id = record.id?.uuidString ?? ""
        let today = request.domain.clock.today()
        checklist = record.currentStage == .reported && principal.roles.contains(.bureau) ? ChecklistForm(
            action: SiteURL.applicationTransition.path(id), csrfToken: CSRF.token(for: request), idempotencyKey: UUID().uuidString,
            heading: t("受理审核", "Acceptance review"),
            intro: t("会同行业主管部门逐项审核。全部符合的予以受理并分配受理号；缺少或不符合规定形式的，一次性告知全部补正内容（只能告知一次）。",
                     "Check every item together with the industry authority. If all are in order, accept the file and give it its number; otherwise list every missing or non-conforming item at once (this can be done once only)."),
            headers: [t("审核项目", "Item"), t("系统核对", "System check"), t("审核结论", "Verdict")],
            rows: items.map { item in
                let found: String = switch item.found {
                case .pass: t("符合", "Met")
                case .fail: t("不符合", "Not met")
                case .review: t("待认定", "For judgement")
                case .present: t("已上传", "Uploaded")
                case .missing: t("未上传", "Not uploaded")
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
                                    verdicts: [FormChoice(value: "", label: t("— 未审核 —", "— Not judged yet —"), selected: verdict.isEmpty)]
                                        + ItemVerdict.allCases.map {
                                            FormChoice(value: $0.rawValue, label: $0.name.text(in: language), selected: $0.rawValue == verdict)
                                        })
            },
            noteLabel: t("说明", "Note"), dueLabel: t("补正截止日（须为工作日）", "Supplement due by (a working day)"),
            // The applicant is given ten working days by default, ending on a day the offices work.
            dueDefault: typed?.supplementDue ?? request.domain.calendar.workingDay(10, after: today).iso,
            acceptLabel: StageEvent.accept.name.text(in: language),
            supplementLabel: StageEvent.requestSupplement.name.text(in: language)) : nil
        supplementHeading = t("补正告知", "Supplement requested")
        // An open supplement only: once sent back, or once the file was withdrawn for it, the
        // request is history (the file's history and messages keep it).
        let showSupplement = supplement != nil && supplement?.resubmittedAt == nil && record.currentStage == .supplementRequested
        supplementItems = showSupplement ? (supplement?.items ?? []).map { entry in
            entry.label.text(in: language) + " — " + entry.verdict.name.text(in: language) + (entry.note.map { t("（\($0)）", " (\($0))") } ?? "")
        } : []
        // The applicant is told what to do; staff read the same as a fact about the file.
        let isApplicant = record.applicantID == principal.userID
        supplementDue = showSupplement ? supplement?.dueDay.map {
            isApplicant
                ? t("请于\(DateText.long($0, in: .zh))前一次性补齐以上项目并提交补正；只能修改以上项目，逾期视为放弃申报。",
                    "Correct all of these items and send the supplement by \(DateText.long($0, in: .en)); only these items can be changed, and a late file counts as withdrawn.")
                : t("申报人须于\(DateText.long($0, in: .zh))前一次性补齐以上项目并提交补正；只能修改以上项目，逾期视为放弃申报。",
                    "The applicant must correct all of these items and send the supplement by \(DateText.long($0, in: .en)); only these items can be changed, and a late file counts as withdrawn.")
        } : nil
        numberLabel = t("受理号", "Acceptance number")
        number = acceptance?.number
        paper = acceptance == nil ? nil : (isApplicant
            ? (schedule?.text.text(in: language)
                ?? t("纸质材料报送时间将另行通知，届时请携带受理号。", "The time to bring the printed files will be announced; bring your acceptance number."))
            : (schedule.map { Self.paperTime($0, in: language) }
                ?? t("纸质材料报送时间尚未确定。", "The time for the printed files has not been set yet.")))
        paperReceived = acceptance?.paperReceivedAt.map { t("纸质材料已于\(ShanghaiTime.clockText($0))收到。", "Printed files received on \(ShanghaiTime.clockText($0)).") }
        let copies = request.domain.policy(record.batchID)?.thresholds.formPrintCopies.value ?? 3
        printCopy = acceptance != nil && isApplicant
            ? t("请现在打印《上海市专业技术人员职称考核认定表》一式\(copies)份：受理后打印的表格带有受理号及其二维码，收件时扫码登记。签字并经单位盖章后，随纸质材料报送。",
                "Print the assessment form now, \(copies) copies: printed after acceptance, it carries the acceptance number and its QR code, which is scanned when the printed files arrive. Sign it, have your employer stamp it, and bring it with the printed files.")
            : nil
        printLabel = t("打印受理后的考核认定表（PDF）", "Print the accepted assessment form (PDF)")
        printHref = SiteURL.applicationForm.path(id)
    }

    /// The paper-file time as staff read it on a file: when and where, without the words
    /// addressed to the applicant.
    static func paperTime(_ schedule: PaperScheduleRecord, in language: Language) -> String {
        let day = ShanghaiTime.date(of: schedule.startsAt)
        let from = String(ShanghaiTime.clockText(schedule.startsAt).suffix(5))
        let until = String(ShanghaiTime.clockText(schedule.endsAt).suffix(5))
        return language == .zh
            ? "纸质材料报送：\(DateText.withWeekday(day, in: .zh)) \(from)至\(until)（北京时间），地点：\(schedule.place)。"
            : "Printed files: \(DateText.withWeekday(day, in: .en)), \(from)–\(until) (Beijing time), at \(schedule.place)."
    }
}
