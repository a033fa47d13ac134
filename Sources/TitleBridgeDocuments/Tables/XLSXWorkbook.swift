import Foundation
import TitleBridgeCore
import ZIPFoundation

/// A list as a real Excel workbook (Office Open XML, ECMA-376), one sheet, written row by row
/// to a file so a list of 100,000 rows never sits in memory whole.
///
/// The header row is bold on a grey fill and frozen; each column has its width; dates are
/// numbers with a date format (so the spreadsheet sorts and filters them as dates), instants the
/// same with the time. Text is written as inline strings: a cell typed `=…` stays text, never a
/// formula. The parts are zipped with ZIPFoundation.
public final class XLSXWorkbook {
    private let folder: URL
    private let sheet: FileHandle
    private let columns: [ExportColumn]
    private let sheetName: String
    private var row = 1
    private var buffer = ""

    /// Starts a workbook whose sheet is called `sheetName` (at most 31 characters, as Excel
    /// allows) with `columns` as its header row.
    public init(sheetName: String, columns: [ExportColumn]) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-" + UUID().uuidString, isDirectory: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("xl/worksheets"), withIntermediateDirectories: true)
        let sheetURL = folder.appendingPathComponent("xl/worksheets/sheet1.xml")
        guard FileManager.default.createFile(atPath: sheetURL.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: sheetURL.path])
        }
        sheet = try FileHandle(forWritingTo: sheetURL)
        self.columns = columns
        self.sheetName = String(sheetName.filter { !"[]:*?/\\".contains($0) }.prefix(31))
        var head = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
            + #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
            + #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#
            + "<cols>"
        for (index, column) in columns.enumerated() {
            head += #"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(column.width)" customWidth="1"/>"#
        }
        head += "</cols><sheetData>"
        buffer = head
        append(columns.map { ExportCell.text($0.heading) }, style: Style.header)
    }

    deinit {
        try? sheet.close()
        try? FileManager.default.removeItem(at: folder)
    }

    /// Rows written so far, the header not counted.
    public var rowCount: Int { row - 2 }

    public func append(_ cells: [ExportCell]) throws {
        append(cells, style: nil)
        if buffer.utf8.count > 1 << 16 { try flush() }
    }

    /// Closes the sheet and zips the workbook to `url` (replacing a file there).
    public func finish(to url: URL) throws {
        buffer += "</sheetData>"
        buffer += #"<autoFilter ref="A1:\#(Self.column(columns.count - 1))\#(max(row - 1, 1))"/>"#
        buffer += "</worksheet>"
        try flush()
        try sheet.close()
        let parts: [(String, String)] = [
            ("[Content_Types].xml", Self.contentTypes),
            ("_rels/.rels", Self.rootRelationships),
            ("xl/workbook.xml", Self.workbook(sheetName: sheetName)),
            ("xl/_rels/workbook.xml.rels", Self.workbookRelationships),
            ("xl/styles.xml", Self.styles),
        ]
        for (path, text) in parts {
            let partURL = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: partURL.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: partURL)
        }
        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        for path in parts.map(\.0) + ["xl/worksheets/sheet1.xml"] {
            try archive.addEntry(with: path, relativeTo: folder, compressionMethod: .deflate)
        }
    }

    // MARK: cells

    private enum Style {
        static let header = 1, date = 2, dateTime = 3
    }

    private func append(_ cells: [ExportCell], style: Int?) {
        buffer += #"<row r="\#(row)">"#
        for (index, cell) in cells.enumerated() {
            let reference = Self.column(index) + String(row)
            let styled = style.map { #" s="\#($0)""# } ?? ""
            switch cell {
            case .text(let value):
                buffer += #"<c r="\#(reference)"\#(styled) t="inlineStr"><is><t xml:space="preserve">\#(Self.escaped(value))</t></is></c>"#
            case .number(let value):
                buffer += #"<c r="\#(reference)"\#(styled)><v>\#(value)</v></c>"#
            case .date(let value):
                buffer += #"<c r="\#(reference)" s="\#(Style.date)"><v>\#(value.dayNumber + Self.excelEpochOffset)</v></c>"#
            case .dateTime(let value):
                let days = (value.timeIntervalSince1970 + Double(ShanghaiTime.secondsEast)) / 86_400 + Double(Self.excelEpochOffset)
                buffer += #"<c r="\#(reference)" s="\#(Style.dateTime)"><v>\#(days)</v></c>"#
            case .empty:
                continue
            }
        }
        buffer += "</row>"
        row += 1
    }

    private func flush() throws {
        try sheet.write(contentsOf: Data(buffer.utf8))
        buffer = ""
    }

    /// Days from Excel's day 0 (1899-12-30, in the 1900 date system) to 1970-01-01.
    static let excelEpochOffset = 25_569

    /// `A`, `B`, … `Z`, `AA` …
    static func column(_ index: Int) -> String {
        var index = index, name = ""
        repeat {
            name = String(UnicodeScalar(UInt8(65 + index % 26))) + name
            index = index / 26 - 1
        } while index >= 0
        return name
    }

    /// Text as XML allows it: the five entities escaped, and the control characters XML 1.0
    /// cannot hold at all dropped (a workbook with one does not open).
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    // MARK: the fixed parts

    static let contentTypes = #"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
        <Default Extension="xml" ContentType="application/xml"/>
        <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
        <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
        <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
        </Types>
        """#

    static let rootRelationships = #"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
        </Relationships>
        """#

    static func workbook(sheetName: String) -> String {
        #"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
        <sheets><sheet name="\#(escaped(sheetName))" sheetId="1" r:id="rId1"/></sheets>
        </workbook>
        """#
    }

    static let workbookRelationships = #"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
        </Relationships>
        """#

    /// Cell formats: 0 plain, 1 header (bold, grey fill, bottom border), 2 date, 3 date and time.
    static let styles = #"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
        <numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm"/></numFmts>
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
        <fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFE7ECF2"/><bgColor indexed="64"/></patternFill></fill></fills>
        <borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left/><right/><top/><bottom style="thin"><color rgb="FF8096AE"/></bottom><diagonal/></border></borders>
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
        <cellXfs count="4">
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
        <xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1"/>
        <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
        <xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
        </cellXfs>
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
        </styleSheet>
        """#
}
