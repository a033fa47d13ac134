import Foundation

/// A CSV file as a spreadsheet saves it (RFC 4180: commas, double quotes, CRLF or LF), read
/// with the line each record starts on so a problem can be pointed at.
public struct CSVTable: Sendable, Equatable {
    public struct Record: Sendable, Equatable {
        /// The file line the record starts on (the header is line 1).
        public let line: Int
        public let fields: [String]
    }

    public let header: [String]
    public let records: [Record]

    /// Reads `data` as UTF-8 (a byte-order mark is skipped). Anything else is refused with the
    /// encoding it most likely is: spreadsheets in China save “CSV” as GBK by default.
    public static func parse(_ data: Data) throws(TableProblem) -> CSVTable {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(data: bytes, encoding: .utf8) else {
            throw TableProblem(line: nil, column: nil, TextEncodingGuess.guess(bytes).refusal)
        }
        var rows: [Record] = []
        var field = ""
        var fields: [String] = []
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var afterQuote = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func endRecord() {
            fields.append(field)
            field = ""
            if !(fields.count == 1 && fields[0].isEmpty) { rows.append(Record(line: recordLine, fields: fields)) }
            fields = []
        }
        while let scalar = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if scalar == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; afterQuote = true; pending = next }
                    } else {
                        inQuotes = false
                    }
                } else {
                    if scalar == "\r" { continue }
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case ",":
                fields.append(field)
                field = ""
                afterQuote = false
            case "\r":
                continue
            case "\n":
                endRecord()
                afterQuote = false
                line += 1
                recordLine = line
            case "\"":
                guard field.isEmpty, !afterQuote else {
                    throw TableProblem(line: line, column: nil, LocalizedText(
                        zh: "引号位置不正确：含逗号或引号的内容须整体放在双引号中。",
                        en: "A quote is out of place: a value with commas or quotes must be quoted as a whole."))
                }
                inQuotes = true
            default:
                if afterQuote, scalar != " " {
                    throw TableProblem(line: line, column: nil, LocalizedText(
                        zh: "引号后不应再有内容。", en: "Nothing may follow a closing quote in the same value."))
                }
                field.unicodeScalars.append(scalar)
            }
        }
        if inQuotes {
            throw TableProblem(line: recordLine, column: nil, LocalizedText(
                zh: "引号没有闭合。", en: "A quoted value is not closed."))
        }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        guard let first = rows.first else {
            throw TableProblem(line: nil, column: nil, LocalizedText(zh: "文件是空的。", en: "The file is empty."))
        }
        return CSVTable(header: first.fields.map { $0.trimmingCharacters(in: .whitespaces) }, records: Array(rows.dropFirst()))
    }

    /// Values of the record by column name, once the header holds every column needed.
    public func reader(requiring columns: [String]) throws(TableProblem) -> CSVReader {
        for column in columns where !header.contains(column) {
            throw TableProblem(line: 1, column: column, LocalizedText(
                zh: "缺少该列。表头应为：\(columns.joined(separator: ","))",
                en: "This column is missing. The header must read: \(columns.joined(separator: ","))"))
        }
        var index: [String: Int] = [:]
        for (position, name) in header.enumerated() where index[name] == nil { index[name] = position }
        return CSVReader(index: index, width: header.count)
    }

    /// Writes rows as CSV (UTF-8 with a byte-order mark so spreadsheets open it as UTF-8).
    /// Every cell passes through `neutralised` first: a table leaves the system only through
    /// `line`, so no export can hand a spreadsheet a formula.
    public static func write(header: [String], rows: [[String]]) -> Data {
        Data((byteOrderMark + ([header] + rows).map(line).joined()).utf8)
    }

    public static let byteOrderMark = "\u{FEFF}"

    /// One record as written: each cell neutralised, quoted when it holds a comma, quote or line
    /// break (RFC 4180), ended by CRLF. Exports written a page at a time use it line by line.
    public static func line(_ cells: [String]) -> String {
        cells.map { cell in
            let value = neutralised(cell)
            return value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
        }.joined(separator: ",") + "\r\n"
    }
}

extension CSVTable {
    /// What makes a spreadsheet take a cell for a formula (`=`, `+`, `-`, `@`), and tab and
    /// carriage return, which some of them skip before looking (OWASP, “CSV injection”).
    public static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// The cell as written: a value that begins with one of `formulaStarts` gets a leading `'`,
    /// which spreadsheets show as text instead of running it. A catalogue name typed as
    /// `=HYPERLINK(…)` or `-1+2` is then read, not evaluated, by whoever opens the export.
    public static func neutralised(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, formulaStarts.contains(first) else { return value }
        return "'" + value
    }

    /// The cell as read back: a `'` directly before one of `formulaStarts` is the mark
    /// `neutralised` added, and is taken off, so an exported table imports with its own values
    /// (a `'` before anything else is kept: it is part of the value).
    public static func restored(_ value: String) -> String {
        let scalars = value.unicodeScalars
        guard scalars.first == "'", let second = scalars.dropFirst().first, formulaStarts.contains(second) else { return value }
        return String(value.dropFirst())
    }
}

/// Reads the fields of one record by column name.
public struct CSVReader: Sendable {
    let index: [String: Int]
    let width: Int

    public func value(_ column: String, in record: CSVTable.Record) throws(TableProblem) -> String {
        guard record.fields.count == width else {
            throw TableProblem(line: record.line, column: nil, LocalizedText(
                zh: "该行有 \(record.fields.count) 列，表头有 \(width) 列。",
                en: "This line has \(EnglishText.count(record.fields.count, "value")); the header has \(EnglishText.count(width, "column"))."))
        }
        guard let position = index[column] else { return "" }
        // Every importer reads through here, so each takes back what `CSVTable.write` exported.
        return CSVTable.restored(record.fields[position]).trimmingCharacters(in: .whitespaces)
    }

    /// A value that must not be empty.
    public func required(_ column: String, in record: CSVTable.Record) throws(TableProblem) -> String {
        let text = try value(column, in: record)
        guard !text.isEmpty else {
            throw TableProblem(line: record.line, column: column, LocalizedText(zh: "不能为空。", en: "Must not be empty."))
        }
        return text
    }

    /// A `YYYY-MM-DD` day (also `YYYY/M/D`, as spreadsheets write dates).
    public func date(_ column: String, in record: CSVTable.Record, required: Bool = true) throws(TableProblem) -> LocalDate? {
        let text = try value(column, in: record)
        if text.isEmpty, !required { return nil }
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "/" }).compactMap { Int($0) }
        guard parts.count == 3, let day = LocalDate(year: parts[0], month: parts[1], day: parts[2]) else {
            throw TableProblem(line: record.line, column: column, LocalizedText(
                zh: "“\(text)”不是日期，应写作 2024-08-31。", en: "“\(text)” is not a date; write it as 2024-08-31."))
        }
        return day
    }
}
