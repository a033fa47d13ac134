/// 《专业技术职务聘任表》 — the form a unit fills in when it appoints a junior title itself
/// (四, first paragraph; 沪人社专〔2017〕109号): who, on what degree, work and certificate,
/// which post and term, the conditions checked, and the unit's opinion with its stamp. It is
/// the proof of the title held when the holder later applies one level higher, so it is set a
/// little tighter than the assessment form to stay on one sheet, the opinion inside its box.
public struct AppointmentForm: Sendable {
    public static let title = "专业技术职务聘任表"

    public let number: String
    public let unitName: String
    public let sections: [AssessmentForm.Section]
    public let conditions: [String]
    public let opinion: String
    public let printedOn: String

    public init(number: String, unitName: String, sections: [AssessmentForm.Section], conditions: [String], opinion: String,
                printedOn: String) {
        self.number = number
        self.unitName = unitName
        self.sections = sections
        self.conditions = conditions
        self.opinion = opinion
        self.printedOn = printedOn
    }

    public func render() -> [UInt8] {
        var layout = FlowLayout()
        layout.title(Self.title)
        layout.paragraph("聘任单位：\(unitName)", size: 10)
        layout.paragraph("聘任编号：\(number)    打印日期：\(printedOn)", size: 9)
        layout.space(2)
        for section in sections {
            layout.heading(section.heading, size: 10.5)
            layout.table(section.rows, size: 9, labelWidth: 100, leading: 1.4, padding: 3.5)
        }
        layout.heading("聘任条件核对", size: 10.5)
        for line in conditions { layout.paragraph("○ " + line, size: 8.5, indent: 6, leading: 1.45) }
        layout.box(heading: "单位意见", title: "", body: [opinion],
                   foot: ["单位负责人签字：____________    单位（盖章）    日期：______年____月____日"], minimumHeight: 96)
        return layout.finish { page, pages in "第 \(page) 页 / 共 \(pages) 页    聘任编号 \(number)" }.render()
    }
}
