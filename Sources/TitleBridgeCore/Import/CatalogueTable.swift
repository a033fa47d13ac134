/// The certificate catalogue as a CSV table, for `titlebridge catalogue import|export` and
/// the admin page. One row per item; lists inside a cell are separated by `;`.
public enum CatalogueTable {
    public static let columns = ["code", "name_zh", "name_en", "abbreviation", "issuer_zh", "issuer_en",
                                 "country_zh", "country_en", "field", "title_series", "levels", "classes", "evidence"]

    /// Every row checked; the first problem refuses the whole table. `admittedClass` is the
    /// class of item the current batch admits (二: C 类), from its policy.
    public static func items(from table: CSVTable, admittedClass: String) throws(TableProblem) -> [CertificateItem] {
        let reader = try table.reader(requiring: columns)
        var items: [CertificateItem] = []
        var lineOfCode: [String: Int] = [:]
        for record in table.records {
            let code = try reader.required("code", in: record).lowercased()
            guard code.count <= 40, code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_") }) else {
                throw TableProblem(line: record.line, column: "code", LocalizedText(
                    zh: "编码只能由字母、数字和 - . _ 组成，不超过40位。", en: "A code has at most 40 letters, digits, - . or _."))
            }
            if let earlier = lineOfCode[code] {
                throw TableProblem(line: record.line, column: "code", LocalizedText(
                    zh: "编码“\(code)”与第 \(earlier) 行重复。", en: "The code “\(code)” is already used on line \(earlier)."))
            }
            lineOfCode[code] = record.line
            let field = try choice("field", in: record, reader: reader, CertificateField.allCases, name: \.name)
            let series = try choice("title_series", in: record, reader: reader, TitleSeries.allCases, name: \.name)
            let levels = try list("levels", in: record, reader: reader).map { (text: String) throws(TableProblem) -> TitleLevel in
                try match(text, column: "levels", line: record.line, TitleLevel.allCases, name: \.name)
            }
            let classes = try list("classes", in: record, reader: reader).map { $0.uppercased() }
            guard classes.contains(admittedClass) else {
                throw TableProblem(line: record.line, column: "classes", LocalizedText(
                    zh: "只有\(admittedClass)类项目可以申报职称考核认定，该项目不含\(admittedClass)类。",
                    en: "Only class \(admittedClass) items lead to a title; this item is not in class \(admittedClass)."))
            }
            let evidenceText = try reader.value("evidence", in: record)
            let evidence: CertificateItem.Evidence
            if evidenceText.isEmpty {
                evidence = .official
            } else {
                guard let value = CertificateItem.Evidence(rawValue: evidenceText) else {
                    throw TableProblem(line: record.line, column: "evidence", LocalizedText(
                        zh: "应为 official 或 secondary。", en: "Must be official or secondary."))
                }
                evidence = value
            }
            let nameZh = try reader.required("name_zh", in: record)
            items.append(CertificateItem(
                id: code, name: LocalizedText(zh: nameZh, en: try reader.value("name_en", in: record).nonEmpty ?? nameZh),
                abbreviation: try reader.value("abbreviation", in: record),
                issuer: LocalizedText(zh: try reader.required("issuer_zh", in: record), en: try reader.value("issuer_en", in: record)),
                countryOrRegion: LocalizedText(zh: try reader.required("country_zh", in: record), en: try reader.value("country_en", in: record)),
                field: field, classes: classes, titleSeries: series, levels: levels, evidence: evidence))
        }
        guard !items.isEmpty else {
            throw TableProblem(line: nil, column: nil, LocalizedText(zh: "文件中没有项目。", en: "The file holds no items."))
        }
        return items
    }

    public static func rows(_ items: [CertificateItem]) -> [[String]] {
        items.map { item in
            [item.id, item.name.zh, item.name.en, item.abbreviation, item.issuer.zh, item.issuer.en,
             item.countryOrRegion.zh, item.countryOrRegion.en, item.field.rawValue, item.titleSeries.rawValue,
             item.levels.map(\.rawValue).joined(separator: ";"), item.classes.joined(separator: ";"), item.evidence.rawValue]
        }
    }

    static func list(_ column: String, in record: CSVTable.Record, reader: CSVReader) throws(TableProblem) -> [String] {
        let values = try reader.required(column, in: record)
            .split(whereSeparator: { $0 == ";" || $0 == "；" || $0 == "|" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !values.isEmpty else {
            throw TableProblem(line: record.line, column: column, LocalizedText(zh: "不能为空。", en: "Must not be empty."))
        }
        return values
    }

    static func choice<T: RawRepresentable & Sendable>(_ column: String, in record: CSVTable.Record, reader: CSVReader, _ all: [T],
                                                       name: KeyPath<T, LocalizedText>) throws(TableProblem) -> T where T.RawValue == String {
        try match(try reader.required(column, in: record), column: column, line: record.line, all, name: name)
    }

    /// The value by its code (`financeManagement`) or its Chinese name (`金融管理`).
    static func match<T: RawRepresentable & Sendable>(_ text: String, column: String, line: Int, _ all: [T],
                                                      name: KeyPath<T, LocalizedText>) throws(TableProblem) -> T where T.RawValue == String {
        if let value = all.first(where: { $0.rawValue.lowercased() == text.lowercased() || $0[keyPath: name].zh == text }) {
            return value
        }
        throw TableProblem(line: line, column: column, LocalizedText(
            zh: "“\(text)”不是可用的值，可用：\(all.map(\.rawValue).joined(separator: "、"))。",
            en: "“\(text)” is not a known value; use one of \(all.map(\.rawValue).joined(separator: ", "))."))
    }
}

extension String {
    /// nil for an empty string, for optional fields read from forms and tables.
    public var nonEmpty: String? { isEmpty ? nil : self }
}
