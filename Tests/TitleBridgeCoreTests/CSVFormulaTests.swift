import Foundation
import Testing
import TitleBridgeCore

@Suite("CSV exports — no cell runs as a formula")
struct CSVFormulaTests {
    struct Cell: Sendable, CustomTestStringConvertible {
        let value: String
        let written: String
        var testDescription: String { value.debugDescription }
    }

    @Test("A cell a spreadsheet would run gets a leading quote; any other is written as it is", arguments: [
        Cell(value: "=HYPERLINK(\"http://evil.example\")", written: "'=HYPERLINK(\"http://evil.example\")"),
        Cell(value: "-1+2", written: "'-1+2"),
        Cell(value: "+86 21 5555 0000", written: "'+86 21 5555 0000"),
        Cell(value: "@SUM(A1:A9)", written: "'@SUM(A1:A9)"),
        Cell(value: "\t=1", written: "'\t=1"),
        Cell(value: "\r=1", written: "'\r=1"),
        Cell(value: "ACCA", written: "ACCA"),
        Cell(value: "a=b-c", written: "a=b-c"),
        Cell(value: "'quoted", written: "'quoted"),
        Cell(value: "", written: ""),
    ])
    func neutralised(_ cell: Cell) {
        #expect(CSVTable.neutralised(cell.value) == cell.written)
    }

    @Test("The writer neutralises every cell, then quotes as RFC 4180 asks")
    func written() {
        let text = String(decoding: CSVTable.write(header: ["a", "b"], rows: [["=1+2", "-1,2"], ["@x", "plain"]]), as: UTF8.self)
        #expect(text == "\u{FEFF}a,b\r\n'=1+2,\"'-1,2\"\r\n'@x,plain\r\n")
    }

    @Test("An exported catalogue imports back to the same items: the quote is taken off again")
    func roundTrip() throws {
        let row = "formula-test,\"=HYPERLINK(\"\"http://evil.example/\"\",\"\"查看\"\")\",-1+2,@FX,+某发证机构,'Issuer,英国,United Kingdom,"
            + "financeManagement,accounting,associateSenior,C,official"
        let items = try CatalogueTable.items(from: try CSVTable.parse(Data([CatalogueTable.columns.joined(separator: ","), row]
            .joined(separator: "\r\n").utf8)), admittedClass: "C")
        #expect(items.first?.name.zh == "=HYPERLINK(\"http://evil.example/\",\"查看\")")
        #expect(items.first?.issuer.en == "'Issuer", "a quote before anything else is part of the value")
        let exported = CSVTable.write(header: CatalogueTable.columns, rows: CatalogueTable.rows(items))
        let cells = try CSVTable.parse(exported).records.flatMap(\.fields)
        let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]
        #expect(cells.allSatisfy { cell in cell.unicodeScalars.first.map { !formulaStarts.contains($0) } ?? true })
        #expect(try CatalogueTable.items(from: try CSVTable.parse(exported), admittedClass: "C") == items)
    }
}
