import TitleBridgeCore
import TitleBridgeDocuments
import Vapor

/// 导出 — every list the bureau works with, as it takes them out of the system.
enum ExportKind: String, CaseIterable, Sendable {
    /// 受理清单 — accepted files with their acceptance numbers.
    case accepted
    /// 纸质材料接收 — the paper files received.
    case paperReceipts = "paper-receipts"
    /// 面谈答辩安排 — the interview schedule.
    case interviews
    /// 结果公示名单 — the result lists.
    case results
    /// 异议 — the objections and their rulings. The objector's contact is not exported: it is
    /// sealed personal data, kept to answer the objector, and opened only on the desk.
    case objections
    /// 已发证书 — the certificates issued.
    case certificates

    var title: LocalizedText {
        switch self {
        case .accepted: LocalizedText(zh: "受理清单", en: "Accepted files")
        case .paperReceipts: LocalizedText(zh: "纸质材料接收", en: "Paper files received")
        case .interviews: LocalizedText(zh: "面谈答辩安排", en: "Interview schedule")
        case .results: LocalizedText(zh: "结果公示名单", en: "Result lists")
        case .objections: LocalizedText(zh: "异议及处理", en: "Objections and rulings")
        case .certificates: LocalizedText(zh: "已发职称证书", en: "Certificates issued")
        }
    }

    /// Headings with their widths and kinds, in the language asked for.
    func columns(in language: Language) -> [ExportColumn] {
        func text(_ zh: String, _ en: String, _ width: Int, _ kind: ExportColumn.Kind = .text) -> ExportColumn {
            ExportColumn(LocalizedText(zh: zh, en: en).text(in: language), width: width, kind: kind)
        }
        let acceptance = text("受理号", "Acceptance no.", 18), name = text("姓名", "Name", 16)
        let employer = text("工作单位", "Employer", 36)
        switch self {
        case .accepted:
            return [acceptance, text("申报编号", "File no.", 16), name, employer, text("申报系列", "Series", 20),
                    text("申报级别", "Level", 14), text("受理日期", "Accepted on", 12, .date), text("当前状态", "Stage now", 18)]
        case .paperReceipts:
            return [acceptance, name, employer, text("纸质材料接收时间", "Paper file received", 18, .dateTime), text("接收人", "Received by", 16)]
        case .interviews:
            return [acceptance, name, text("专业领域", "Field", 16), text("开始时间", "Starts", 18, .dateTime),
                    text("结束时间", "Ends", 18, .dateTime), text("地点", "Place", 30), text("面谈答辩记录时间", "Interview recorded", 18, .dateTime)]
        case .results:
            return [acceptance, name, employer, text("系列", "Series", 20), text("职称", "Title", 20), text("专业领域", "Field", 16),
                    text("公示开始", "Publicity from", 12, .date), text("公示截止", "Publicity to", 12, .date),
                    text("名单状态", "On the list", 12), text("移出原因", "Reason removed", 30)]
        case .objections:
            return [text("回执号", "Receipt", 18), text("异议对象", "About", 16), text("提出人", "Objector", 16),
                    text("提出时间", "Submitted", 18, .dateTime), text("异议理由", "Reasons", 50), text("证据", "Evidence", 30),
                    text("处理结果", "Outcome", 12), text("处理意见", "Ruling", 40), text("处理时间", "Ruled", 18, .dateTime)]
        case .certificates:
            return [text("证书编号", "Certificate no.", 20), name, text("系列", "Series", 20), text("职称", "Title", 20),
                    text("签发日期", "Issued on", 12, .date), text("发证文号", "Document no.", 22), text("状态", "Status", 10),
                    text("撤销日期", "Revoked on", 12, .date), text("撤销原因", "Reason revoked", 30)]
        }
    }

    /// `受理清单-2024B2.csv`: the list, the batch code, the format.
    func fileName(batchCode: String, format: ExportFormat, in language: Language) -> String {
        title.text(in: language).replacingOccurrences(of: " ", with: "-") + "-" + batchCode + "." + format.rawValue
    }
}

enum ExportFormat: String, CaseIterable, Sendable {
    case csv, xlsx

    var mediaType: HTTPMediaType {
        switch self {
        case .csv: HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        case .xlsx: HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        }
    }
}
