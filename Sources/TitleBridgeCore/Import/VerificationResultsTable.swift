/// One result from the external verification platform's export.
public struct ImportedVerification: Sendable, Equatable {
    public let line: Int
    /// 查验编号 as the platform issued it.
    public let number: String
    public let certificateCode: String
    public let certificateNumber: String
    public let holderName: String
    public let idNumber: String
    public let passedOn: LocalDate
}

/// The verification platform's result list as CSV, so the bureau loads it instead of
/// verifying again: `verification_number, certificate_code, certificate_number, holder_name,
/// id_number, passed_on`.
public enum VerificationResultsTable {
    public static let columns = ["verification_number", "certificate_code", "certificate_number", "holder_name",
                                 "id_number", "passed_on"]

    /// Every row checked against the catalogue's codes and today; the first problem refuses
    /// the whole table.
    public static func results(from table: CSVTable, knownCodes: Set<String>, today: LocalDate) throws(TableProblem) -> [ImportedVerification] {
        let reader = try table.reader(requiring: columns)
        var lineOfNumber: [String: Int] = [:]
        var results: [ImportedVerification] = []
        for record in table.records {
            let number = try reader.required("verification_number", in: record).uppercased()
            guard number.count <= 40 else {
                throw TableProblem(line: record.line, column: "verification_number", LocalizedText(
                    zh: "查验编号过长。", en: "The verification number is too long."))
            }
            if let earlier = lineOfNumber[number] {
                throw TableProblem(line: record.line, column: "verification_number", LocalizedText(
                    zh: "查验编号“\(number)”与第 \(earlier) 行重复。", en: "The verification number “\(number)” is already on line \(earlier)."))
            }
            lineOfNumber[number] = record.line
            let code = try reader.required("certificate_code", in: record).lowercased()
            guard knownCodes.contains(code) else {
                throw TableProblem(line: record.line, column: "certificate_code", LocalizedText(
                    zh: "证书项目“\(code)”不在清单中。", en: "The certificate item “\(code)” is not on the list."))
            }
            let idNumber = String(try reader.required("id_number", in: record).filter { !$0.isWhitespace }.uppercased())
            guard (6...32).contains(idNumber.count), idNumber.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                throw TableProblem(line: record.line, column: "id_number", LocalizedText(
                    zh: "证件号码应为6–32位字母或数字。", en: "An ID number has 6–32 letters or digits."))
            }
            guard let passedOn = try reader.date("passed_on", in: record) else { continue }
            guard passedOn <= today else {
                throw TableProblem(line: record.line, column: "passed_on", LocalizedText(
                    zh: "通过日期不能晚于今天。", en: "The pass date cannot be after today."))
            }
            results.append(ImportedVerification(
                line: record.line, number: number, certificateCode: code,
                certificateNumber: try reader.required("certificate_number", in: record),
                holderName: try reader.required("holder_name", in: record), idNumber: idNumber, passedOn: passedOn))
        }
        guard !results.isEmpty else {
            throw TableProblem(line: nil, column: nil, LocalizedText(zh: "文件中没有查验结果。", en: "The file holds no results."))
        }
        return results
    }
}
