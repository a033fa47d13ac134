import TitleBridgeCore
import Vapor

/// The part of a file's page that belongs to 四(五): the bureau's checklist with a verdict per
/// item, the open supplement request, and once accepted the 受理号 with the paper-file time.
struct AcceptancePanel: Encodable {
    struct ChecklistRow: Encodable {
        let id: String
        let label: String
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

    init(request: Request, record: ApplicationRecord, principal: Principal, items: [AcceptanceItem],
         acceptance: AcceptanceRecord?, supplement: SupplementRecord?, schedule: PaperScheduleRecord?) {
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
                return ChecklistRow(id: item.id, label: item.label.text(in: language), found: found,
                                    foundClass: item.found.inOrder ? "pass" : (item.found == .review ? "review" : "fail"),
                                    citation: item.citation,
                                    verdicts: ItemVerdict.allCases.map {
                                        FormChoice(value: $0.rawValue, label: $0.name.text(in: language),
                                                   selected: $0 == (item.found.inOrder ? .conforms : (item.found == .missing ? .missing : .nonConforming)))
                                    })
            },
            noteLabel: t("说明", "Note"), dueLabel: t("补正截止日", "Supplement due by"), dueDefault: today.adding(days: 10).iso,
            acceptLabel: StageEvent.accept.name.text(in: language),
            supplementLabel: StageEvent.requestSupplement.name.text(in: language)) : nil
        supplementHeading = t("补正告知", "Supplement requested")
        let showSupplement = supplement != nil && supplement?.resubmittedAt == nil
        supplementItems = showSupplement ? (supplement?.items ?? []).map { entry in
            entry.label.text(in: language) + " — " + entry.verdict.name.text(in: language) + (entry.note.map { "（\($0)）" } ?? "")
        } : []
        supplementDue = showSupplement ? supplement?.dueDay.map {
            t("请于\(DateText.long($0, in: .zh))前一次性补齐以上项目并提交补正；只能修改以上项目，逾期视为放弃申报。",
              "Correct all of these items and send the supplement by \(DateText.long($0, in: .en)); only these items can be changed, and a late file counts as withdrawn.")
        } : nil
        numberLabel = t("受理号", "Acceptance number")
        number = acceptance?.number
        paper = acceptance == nil ? nil : (schedule?.text.text(in: language)
            ?? t("纸质材料报送时间将另行通知，届时请携带受理号。", "The time to bring the printed files will be announced; bring your acceptance number."))
        paperReceived = acceptance?.paperReceivedAt.map { t("纸质材料已于\(ShanghaiTime.clockText($0))收到。", "Printed files received on \(ShanghaiTime.clockText($0)).") }
    }
}
