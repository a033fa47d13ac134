/// A small PDF 1.7 writer for the forms and certificates: A4 pages of positioned text.
///
/// Chinese is set in the standard CID font `STSong-Light` with the `UniGB-UCS2-H` encoding,
/// which every conforming reader supplies, so no font is embedded and files stay small.
/// Latin text uses Helvetica, which looks better than the CID font's half-width glyphs.
public struct PDFWriter: Sendable {
    /// A4 in points.
    public static let a4Width = 595.28
    public static let a4Height = 841.89

    public enum Font: String, Sendable {
        /// Helvetica (WinAnsi): Latin text.
        case latin = "F1"
        /// STSong-Light (UniGB-UCS2-H): Chinese and mixed text.
        case chinese = "F2"
    }

    public struct TextRun: Sendable, Equatable {
        public let text: String
        public let x: Double
        public let y: Double
        public let size: Double
        public let font: Font

        public init(_ text: String, x: Double, y: Double, size: Double, font: Font) {
            self.text = text
            self.x = x
            self.y = y
            self.size = size
            self.font = font
        }
    }

    /// A straight line, for the boxes and signature lines of forms.
    public struct Rule: Sendable, Equatable {
        public let x1: Double, y1: Double, x2: Double, y2: Double
        public let width: Double

        public init(x1: Double, y1: Double, x2: Double, y2: Double, width: Double = 0.6) {
            self.x1 = x1
            self.y1 = y1
            self.x2 = x2
            self.y2 = y2
            self.width = width
        }
    }

    public private(set) var pages: [[TextRun]] = []
    public private(set) var rules: [[Rule]] = []

    public init() {}

    public mutating func addPage(_ runs: [TextRun], rules pageRules: [Rule] = []) {
        pages.append(runs)
        rules.append(pageRules)
    }

    /// The advance of `text` at `size` in the Chinese font: CJK and full-width characters are
    /// one em, ASCII half an em (the font's widths are declared so, see `render`).
    public static func width(of text: String, size: Double) -> Double {
        text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x20 && $1.value < 0x7F ? 0.5 : 1.0) } * size
    }

    /// The finished file.
    public func render() -> [UInt8] {
        var objects: [String] = []
        // 1 catalog, 2 page tree, 3 Helvetica, 4 STSong-Light (+5 descendant), then per page: page, content.
        let pageIDs = pages.indices.map { 6 + $0 * 2 }
        objects.append("<< /Type /Catalog /Pages 2 0 R >>")
        objects.append("<< /Type /Pages /Kids [\(pageIDs.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(pages.count) >>")
        objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
        objects.append("<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [5 0 R] >>")
        objects.append("<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /DW 1000 /W [1 95 500] /FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >> >>")
        for (index, runs) in pages.enumerated() {
            let contentID = pageIDs[index] + 1
            objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(Self.number(Self.a4Width)) \(Self.number(Self.a4Height))] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents \(contentID) 0 R >>")
            let lines = rules[index].map { rule in
                "\(Self.number(rule.width)) w \(Self.number(rule.x1)) \(Self.number(rule.y1)) m \(Self.number(rule.x2)) \(Self.number(rule.y2)) l S"
            }
            let stream = (lines + runs.map(Self.operators)).joined(separator: "\n")
            objects.append("<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream")
        }

        var out = Array("%PDF-1.7\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
        var offsets: [Int] = []
        for (index, body) in objects.enumerated() {
            offsets.append(out.count)
            out += Array("\(index + 1) 0 obj\n\(body)\nendobj\n".utf8)
        }
        let xref = out.count
        var table = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            let digits = String(offset)
            table += String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n"
        }
        table += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        out += Array(table.utf8)
        return out
    }

    static func operators(_ run: TextRun) -> String {
        let text: String
        switch run.font {
        case .latin:
            // WinAnsi covers Latin-1; anything else cannot be shown in Helvetica.
            let escaped = run.text.unicodeScalars.map { scalar -> String in
                switch scalar {
                case "(": return "\\("
                case ")": return "\\)"
                case "\\": return "\\\\"
                default: return scalar.value < 256 && scalar.value >= 32 ? String(scalar) : "?"
                }
            }.joined()
            text = "(\(escaped))"
        case .chinese:
            // UCS-2: characters beyond the BMP are not in the encoding and show as a full-width "？".
            let hex = run.text.unicodeScalars.map { scalar -> String in
                let value = scalar.value <= 0xFFFF ? scalar.value : 0xFF1F
                let digits = String(value, radix: 16, uppercase: true)
                return String(repeating: "0", count: 4 - digits.count) + digits
            }.joined()
            text = "<\(hex)>"
        }
        return "BT /\(run.font.rawValue) \(number(run.size)) Tf \(number(run.x)) \(number(run.y)) Td \(text) Tj ET"
    }

    static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
