import TitleBridgeCore

/// 首页 view model: the current batch and its procedure as a timeline.
struct HomePage: Encodable {
    struct Step: Encodable {
        let number: Int
        let id: String
        let title: String
        let detail: String
        let citation: String
        let when: String?
        let timing: String
        let timingLabel: String?
    }

    struct Fact: Encodable {
        let label: String
        let value: String
        let citation: String
    }

    let chrome: PageChrome
    let heading: String
    let lead: String
    let notice: String
    let todayLabel: String
    let factsHeading: String
    let facts: [Fact]
    let timelineHeading: String
    let steps: [Step]
    let provisionalNote: String?
    let citationLabel: String

    init(policy: BatchPolicy, calendar: WorkingDayCalendar, today: LocalDate, language: Language, chrome: PageChrome) {
        func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
        let timeline = ProcedureTimeline(policy: policy, calendar: calendar, today: today)
        let d = policy.dates

        self.chrome = chrome
        self.heading = policy.name.text(in: language)
        self.lead = t(
            "在本市合法工作的《上海市境外职业资格证书认可清单》C类项目持证人员，可申报认定相关系列（专业）相应层级职称。本系统为申报人、用人单位、主管部门、市人社局和认定委员会办理全部流程。",
            "Holders of a C-class item of the Shanghai list of recognised overseas professional qualifications who work legally in Shanghai may apply for recognition of a professional title of the matching series and level. This service runs the whole procedure for applicants, employers, supervising departments, the bureau and the committee.")
        self.notice = t("依据：《\(policy.notice.title.zh)》（\(policy.notice.document)），\(DateText.long(policy.notice.issuedOn, in: .zh))。",
                        "Under the \(policy.notice.issuer.en)'s \(policy.notice.title.en) (\(policy.notice.document)), \(DateText.long(policy.notice.issuedOn, in: .en)).")
        self.todayLabel = t("今天（上海时间）：", "Today (Shanghai time): ") + DateText.withWeekday(today, in: language)
        self.factsHeading = t("本批次关键日期", "Key dates of this batch")
        self.facts = [
            Fact(label: t("证书查验截止", "Certificate verification cut-off"),
                 value: DateText.withWeekday(d.verificationCutoff.value, in: language), citation: d.verificationCutoff.citation),
            Fact(label: t("材料上报时间", "Submission window"),
                 value: DateText.range(d.submissionOpens.value, d.submissionCloses.value, in: language), citation: d.submissionCloses.citation),
            Fact(label: t("工作经历计算截至", "Work experience counted up to"),
                 value: DateText.withWeekday(d.experienceCutoff.value, in: language), citation: d.experienceCutoff.citation),
        ]
        self.timelineHeading = t("办理流程", "The procedure")
        self.steps = timeline.steps.enumerated().map { index, step in
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
                        timing: step.timing.rawValue, timingLabel: label)
        }
        self.provisionalNote = timeline.provisional
            ? t("部分日期所在年份的节假日安排尚未公布，工作日按周一至周五暂计。",
                "The holiday schedule of a year some dates fall in is not yet published; working days are counted Monday to Friday for now.")
            : nil
        self.citationLabel = t("通知条款", "Notice clause")
    }
}
