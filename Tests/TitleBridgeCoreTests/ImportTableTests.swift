import Foundation
import Testing
import TitleBridgeCore

@Suite("CSV imports — reading spreadsheets and pointing at problems")
struct ImportTableTests {
    static let header = CatalogueTable.columns.joined(separator: ",")
    static let good = "acca-fcca,ACCA资深会员证书,ACCA Fellowship,FCCA,英国特许公认会计师公会,ACCA,英国,United Kingdom,financeManagement,accounting,associateSenior,A;B;C,official"

    static func table(_ lines: [String]) throws -> CSVTable {
        try CSVTable.parse(Data(lines.joined(separator: "\r\n").utf8))
    }

    @Test("Quotes, embedded commas and line breaks, a BOM, LF or CRLF")
    func parsing() throws {
        let text = "\u{FEFF}a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",z\n"
        let table = try CSVTable.parse(Data(text.utf8))
        #expect(table.header == ["a", "b", "c"])
        #expect(table.records.map(\.fields) == [["1", "x, y", "say \"hi\""], ["2", "two\nlines", "z"]])
        #expect(table.records.map(\.line) == [2, 3])
        #expect(String(decoding: CSVTable.write(header: ["a"], rows: [["x, \"y\""]]), as: UTF8.self) == "\u{FEFF}a\r\n\"x, \"\"y\"\"\"\r\n")
    }

    @Test("A GBK file from a spreadsheet is recognised and refused with what to do")
    func gbk() {
        let bytes: [UInt8] = [99, 111, 100, 101, 44, 110, 97, 109, 101, 95, 122, 104, 13, 10, 120, 44, 187, 225, 188, 198, 202, 166, 13, 10]
        #expect(throws: TableProblem(line: nil, column: nil, TextEncodingGuess.gbk.refusal)) {
            try CSVTable.parse(Data(bytes))
        }
        #expect(TextEncodingGuess.guess([0xFF, 0xFE, 0x00]) == .unknown)
    }

    struct Row: Sendable, CustomTestStringConvertible {
        let name: String
        let lines: [String]
        let line: Int?
        let column: String?
        var testDescription: String { name }
    }

    @Test("Catalogue rows: each problem named by line and column", arguments: [
        Row(name: "missing column", lines: ["code,name_zh", "x,y"], line: 1, column: "name_en"),
        Row(name: "duplicate code", lines: [header, good, good], line: 3, column: "code"),
        Row(name: "unknown field", lines: [header, good.replacingOccurrences(of: "financeManagement", with: "astrology")], line: 2, column: "field"),
        Row(name: "unknown level", lines: [header, good.replacingOccurrences(of: "associateSenior", with: "senior")], line: 2, column: "levels"),
        Row(name: "not class C", lines: [header, good.replacingOccurrences(of: "A;B;C", with: "A;B")], line: 2, column: "classes"),
        Row(name: "empty name", lines: [header, good.replacingOccurrences(of: "ACCA资深会员证书", with: "")], line: 2, column: "name_zh"),
        Row(name: "short line", lines: [header, "x,y"], line: 2, column: nil),
        Row(name: "header only", lines: [header], line: nil, column: nil),
    ])
    func catalogueProblems(row: Row) throws {
        let table = try Self.table(row.lines)
        do {
            _ = try CatalogueTable.items(from: table, admittedClass: "C")
            Issue.record("\(row.name) was accepted")
        } catch {
            #expect(error.line == row.line)
            #expect(error.column == row.column)
            if let line = row.line { #expect(error.located.zh.hasPrefix("第 \(line) 行")) }
        }
    }

    @Test("A good catalogue row becomes an item; Chinese names are accepted for codes")
    func catalogueItem() throws {
        let chinese = Self.good.replacingOccurrences(of: "financeManagement", with: "金融与管理")
            .replacingOccurrences(of: "accounting", with: "会计")
        let items = try CatalogueTable.items(from: try Self.table([Self.header, chinese]), admittedClass: "C")
        #expect(items.count == 1)
        #expect(items[0].field == .financeManagement)
        #expect(items[0].titleSeries == .accounting)
        #expect(items[0].levels == [.associateSenior])
        #expect(items[0].classes == ["A", "B", "C"])
        let again = try CatalogueTable.items(from: try CSVTable.parse(
            CSVTable.write(header: CatalogueTable.columns, rows: CatalogueTable.rows(items))), admittedClass: "C")
        #expect(again == items, "export then import gives the same items")
    }

    @Test("Platform results: unknown item, repeated number, a pass date in the future")
    func verificationResults() throws {
        let header = VerificationResultsTable.columns.joined(separator: ",")
        let row = "CV2024-000001,acca-fcca,1234567,CHEN Siyuan,11010519491231002X,2024-08-30"
        let today = LocalDate(iso: "2024-09-10")!
        let ok = try VerificationResultsTable.results(from: try Self.table([header, row]), knownCodes: ["acca-fcca"], today: today)
        #expect(ok.first?.passedOn == LocalDate(iso: "2024-08-30"))
        let cases: [([String], Int, String)] = [
            ([header, row.replacingOccurrences(of: "acca-fcca", with: "cfa")], 2, "certificate_code"),
            ([header, row, row], 3, "verification_number"),
            ([header, row.replacingOccurrences(of: "2024-08-30", with: "2024-09-11")], 2, "passed_on"),
            ([header, row.replacingOccurrences(of: "2024-08-30", with: "2024-02-30")], 2, "passed_on"),
        ]
        for (lines, line, column) in cases {
            let table = try Self.table(lines)
            do {
                _ = try VerificationResultsTable.results(from: table, knownCodes: ["acca-fcca"], today: today)
                Issue.record("line \(line) was accepted")
            } catch {
                #expect(error.line == line)
                #expect(error.column == column)
            }
        }
    }

    @Test("Verification: numbers, and an expired certificate cannot pass")
    func verificationRules() {
        #expect(VerificationRules.number(year: 2024, sequence: 42) == "CV2024-000042")
        let day = LocalDate(iso: "2024-08-20")!
        #expect(VerificationRules.passProblem(expiresOn: LocalDate(iso: "2024-08-19"), on: day) != nil)
        #expect(VerificationRules.passProblem(expiresOn: day, on: day) == nil, "valid through its last day")
        #expect(VerificationRules.passProblem(expiresOn: nil, on: day) == nil)
        #expect(VerificationRules.requestProblem(issuedOn: LocalDate(iso: "2024-08-21")!, expiresOn: nil, today: day)?.field == "issuedOn")
        #expect(VerificationRules.requestProblem(issuedOn: LocalDate(iso: "2020-01-01")!, expiresOn: LocalDate(iso: "2019-12-31"), today: day)?.field == "expiresOn")
    }
}
