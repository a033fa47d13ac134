import Foundation
import Testing
@testable import TitleBridgeDocuments

@Suite("PDF writer")
struct PDFWriterTests {
    static func sample() -> [UInt8] {
        var pdf = PDFWriter()
        pdf.addPage([
            .init("上海市专业技术人员职称考核认定表", x: 72, y: 760, size: 18, font: .chinese),
            .init("Shanghai (assessment) form \\ 1", x: 72, y: 730, size: 11, font: .latin),
        ])
        pdf.addPage([.init("第二页", x: 72, y: 760, size: 12, font: .chinese)])
        return pdf.render()
    }

    @Test("Every xref entry points at its object, and startxref at the table")
    func crossReference() throws {
        let bytes = Self.sample()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("%PDF-1.7\n"))
        #expect(text.hasSuffix("%%EOF\n"))
        let tail = try #require(text.range(of: "startxref\n", options: .backwards))
        let xrefOffset = try #require(Int(text[tail.upperBound...].prefix { $0.isNumber }))
        #expect(Array(bytes[xrefOffset..<(xrefOffset + 4)]) == Array("xref".utf8))

        let table = String(decoding: bytes[xrefOffset...], as: UTF8.self).split(separator: "\n")
        let count = try #require(Int(table[1].split(separator: " ")[1]))
        #expect(count == 12, "catalog, pages, two fonts, descendant font, two font descriptors, two pages with contents, plus entry 0")
        for object in 1..<count {
            let entry = table[2 + object]
            let offset = try #require(Int(entry.prefix(10)))
            let header = Array("\(object) 0 obj".utf8)
            #expect(Array(bytes[offset..<(offset + header.count)]) == header, "object \(object)")
        }
    }

    @Test("Chinese is written as UCS-2 code points, Latin with escapes")
    func textEncoding() {
        let chinese = PDFWriter.operators(.init("认定", x: 1, y: 2, size: 12, font: .chinese))
        #expect(chinese == "BT /F2 12 Tf 1 2 Td <8BA45B9A> Tj ET")
        let latin = PDFWriter.operators(.init("a(b)\\", x: 1.5, y: 2, size: 10.25, font: .latin))
        #expect(latin == "BT /F1 10.25 Tf 1.5 2 Td (a\\(b\\)\\\\) Tj ET")
        // WinAnsi beyond ASCII as octal escapes, so the stream stays ASCII: É is 311, ’ is 222.
        #expect(PDFWriter.operators(.init("Émile’s", x: 1, y: 2, size: 10, font: .latin)) == "BT /F1 10 Tf 1 2 Td (\\311mile\\222s) Tj ET")
    }

    /// With poppler installed (CI installs it), the text comes back out of the file.
    @Test("pdftotext extracts the Chinese and the Latin text",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") || ProcessInfo.processInfo.environment["CI"] != nil))
    func popplerReadsIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("form.pdf")
        try Data(Self.sample()).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        process.arguments = ["-enc", "UTF-8", file.path, "-"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(output.contains("上海市专业技术人员职称考核认定表"))
        #expect(output.contains("Shanghai (assessment) form \\ 1"))
        #expect(output.contains("第二页"))
    }

    @Test("Coordinates are written with at most two decimals and no trailing zeros, signs kept", arguments: [
        (12.0, "12"), (12.5, "12.5"), (12.25, "12.25"), (12.05, "12.05"), (0.004, "0"), (0.5, "0.5"), (-0.5, "-0.5"),
        (-12.25, "-12.25"), (595.276, "595.28"), (841.89, "841.89"), (-0.004, "0"), (100.999, "101"),
    ])
    func numbers(_ value: Double, _ text: String) {
        #expect(PDFWriter.number(value) == text)
    }
}

@Suite("Flow layout — wrapping by the declared widths")
struct FlowLayoutTests {
    @Test("Lines keep within the width; Chinese is one em, Latin Helvetica's width; punctuation never starts a line")
    func wrapping() {
        let lines = FlowLayout.wrap(String(repeating: "字", count: 20) + "，下", width: 100, size: 10)
        #expect(lines == [String(repeating: "字", count: 10), String(repeating: "字", count: 9), "字，下"],
                "the comma takes the character before it to the next line")
        // Only a word wider than a whole line is cut, where it reaches the margin.
        #expect(FlowLayout.wrap("abcdefghijklmnopqrst", width: 50, size: 10) == ["abcdefghij", "klmnopqrst"])
        #expect(FlowLayout.wrap("一\n\n二", width: 100, size: 10) == ["一", "", "二"])
        // F 611, C 722, C 722, A 667, space 278 thousandths of an em; 会计 one em each.
        #expect(PDFWriter.width(of: "FCCA 会计", size: 10) == 50)
    }
}
