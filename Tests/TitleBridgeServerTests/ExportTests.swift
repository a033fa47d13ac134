import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

/// 导出 — every list the bureau works with leaves the system as CSV and as a real workbook with
/// the same rows: the CSV with its byte-order mark, the workbook read back by openpyxl (Python's
/// spreadsheet library, installed by the test script) with its sheet, styled header, widths,
/// Chinese intact and dates as dates; a value typed as a formula stays text in both.
@Suite("Exports — CSV and XLSX of every list, read back")
struct ExportTests {
    /// openpyxl's Python, when the test script could install it.
    static let python = ProcessInfo.processInfo.environment["TITLEBRIDGE_TEST_OPENPYXL"]

    /// What openpyxl finds in a workbook: the sheet, every row as text (dates as `YYYY-MM-DD`,
    /// instants as `YYYY-MM-DD HH:MM`), which cells are dates, the header's font and the widths.
    struct Read: Decodable {
        let sheets: [String]
        let rows: [[String]]
        let dateColumns: [Int]
        let headerBold: Bool
        let widths: [Double]
        let frozen: String?
        let types: [String]
    }

    static let reader = #"""
        import json, sys, datetime, openpyxl
        book = openpyxl.load_workbook(sys.argv[1])
        sheet = book.active
        def text(cell):
            v = cell.value
            if v is None: return ""
            if isinstance(v, datetime.datetime):
                return v.strftime("%Y-%m-%d") if (v.hour, v.minute, v.second) == (0, 0, 0) and cell.number_format == "yyyy-mm-dd" else v.strftime("%Y-%m-%d %H:%M")
            return str(v)
        rows = [[text(c) for c in row] for row in sheet.iter_rows()]
        dates = sorted({c.column - 1 for row in sheet.iter_rows(min_row=2) for c in row if c.is_date})
        widths = [sheet.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width for i in range(sheet.max_column)]
        types = sorted({c.data_type for row in sheet.iter_rows(min_row=2) for c in row if c.value is not None})
        print(json.dumps({"sheets": book.sheetnames, "rows": rows, "dateColumns": dates,
                          "headerBold": all(c.font.b for c in sheet[1]), "widths": widths,
                          "frozen": sheet.freeze_panes, "types": types}, ensure_ascii=False))
        """#

    static func openpyxl(_ workbook: Data) throws -> Read {
        let python = try #require(python, "scripts/test installs openpyxl")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("export.xlsx"), script = folder.appendingPathComponent("read.py")
        try workbook.write(to: file)
        try Data(reader.utf8).write(to: script)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script.path, file.path]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "openpyxl could not read the workbook: \(problem)")
        return try JSONDecoder().decode(Read.self, from: data)
    }

    static func download(_ app: Application, _ browser: Browser, _ path: String) async throws -> (HTTPStatus, HTTPHeaders, Data) {
        var result: (HTTPStatus, HTTPHeaders, Data) = (.internalServerError, [:], Data())
        try await app.testing().test(.GET, path, beforeRequest: { browser.prepare(&$0) }) { res in
            result = (res.status, res.headers, Data(buffer: res.body))
        }
        return result
    }

    @Test("Every list as CSV (byte-order mark, the list's rows) and as a workbook with the same rows, in both languages",
          .enabled(if: python != nil || ProcessInfo.processInfo.environment["CI"] == "true"))
    func everyListBothWays() async throws {
        try await withTestApp(.sqlite, clock: shanghaiNoon("2024-10-28"), demoFiles: true) { app in
            let policy = try app.domain.currentPolicy
            let bureau = try await signInBrowser(app, "bureau1")
            // A reason typed as a formula, as anyone can type into the public objection form.
            let formula = #"=HYPERLINK("http://evil.example/","查看")"#
            let objection = try #require(try await ObjectionRecord.query(on: app.db).sort(\.$submittedAt).first())
            objection.reasons = formula
            try await objection.save(on: app.db)
            for language in [Language.zh, .en] {
                let source = try ExportSource(database: app.db, batch: policy.id, language: language)
                for kind in ExportKind.allCases {
                    let expected = try await source.count(kind)
                    #expect(expected > 0, "the demo has rows for \(kind)")
                    let columns = kind.columns(in: language)
                    let (status, headers, csv) = try await Self.download(app, bureau, "/bureau/exports/\(kind.rawValue)/csv?lang=\(language.rawValue)")
                    #expect(status == .ok)
                    #expect(headers.contentType?.subType == "csv")
                    #expect(headers.first(name: .contentDisposition)?.contains("filename*=UTF-8''") == true)
                    #expect(csv.starts(with: [0xEF, 0xBB, 0xBF]), "UTF-8 with its byte-order mark")
                    let table = try CSVTable.parse(csv)
                    #expect(table.header == columns.map(\.heading))
                    #expect(table.records.count == expected)

                    let (xlsxStatus, xlsxHeaders, workbook) = try await Self.download(app, bureau, "/bureau/exports/\(kind.rawValue)/xlsx?lang=\(language.rawValue)")
                    #expect(xlsxStatus == .ok)
                    #expect(xlsxHeaders.contentType?.subType == "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                    let read = try Self.openpyxl(workbook)
                    #expect(read.sheets == [kind.title.text(in: language)])
                    #expect(read.rows.first == columns.map(\.heading))
                    #expect(read.headerBold && read.frozen == "A2")
                    #expect(read.widths == columns.map { Double($0.width) })
                    // The same rows as the CSV, cell for cell (the CSV's formula mark aside).
                    let csvRows = table.records.map { $0.fields.map(CSVTable.restored) }
                    #expect(Array(read.rows.dropFirst()).map { $0 + Array(repeating: "", count: max(0, columns.count - $0.count)) } == csvRows)
                    let dated = columns.indices.filter { columns[$0].kind == .date || columns[$0].kind == .dateTime }
                    #expect(Set(read.dateColumns).isSubset(of: Set(dated)))
                    #expect(!read.types.contains("f"), "no cell of \(kind) is a formula")
                }
            }
            // Chinese intact and dates as dates: the certificates list holds the holder's name and the day of issue.
            let certificate = try #require(try await CertificateRecord.query(on: app.db).sort(\.$number).first())
            let (_, _, workbook) = try await Self.download(app, bureau, "/bureau/exports/certificates/xlsx?lang=zh")
            let read = try Self.openpyxl(workbook)
            let row = try #require(read.rows.first { $0.first == certificate.number })
            #expect(row[1] == certificate.certificate?.holderName)
            #expect(row[1].unicodeScalars.contains { $0.value >= 0x4E00 })
            #expect(row[4] == ShanghaiTime.date(of: certificate.issuedAt).iso)
            #expect(read.dateColumns.contains(4))
            // The formula: inert text in both.
            let (_, _, csv) = try await Self.download(app, bureau, "/bureau/exports/objections/csv?lang=zh")
            let table = try CSVTable.parse(csv)
            #expect(table.records.contains { $0.fields.contains("'" + formula) })
            #expect(!table.records.contains { $0.fields.contains(formula) })
            let (_, _, objections) = try await Self.download(app, bureau, "/bureau/exports/objections/xlsx?lang=zh")
            let sheet = try Self.openpyxl(objections)
            #expect(sheet.rows.contains { $0.contains(formula) })
            #expect(!sheet.types.contains("f"))
        }
    }

    @Test("Only the bureau takes lists out; an unknown list or format is not found")
    func onlyTheBureau() async throws {
        try await withTestApp(.sqlite, demo: true) { app in
            let employer = try await signInBrowser(app, "employer1")
            let (refused, _, _) = try await Self.download(app, employer, "/bureau/exports/accepted/csv")
            #expect(refused == .forbidden)
            let bureau = try await signInBrowser(app, "bureau1")
            let (unknown, _, _) = try await Self.download(app, bureau, "/bureau/exports/passwords/csv")
            #expect(unknown == .notFound)
            let (format, _, _) = try await Self.download(app, bureau, "/bureau/exports/accepted/pdf")
            #expect(format == .notFound)
            let (empty, _, csv) = try await Self.download(app, bureau, "/bureau/exports/accepted/csv")
            #expect(empty == .ok)
            #expect(try CSVTable.parse(csv).records.isEmpty, "a list with no rows is its header alone")
        }
    }
}
