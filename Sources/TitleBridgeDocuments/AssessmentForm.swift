/// 《上海市专业技术人员职称考核认定表》 — the print-ready assessment form of one application:
/// every field of the file, the eligibility result, the personal commitment with its
/// signature line, and the boxes of the employer's opinion, the supervising department's
/// confirmation and the unit publicity — filled with what was recorded online, or left blank
/// to be filled in by hand. Every page carries its number and the file's number.
public struct AssessmentForm: Sendable {
    public struct Section: Sendable {
        public let heading: String
        public let rows: [(String, String)]

        public init(heading: String, rows: [(String, String)]) {
            self.heading = heading
            self.rows = rows
        }
    }

    /// What a reviewer recorded online for one box: the statements, one per line, and who
    /// made them on which day (empty when not yet known). It prints inside the box; signature
    /// and stamp stay by hand.
    public struct Statement: Sendable {
        public let lines: [String]
        public let signedBy: String

        public init(lines: [String], signedBy: String) {
            self.lines = lines
            self.signedBy = signedBy
        }

        var body: [String] { signedBy.isEmpty ? lines : lines + [signedBy] }
    }

    public static let title = "上海市专业技术人员职称考核认定表"

    /// 个人承诺 — what the applicant signs (false material leads to revocation and the
    /// credit record, 《职称评审管理暂行规定》).
    public static let commitment = "本人承诺：所填报的信息和提交的材料均真实、准确、完整，本人遵守法律法规，具有良好的职业道德。如有弄虚作假，本人愿意承担相应责任，接受撤销所取得职称并记入职称评审诚信档案库等处理。"

    /// 申报编号 — the file's short number (`SB2024-000123`), on every page.
    public let fileNumber: String
    public let batchName: String
    public let sections: [Section]
    public let eligibility: [String]
    public let summary: String
    public let summaryCount: String
    public let printedOn: String
    /// 受理号, once the file is accepted: printed in words and as a QR code the bureau scans
    /// when the paper files arrive.
    public let acceptanceNumber: String?
    /// 所在单位核实意见 as the employer recorded it when approving; nil leaves the box to be
    /// filled in by hand.
    public let unitOpinion: Statement?
    /// The supervising department of a public institution: its box (岗位情况确认) is printed
    /// only for files that have one.
    public let supervisingDepartment: String?
    public let postConfirmation: Statement?
    /// 单位公示: dates, place and outcome as the employer recorded them.
    public let publicity: Statement?

    public init(fileNumber: String, batchName: String, sections: [Section], eligibility: [String], summary: String,
                summaryCount: String, printedOn: String, acceptanceNumber: String? = nil, unitOpinion: Statement? = nil,
                supervisingDepartment: String? = nil, postConfirmation: Statement? = nil, publicity: Statement? = nil) {
        self.fileNumber = fileNumber
        self.batchName = batchName
        self.sections = sections
        self.eligibility = eligibility
        self.summary = summary
        self.summaryCount = summaryCount
        self.printedOn = printedOn
        self.acceptanceNumber = acceptanceNumber
        self.unitOpinion = unitOpinion
        self.supervisingDepartment = supervisingDepartment
        self.postConfirmation = postConfirmation
        self.publicity = publicity
    }

    static let blankDate = "______年____月____日"

    public func render() -> [UInt8] {
        var layout = FlowLayout()
        if let acceptanceNumber, let code = try? QRCode(acceptanceNumber) {
            layout.qrCode(code, right: PDFWriter.a4Width - FlowLayout.margin, top: PDFWriter.a4Height - 24, module: 2.5)
        }
        layout.title(Self.title)
        if let acceptanceNumber { layout.paragraph("受理号：\(acceptanceNumber)", size: 10) }
        layout.paragraph(batchName, size: 10)
        layout.paragraph("申报编号：\(fileNumber)    打印日期：\(printedOn)", size: 9)
        layout.space(6)
        for section in sections {
            layout.heading(section.heading)
            layout.table(section.rows.isEmpty ? [("", "（未填写）")] : section.rows)
        }
        layout.heading("资格条件核对")
        for line in eligibility { layout.paragraph("○ " + line, size: 9.5, indent: 6) }
        layout.heading("本人专业技术工作总结（\(summaryCount)）")
        layout.paragraph(summary.isEmpty ? "（未填写）" : summary, size: 10.5)
        layout.heading("个人承诺")
        layout.paragraph(Self.commitment)
        layout.space(18)
        layout.box(title: "申报人签字", foot: ["签字：__________________    日期：\(Self.blankDate)"], minimumHeight: 60)

        let unitFoot = ["单位负责人签字：______________", "单位（盖章）    日期：\(Self.blankDate)"]
        if let unitOpinion {
            layout.box(heading: "所在单位核实意见", title: "（用人单位网上核实意见）", body: unitOpinion.body,
                       foot: unitFoot, minimumHeight: 150)
        } else {
            layout.box(heading: "所在单位核实意见", title: "（由用人单位填写）",
                       body: ["申报人履行岗位职责情况：", "申报材料是否真实：", "是否同意申报："], bodyLeading: 2.2,
                       foot: unitFoot, minimumHeight: 190)
        }
        if let supervisingDepartment {
            let foot = ["主管部门（盖章）    日期：\(Self.blankDate)"]
            let heading = "主管部门意见（岗位情况确认）"
            if let postConfirmation {
                layout.box(heading: heading, title: supervisingDepartment, body: postConfirmation.body,
                           foot: foot, minimumHeight: 110)
            } else {
                layout.box(heading: heading, title: supervisingDepartment,
                           body: ["是否在专业技术岗位数量和结构比例内：", "是否同意在现有职称基础上申请高一级职称："], bodyLeading: 2.2,
                           foot: foot, minimumHeight: 130)
            }
        }
        let publicityFoot = ["单位（盖章）    日期：\(Self.blankDate)"]
        if let publicity {
            layout.box(heading: "单位公示情况", title: "", body: publicity.body, foot: publicityFoot, minimumHeight: 110)
        } else {
            layout.box(heading: "单位公示情况", title: "（由用人单位填写）",
                       body: ["公示时间：\(Self.blankDate)至\(Self.blankDate)", "公示地点：", "公示结果："], bodyLeading: 2.2,
                       foot: publicityFoot, minimumHeight: 140)
        }
        let footer = "申报编号 \(fileNumber)" + (acceptanceNumber.map { "    受理号 \($0)" } ?? "")
        return layout.finish { page, pages in "第 \(page) 页 / 共 \(pages) 页    \(footer)" }.render()
    }
}
