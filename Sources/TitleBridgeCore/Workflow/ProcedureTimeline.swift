/// The steps of 四 (考核认定程序) for one batch, with the dates its policy fixes, as the home
/// page and the applicant's status page show them.
public struct ProcedureTimeline: Sendable {
    public enum Timing: String, Sendable {
        case past, current, upcoming, undated
    }

    public struct Step: Sendable, Identifiable {
        public let id: String
        public let title: LocalizedText
        public let detail: LocalizedText
        public let citation: String
        /// The first and last day the step is bound to, when the notice fixes them.
        public let from: LocalDate?
        public let to: LocalDate?
        public let timing: Timing
    }

    public let steps: [Step]
    /// Whether a date shown rests on a year without an official holiday notice.
    public let provisional: Bool

    /// Builds the timeline of `policy`, marking each dated step past, current or upcoming
    /// as seen on `today` (Asia/Shanghai).
    public init(policy: BatchPolicy, calendar: WorkingDayCalendar, today: LocalDate) {
        let d = policy.dates, t = policy.thresholds
        let publicityDays = t.unitPublicityWorkingDays.value
        let latestPublicity = calendar.latestStart(endingBy: d.submissionCloses.value, count: publicityDays)
        let windowWorkingDays = calendar.workingDays(from: d.submissionOpens.value, through: d.submissionCloses.value)
        provisional = latestPublicity.provisional || windowWorkingDays.provisional

        func timing(_ from: LocalDate?, _ to: LocalDate?) -> Timing {
            guard let to else { return .undated }
            if today > to { return .past }
            if let from, today < from { return .upcoming }
            return .current
        }
        func step(_ id: String, _ citation: String, from: LocalDate? = nil, to: LocalDate? = nil,
                  _ title: LocalizedText, _ detail: LocalizedText) -> Step {
            Step(id: id, title: title, detail: detail, citation: citation, from: from, to: to, timing: timing(from, to))
        }
        let cutoff = d.verificationCutoff.value, opens = d.submissionOpens.value, closes = d.submissionCloses.value
        let zhCutoff = DateText.long(cutoff, in: .zh), enCutoff = DateText.long(cutoff, in: .en)
        let zhLatest = DateText.withWeekday(latestPublicity.value, in: .zh)
        let enLatest = DateText.withWeekday(latestPublicity.value, in: .en)
        let experience = d.experienceCutoff.value

        steps = [
            step("verification", d.verificationCutoff.citation, to: cutoff,
                 LocalizedText(zh: "证书查验", en: "Certificate verification"),
                 LocalizedText(
                    zh: "在上海市境外职业资格证书查询验证服务平台完成证书查验。本批次只受理\(zhCutoff)前（含当日）通过查验的持证人员。",
                    en: "The holder has the certificate verified on the Shanghai overseas qualification verification platform. This batch admits holders whose verification passed on or before \(enCutoff).")),
            step("online-application", "四(二)",
                 LocalizedText(zh: "网上申报", en: "Online application"),
                 LocalizedText(
                    zh: "选择认定委员会，在线填写申报信息，并提交本人专业技术工作总结（不少于\(t.workSummaryMinimumZi.value)字）。工作经历计算截至\(DateText.long(experience, in: .zh))。",
                    en: "The applicant chooses the recognition committee, fills in the application online and submits a summary of their professional work (at least \(t.workSummaryMinimumZi.value) 字). Work experience is counted up to \(DateText.long(experience, in: .en)).")),
            step("unit-review", "四(三)",
                 LocalizedText(zh: "单位审核", en: "Employer review"),
                 LocalizedText(
                    zh: "生成并下载《上海市专业技术人员职称考核认定表》，打印\(t.formPrintCopies.value)份并在个人承诺栏签名；用人单位填写《所在单位核实意见》。事业单位工作人员还须由主管部门确认岗位情况。",
                    en: "The applicant generates and downloads the Shanghai assessment form, prints \(t.formPrintCopies.value) copies and signs the personal commitment; the employer writes its verification opinion. Staff of public institutions also need their supervising department to confirm the post situation.")),
            // A unit can post a file only once the notice is out; before, the step is still to come.
            step("unit-publicity", t.unitPublicityWorkingDays.citation, from: policy.notice.issuedOn, to: latestPublicity.value,
                 LocalizedText(zh: "单位内部公示", en: "Publicity within the employer"),
                 LocalizedText(
                    zh: "用人单位在本单位内部公示申报材料，公示期不少于\(publicityDays)个工作日。要在上报截止前完成，最迟应于\(zhLatest)开始公示。",
                    en: "The employer posts the application within the unit for at least \(publicityDays) working days. To finish before the submission deadline it must start by \(enLatest) at the latest.")),
            step("submission", d.submissionCloses.citation, from: opens, to: closes,
                 LocalizedText(zh: "材料上报", en: "Submission"),
                 LocalizedText(
                    zh: "\(DateText.range(opens, closes, in: .zh))（共\(windowWorkingDays.value)个工作日）完成所有申报材料的上报，含签名的个人承诺和加盖公章的所在单位核实意见。逾期将无法参加本次考核认定。",
                    en: "All materials are submitted from \(DateText.range(opens, closes, in: .en)) (\(windowWorkingDays.value) working days), including the signed commitment and the sealed employer opinion. Late submissions cannot take part in this batch.")),
            step("acceptance-review", "四(五)",
                 LocalizedText(zh: "受理审核", en: "Acceptance review"),
                 LocalizedText(
                    zh: "市人社局会同行业主管部门进行资格审核。材料齐全的予以受理并分配受理号；需补正的，申报人应一次性补齐，逾期未补充完善的视为放弃申报。受理后信息只能查看、不能修改，凭受理号报送书面材料。",
                    en: "The bureau and the industry authorities check eligibility. A complete application is accepted and given an acceptance number; if anything is missing the applicant is told once and must supply it all at once, or the application is treated as withdrawn. After acceptance the file is read-only; send the paper materials quoting the acceptance number.")),
            step("interview", "四(六)",
                 LocalizedText(zh: "面谈答辩", en: "Interview"),
                 LocalizedText(
                    zh: "认定委员会结合证书情况和申报材料与申报人面谈答辩，提出考核认定意见并投票表决。",
                    en: "The committee interviews the applicant on the certificate and materials, gives its opinion and votes.")),
            step("result-publicity", "四(七)",
                 LocalizedText(zh: "结果公示", en: "Result publicity"),
                 LocalizedText(
                    zh: "通过认定的人员名单在系统中公示。",
                    en: "The names of those recognised are published in the system.")),
            step("certificate", "四(八)",
                 LocalizedText(zh: "制作证书", en: "Certificate"),
                 LocalizedText(
                    zh: "公示无异议的，由市人社局制作职称电子证书，可在线查看和下载。",
                    en: "If the publicity raises no objection, the bureau issues an electronic title certificate that the holder can view and download online.")),
        ]
    }
}
