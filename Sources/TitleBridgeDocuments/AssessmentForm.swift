/// 《上海市专业技术人员职称考核认定表》 — the print-ready assessment form of one application:
/// every field of the file, the eligibility result, the personal commitment with its
/// signature line, and the employer-opinion box left blank for the unit. Every page carries
/// its number and the application's id.
public struct AssessmentForm: Sendable {
    public struct Section: Sendable {
        public let heading: String
        public let rows: [(String, String)]

        public init(heading: String, rows: [(String, String)]) {
            self.heading = heading
            self.rows = rows
        }
    }

    public static let title = "上海市专业技术人员职称考核认定表"

    /// 个人承诺 — what the applicant signs (false material leads to revocation and the
    /// credit record, 《职称评审管理暂行规定》).
    public static let commitment = "本人承诺：所填报的信息和提交的材料均真实、准确、完整，本人遵守法律法规，具有良好的职业道德。如有弄虚作假，本人愿意承担相应责任，接受撤销所取得职称并记入职称评审诚信档案库等处理。"

    public let applicationID: String
    public let batchName: String
    public let sections: [Section]
    public let eligibility: [String]
    public let summary: String
    public let summaryCount: String
    public let printedOn: String
    /// 受理号, once the file is accepted: printed in words and as a QR code the bureau scans
    /// when the paper files arrive.
    public let acceptanceNumber: String?

    public init(applicationID: String, batchName: String, sections: [Section], eligibility: [String], summary: String,
                summaryCount: String, printedOn: String, acceptanceNumber: String? = nil) {
        self.acceptanceNumber = acceptanceNumber
        self.applicationID = applicationID
        self.batchName = batchName
        self.sections = sections
        self.eligibility = eligibility
        self.summary = summary
        self.summaryCount = summaryCount
        self.printedOn = printedOn
    }

    public func render() -> [UInt8] {
        var layout = FlowLayout()
        if let acceptanceNumber, let code = try? QRCode(acceptanceNumber) {
            layout.qrCode(code, right: PDFWriter.a4Width - FlowLayout.margin, top: PDFWriter.a4Height - 24, module: 2.5)
        }
        layout.title(Self.title)
        if let acceptanceNumber { layout.paragraph("受理号：\(acceptanceNumber)", size: 10) }
        layout.paragraph(batchName, size: 10)
        layout.paragraph("申报编号：\(applicationID)    打印日期：\(printedOn)", size: 9)
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
        layout.box(title: "申报人签字", lines: [], foot: ["签字：__________________    日期：______年____月____日"], height: 60)
        layout.heading("所在单位核实意见")
        layout.box(title: "（由用人单位填写）",
                   lines: ["申报人履行岗位职责情况：", "申报材料是否真实：", "是否同意申报："],
                   foot: ["单位负责人签字：______________", "单位（盖章）    日期：______年____月____日"], height: 190)
        return layout.finish { page, pages in "第 \(page) 页 / 共 \(pages) 页    申报编号 \(applicationID)" }.render()
    }
}
