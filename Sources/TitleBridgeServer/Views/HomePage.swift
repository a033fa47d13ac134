import TitleBridgeCore

/// 首页 view model: the current batch and its procedure as a timeline.
struct HomePage: Encodable {
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
    let timeline: TimelineView

    init(policy: BatchPolicy, calendar: WorkingDayCalendar, today: LocalDate, language: Language, chrome: PageChrome) {
        func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
        let timeline = ProcedureTimeline(policy: policy, calendar: calendar, today: today)
        let d = policy.dates

        self.chrome = chrome
        self.heading = policy.name.text(in: language)
        self.lead = t(
            "在本市合法工作的《上海市境外职业资格证书认可清单》\(policy.certificateList.itemClass)类项目持证人员，可申报认定相关系列（专业）相应层级职称。本系统为申报人、用人单位、主管部门、市人社局和认定委员会办理全部流程。",
            "Holders of a class \(policy.certificateList.itemClass) item of the Shanghai list of recognised overseas professional qualifications who work legally in Shanghai may apply for recognition of a professional title of the matching series and level. This service runs the whole procedure for applicants, employers, supervising departments, the bureau and the committee.")
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
        self.timeline = TimelineView(timeline, language: language, here: nil)
    }
}
