import Foundation
import TitleBridgeCore
import TitleBridgeDocuments

/// The demo's uploads: small, real PDFs laid out by `TitleBridgeDocuments`, one page each, that
/// say what they stand for and, on every page, that they are demo material and prove nothing.
/// Each carries its holder and its purpose, so no two demo uploads are the same bytes.
enum DemoDocuments {
    static let notice = "本文件为 TitleBridge 演示数据，所载人员、单位和编号均为虚构，不是任何真实证件或证明。"
        + " This is TitleBridge demo material: the people, units and numbers are made up; it proves nothing."

    static func page(_ title: String, _ rows: [(String, String)], body: [String] = []) -> Data {
        var layout = FlowLayout()
        layout.title(title, size: 16)
        layout.table(rows, size: 10, labelWidth: 130)
        for paragraph in body { layout.paragraph(paragraph, size: 10.5) }
        layout.space(8)
        layout.paragraph(notice, size: 8.5)
        return Data(layout.finish { page, pages in "演示材料 demo document    第 \(page) 页 / 共 \(pages) 页" }.render())
    }

    /// 境外职业资格证书扫描件.
    static func certificateScan(_ certificate: DemoCertificate, itemName: String) -> Data {
        page("境外职业资格证书（扫描件）", [("证书名称", itemName), ("证书编号", certificate.number), ("持证人", certificate.holder),
                                      ("发证日期", certificate.issuedOn), ("有效期至", certificate.expiresOn ?? "长期有效")])
    }

    /// 学历学位证书, with the recognition of an overseas degree.
    static func degrees(of applicant: DemoApplicant) -> Data {
        page("学历学位证书及学历认证（扫描件）", [("姓名", applicant.name)] + applicant.education.map { degree in
            (degree.awardedOn, "\(degree.school)（\(degree.country)） \(degree.degree.name.zh)，\(degree.discipline.name.zh)"
                + (degree.recognition.map { "；学历认证 \($0)" } ?? ""))
        })
    }

    /// 工作证明: one line per period, as the employers certify them. `note` tells a corrected copy apart.
    static func workProof(of applicant: DemoApplicant, note: String) -> Data {
        page("工作证明", [("姓名", applicant.name), ("说明", note)] + applicant.work.map { job in
            ("\(job.from) 至 \(job.to ?? "今")", "\(job.employer)，\(job.position)")
        }, body: ["兹证明上述人员在我单位从事专业技术工作，情况属实。（单位盖章）"])
    }

    /// 个人承诺 signed on the printed form (四(四)).
    static func commitment(of applicant: DemoApplicant, number: String?) -> Data {
        page("个人承诺", [("申报人", applicant.name), ("申报编号", number ?? "—")], body: [
            "本人承诺所提交的申报材料真实、准确、完整，遵守中华人民共和国宪法和法律法规，具有良好的职业道德，认真履行岗位职责。如有弄虚作假，自愿承担相应责任。",
            "申报人（签字）：\(applicant.name)",
        ])
    }

    /// 所在单位核实意见 with the unit's stamp (四(四)).
    static func unitOpinion(of applicant: DemoApplicant, unitName: String, reviewer: String) -> Data {
        page("所在单位核实意见（盖章）", [("申报人", applicant.name), ("所在单位", unitName), ("审核人", reviewer)], body: [
            "经核实，该同志履行岗位职责情况属实，所提交申报材料真实，同意申报。",
            "\(unitName)（盖章）",
        ])
    }

    /// 公示证明: the posted notice of the unit publicity.
    static func publicityNotice(of applicant: DemoApplicant, unitName: String, startsOn: String, place: String) -> Data {
        page("申报公示", [("公示对象", applicant.name), ("申报职称", applicant.target.series.title(at: applicant.target.level).zh),
                        ("公示开始", startsOn), ("公示地点", place)], body: [
            "根据沪人社专〔2024〕296号通知要求，现将上述人员的申报材料予以公示，公示期不少于5个工作日。如有异议，请向单位人事部门反映。",
            "\(unitName) 人事部门",
        ])
    }
}
