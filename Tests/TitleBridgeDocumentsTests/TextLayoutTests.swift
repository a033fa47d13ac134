import Foundation
import Testing
@testable import TitleBridgeDocuments

@Suite("Text on the printed forms — words kept whole, paragraphs kept, Latin in Helvetica")
struct TextLayoutTests {
    static let english = "In 2019 I moved to Shanghai and led the finance shared-service centre of a multinational group, responsible for the consolidation of forty subsidiaries across Asia."

    @Test("English breaks between words, never inside one, at any width", arguments: [70.0, 80, 110, 150, 230, 483])
    func wordsStayWhole(width: Double) {
        let words = Set(Self.english.split(separator: " ").map(String.init))
        let lines = FlowLayout.wrap(Self.english, width: width, size: 10.5)
        for line in lines {
            #expect(PDFWriter.width(of: line, size: 10.5) <= width, "\(line) is wider than \(width)")
            #expect(!line.hasPrefix(" ") && !line.hasSuffix(" "), "the blank where the line breaks is dropped")
            for word in line.split(separator: " ").map(String.init) {
                // "shared-" and "service" may part at the hyphen, as in print.
                #expect(words.contains(word) || words.contains { $0.hasPrefix(word) && word.hasSuffix("-") } || words.contains { $0.hasSuffix("-" + word) },
                        "\(word) is part of a word")
            }
        }
        #expect(lines.joined(separator: " ").replacingOccurrences(of: "- ", with: "-") == Self.english, "nothing lost or added")
        #expect(lines.contains { $0.contains("Shanghai") })
    }

    @Test("Numbers and codes never part at their hyphens")
    func codesStayWhole() {
        for width in stride(from: 90.0, through: 200, by: 5) {
            let lines = FlowLayout.wrap("证书编号 FCCA-2019-778812 申报编号 SB2024-000123", width: width, size: 10)
            #expect(lines.contains { $0.contains("FCCA-2019-778812") } && lines.contains { $0.contains("SB2024-000123") }, "at \(width): \(lines)")
        }
    }

    @Test("Line breaks start new lines, an empty line stays, CR LF is one break")
    func paragraphs() {
        #expect(FlowLayout.wrap("First paragraph.\r\nSecond one.\n\n第三段。\r第四段。", width: 400, size: 10)
                == ["First paragraph.", "Second one.", "", "第三段。", "第四段。"])
        for line in FlowLayout.wrap("a\r\nb\u{2028}c", width: 400, size: 10) {
            #expect(!line.unicodeScalars.contains { $0.properties.generalCategory == .control || $0 == "\u{2028}" })
        }
    }

    @Test("A paragraph's ideographic spaces stay as its indent and print as a blank; tabs print as a space")
    func blanks() throws {
        let lines = FlowLayout.wrap("　　本人自2015年起在上海从事财务管理工作，主持完成多项项目。", width: 120, size: 10)
        #expect(lines[0].hasPrefix("　　"), "the indent stays on the first line")
        #expect(lines.dropFirst().allSatisfy { !$0.hasPrefix("　") }, "only on the first line")
        let runs = PDFWriter.runs(of: lines[0], x: 56, y: 700, size: 10)
        #expect(try #require(runs.first).x == 76, "the text starts two ems in")
        #expect(runs.allSatisfy { !$0.text.contains("\u{3000}") }, "no glyph is drawn for the ideographic space")
        let tabbed = PDFWriter.runs(of: "audits\tand\u{0}\u{200B}taught", x: 0, y: 0, size: 10)
        #expect(tabbed.map(\.text) == ["audits andtaught"], "a tab is a space; control and zero-width characters print nothing")
        #expect(PDFWriter.width(of: "　", size: 10) == 10)
    }

    @Test("Latin, digits and Western punctuation are set in Helvetica by its widths, Chinese in the CID font")
    func fonts() {
        let runs = PDFWriter.runs(of: "证件号码 11010519491231002X（Emily Carter）", x: 0, y: 0, size: 10)
        #expect(runs.map(\.text) == ["证件号码", " 11010519491231002X", "（", "Emily Carter", "）"])
        #expect(runs.map(\.font) == [.chinese, .latin, .chinese, .latin, .chinese])
        #expect(runs[1].x == 40, "the digits start where the four characters end")
        // Proportional: an i is narrower than an M, a digit 0.556 em.
        #expect(PDFWriter.width(of: "iiii", size: 10) < PDFWriter.width(of: "MMMM", size: 10))
        #expect(abs(PDFWriter.width(of: "2024", size: 10) - 22.24) < 0.001)
        // Quotes take the font of the text they stand in.
        #expect(PDFWriter.runs(of: "他说“好”", x: 0, y: 0, size: 10).map(\.font) == [.chinese])
        #expect(PDFWriter.runs(of: "my team’s “fast close”", x: 0, y: 0, size: 10).map(\.font) == [.latin])
        // A character beyond the BMP cannot be shown by the CID font's encoding: a full-width "？".
        #expect(PDFWriter.runs(of: "𠀋", x: 0, y: 0, size: 10).map(\.text) == ["？"])
    }

    @Test("Neither punctuation starts a line nor an opening bracket ends one", arguments: [50.0, 60, 70, 80, 90])
    func kinsoku(width: Double) {
        let lines = FlowLayout.wrap("他说：“你好”，然后（笑）离开了。又说：“再见。”", width: width, size: 10)
        for line in lines.dropFirst() {
            #expect(!"，。、；：？！）」”".contains(line.first ?? " "), "\(line) starts with punctuation")
        }
        for line in lines {
            #expect(!"（「“".contains(line.last ?? " "), "\(line) ends with an opening bracket")
        }
        #expect(lines.joined() == "他说：“你好”，然后（笑）离开了。又说：“再见。”")
    }

    @Test("A box grows with what was recorded: the text stays inside, on one page")
    func boxHoldsItsText() throws {
        var layout = FlowLayout()
        let remarks = String(repeating: "申报人工作表现优秀，材料真实。", count: 12)
        layout.box(heading: "所在单位核实意见", title: "（用人单位网上核实意见）", body: ["是否同意申报：同意申报。", remarks, "审核人：王敏"],
                   foot: ["单位（盖章）    日期：______年____月____日"], minimumHeight: 60)
        let writer = layout.finish { _, _ in "" }
        #expect(writer.pages.count == 1)
        let rules = writer.rules[0]
        let bottom = try #require(rules.map { min($0.y1, $0.y2) }.min())
        let top = try #require(rules.filter { $0.y1 == $0.y2 && $0.width < 0.8 }.map(\.y1).max())
        let inside = writer.pages[0].filter { !$0.text.isEmpty && $0.y > 50 && !$0.text.hasPrefix("所在单位核实意见") }
        #expect(!inside.isEmpty)
        #expect(inside.allSatisfy { $0.y > bottom && $0.y < top }, "every line of the opinion and its foot is inside the box")
    }
}

/// Ghostscript and poppler render a page of Latin text alike: both draw its letters and digits,
/// and both read them back. (A reader that substitutes the CID font can lose Latin set in it.)
@Suite("Latin text prints in Ghostscript as in poppler")
struct LatinRenderingTests {
    static let tools = ["gs", "pdftoppm", "pdftotext"].allSatisfy { FileManager.default.isExecutableFile(atPath: "/usr/bin/" + $0) }

    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/" + tool)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(tool) failed")
        return String(decoding: data, as: UTF8.self)
    }

    /// Dark pixels of a binary PGM (P5, 8 bits), as pdftoppm -gray and gs pgmraw write it.
    static func darkPixels(_ file: URL) throws -> Int {
        let bytes = [UInt8](try Data(contentsOf: file))
        var fields: [String] = [], index = 0
        while fields.count < 4, index < bytes.count {
            if bytes[index] == UInt8(ascii: "#") {
                while index < bytes.count, bytes[index] != 0x0A { index += 1 }
            } else if bytes[index] <= 0x20 {
                index += 1
            } else {
                var field = ""
                while index < bytes.count, bytes[index] > 0x20 { field.append(Character(UnicodeScalar(bytes[index]))); index += 1 }
                fields.append(field)
            }
        }
        #expect(fields.first == "P5")
        return bytes[(index + 1)...].filter { $0 < 128 }.count
    }

    @Test("A page holding only Latin text and digits: Ghostscript draws and reads it as poppler does",
          .enabled(if: tools || ProcessInfo.processInfo.environment["CI"] != nil))
    func latinPage() throws {
        var layout = FlowLayout()
        layout.paragraph("Emily Carter 11010519491231002X University of Shanghai SB2024-000123 2024-09-25", size: 14)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("titlebridge-latin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("latin.pdf")
        try Data(layout.finish { _, _ in "" }.render()).write(to: file)

        _ = try Self.run("pdftoppm", ["-gray", "-r", "50", "-f", "1", "-l", "1", file.path, folder.appendingPathComponent("poppler").path])
        let popplerImage = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasPrefix("poppler") })
        let ghostscriptImage = folder.appendingPathComponent("ghostscript.pgm")
        _ = try Self.run("gs", ["-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=pgmraw", "-r50", "-o", ghostscriptImage.path, file.path])
        let poppler = try Self.darkPixels(folder.appendingPathComponent(popplerImage))
        let ghostscript = try Self.darkPixels(ghostscriptImage)
        #expect(poppler > 300, "poppler draws the text")
        #expect(ghostscript > poppler / 2 && ghostscript < poppler * 2, "Ghostscript draws as much of it as poppler (\(ghostscript) / \(poppler))")

        let read = try Self.run("gs", ["-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=txtwrite", "-o", "-", file.path])
        for text in ["Emily Carter", "11010519491231002X", "University of Shanghai", "SB2024-000123", "2024-09-25"] {
            #expect(read.contains(text), "Ghostscript reads \(text)")
        }
        let popplerText = try Self.run("pdftotext", ["-enc", "UTF-8", file.path, "-"])
        #expect(popplerText.contains("University of Shanghai"), "no gaps inside words: \(popplerText)")
    }
}
