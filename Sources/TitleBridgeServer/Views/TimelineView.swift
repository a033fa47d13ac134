import TitleBridgeCore

/// The procedure of 四 as the timeline partial shows it: on the home page for everyone, and
/// on a file's status page with the file's own step marked.
struct TimelineView: Encodable {
    struct Step: Encodable {
        let number: Int
        let id: String
        let title: String
        let detail: String
        let citation: String
        let when: String?
        let timing: String
        let timingLabel: String?
        /// The file shown is at this step.
        let here: Bool
    }

    let heading: String
    let steps: [Step]
    let provisionalNote: String?
    let citationLabel: String
    let hereLabel: String

    /// `applicantViews`: the applicant reads its own file ("your file is here"); staff read the
    /// same mark about the file, not words addressed to the applicant.
    init(_ timeline: ProcedureTimeline, language: Language, here: String?, applicantViews: Bool = true) {
        func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
        heading = t("办理流程", "The procedure")
        steps = timeline.steps.enumerated().map { index, step in
            let when: String? = switch (step.from, step.to) {
            case let (from?, to?): DateText.range(from, to, in: language)
            case let (nil, to?): t("截至", "By ") + DateText.withWeekday(to, in: language)
            default: nil
            }
            let label: String? = switch step.timing {
            case .past: t("已结束", "Closed")
            case .current: t("进行中", "Open now")
            case .upcoming: t("未开始", "Not yet open")
            case .undated: nil
            }
            return Step(number: index + 1, id: step.id, title: step.title.text(in: language),
                        detail: step.detail.text(in: language), citation: step.citation, when: when,
                        timing: step.timing.rawValue, timingLabel: label, here: step.id == here)
        }
        provisionalNote = timeline.provisional
            ? t("部分日期所在年份的节假日安排尚未公布，工作日按周一至周五暂计。",
                "The holiday schedule of a year some dates fall in is not yet published; working days are counted Monday to Friday for now.")
            : nil
        citationLabel = t("通知条款", "Notice clause")
        hereLabel = applicantViews ? t("您的申报在此", "Your file is here") : t("本件在此", "This file is here")
    }
}
