/// A small PDF 1.7 writer for the forms and certificates: A4 pages of positioned text.
///
/// No font is embedded, so files stay small; both fonts are ones every conforming reader
/// supplies. Chinese is set in the standard CID font `STSong-Light` with the `UniGB-UCS2-H`
/// encoding. Latin letters, digits and Western punctuation are set in Helvetica (WinAnsi),
/// never in the CID font: readers substitute the CID font's Latin glyphs differently —
/// Ghostscript loses them, poppler spaces them out ("Uni versi ty") — while Helvetica prints
/// alike everywhere. Both fonts' widths are declared in the file and measured by the same
/// table here (`cells(of:)`), so what the layout measures is what every reader advances.
public struct PDFWriter: Sendable {
    /// A4 in points.
    public static let a4Width = 595.28
    public static let a4Height = 841.89

    public enum Font: String, Sendable {
        /// Helvetica (WinAnsi): Latin letters, digits, Western punctuation.
        case latin = "F1"
        /// STSong-Light (UniGB-UCS2-H): Chinese and whatever else Helvetica cannot show.
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

    // MARK: characters, fonts and widths

    /// One character as it prints: the scalar drawn, in which font (nil: blank space drawn as
    /// no glyph), and its advance in ems.
    struct Cell: Equatable {
        let scalar: Unicode.Scalar
        let font: Font?
        let width: Double
    }

    /// Helvetica's advance widths (thousandths of an em) of WinAnsi codes 32–255, from the
    /// font's standard metrics; 0 where WinAnsi defines no character. Declared in the file as
    /// the font's `/Widths`, so readers advance by exactly these.
    static let helveticaWidths: [Int] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 0,
        556, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
        0, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500, 667,
        278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,
        400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,
        667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
        722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
        556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,
    ]

    /// WinAnsi's characters outside Latin-1 (codes 128–159).
    static let winAnsiExtras: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87, 0x02C6: 0x88,
        0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E, 0x2018: 0x91, 0x2019: 0x92, 0x201C: 0x93,
        0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98, 0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B,
        0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
    ]

    /// Punctuation Chinese and English text share (quotes, dashes, the ellipsis, the middle dot
    /// of transliterated names): set in the font of the text it stands in, full width in
    /// Chinese, Helvetica in English.
    static let sharedPunctuation: Set<Unicode.Scalar> = ["\u{B7}", "\u{2014}", "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2026}"]

    /// The WinAnsi code Helvetica shows `scalar` under, nil when it has none.
    static func winAnsiCode(_ scalar: Unicode.Scalar) -> UInt8? {
        switch scalar.value {
        case 0x20...0x7E, 0xA0...0xFF: return UInt8(scalar.value)
        default: return winAnsiExtras[scalar.value]
        }
    }

    /// How each character of `text` prints. Tabs, stray line ends and the Unicode spaces print
    /// as a space (a no-break space stays one, for the line breaker); the ideographic space, the
    /// usual Chinese indent, as a blank one em wide; control, zero-width and combining
    /// characters print nothing — none of them is a box.
    static func cells(of text: String) -> [Cell] {
        enum Kind { case latin, chinese, shared, blank }
        var kinds: [(Unicode.Scalar, Kind)] = []
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09...0x0D, 0x85, 0x2000...0x200A, 0x2028, 0x2029, 0x205F:
                kinds.append((" ", .latin))
            case 0x202F:
                // The narrow no-break space keeps words together like the no-break space.
                kinds.append(("\u{A0}", .latin))
            case 0x3000:
                kinds.append((scalar, .blank))
            case 0x00...0x1F, 0x7F...0x9F, 0xAD, 0x0300...0x036F, 0x200B...0x200F, 0x2060...0x206F, 0xFE00...0xFE0F, 0xFEFF:
                continue
            default:
                if sharedPunctuation.contains(scalar) {
                    kinds.append((scalar, .shared))
                } else if winAnsiCode(scalar) != nil {
                    kinds.append((scalar, .latin))
                } else {
                    // UCS-2: characters beyond the BMP are not in the encoding and show as a full-width "？".
                    kinds.append((scalar.value <= 0xFFFF ? scalar : "\u{FF1F}", .chinese))
                }
            }
        }
        var cells: [Cell] = []
        cells.reserveCapacity(kinds.count)
        for (index, (scalar, kind)) in kinds.enumerated() {
            switch kind {
            case .latin:
                let width = winAnsiCode(scalar).map { Double(helveticaWidths[Int($0) - 32]) / 1000 } ?? 0.5
                cells.append(Cell(scalar: scalar, font: .latin, width: width))
            case .chinese:
                cells.append(Cell(scalar: scalar, font: .chinese, width: 1))
            case .blank:
                cells.append(Cell(scalar: scalar, font: nil, width: 1))
            case .shared:
                // The font of the character before; at the start, of the first one after.
                let font = cells.last(where: { $0.font != nil })?.font
                    ?? kinds[(index + 1)...].first(where: { $0.1 == .latin || $0.1 == .chinese }).map { $0.1 == .latin ? Font.latin : .chinese }
                    ?? .chinese
                if font == .latin, let code = winAnsiCode(scalar) {
                    cells.append(Cell(scalar: scalar, font: .latin, width: Double(helveticaWidths[Int(code) - 32]) / 1000))
                } else {
                    cells.append(Cell(scalar: scalar, font: .chinese, width: 1))
                }
            }
        }
        return cells
    }

    /// The advance of `text` at `size`: Latin by Helvetica's widths, Chinese and the
    /// ideographic space one em.
    public static func width(of text: String, size: Double) -> Double {
        cells(of: text).reduce(0) { $0 + $1.width } * size
    }

    /// `text` as runs starting at (`x`, `y`): one run per stretch of one font, each placed by
    /// the measured widths of what precedes it; blanks move the next run on.
    public static func runs(of text: String, x: Double, y: Double, size: Double) -> [TextRun] {
        var runs: [TextRun] = []
        var cursor = x, start = x, font: Font?, pending = ""
        for cell in cells(of: text) {
            if cell.font != font || cell.font == nil {
                if let font, !pending.isEmpty { runs.append(TextRun(pending, x: start, y: y, size: size, font: font)) }
                pending = ""
                font = cell.font
                start = cursor
            }
            if cell.font != nil { pending.unicodeScalars.append(cell.scalar) }
            cursor += cell.width * size
        }
        if let font, !pending.isEmpty { runs.append(TextRun(pending, x: start, y: y, size: size, font: font)) }
        return runs
    }

    // MARK: the file

    /// The finished file.
    public func render() -> [UInt8] {
        var objects: [String] = []
        // 1 catalog, 2 page tree, 3 Helvetica, 4 STSong-Light (+5 descendant), 6 and 7 their
        // descriptors, then per page: page, content.
        let pageIDs = pages.indices.map { 8 + $0 * 2 }
        objects.append("<< /Type /Catalog /Pages 2 0 R >>")
        objects.append("<< /Type /Pages /Kids [\(pageIDs.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(pages.count) >>")
        objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 255 /Widths [\(Self.helveticaWidths.map(String.init).joined(separator: " "))] /FontDescriptor 6 0 R >>")
        objects.append("<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-UniGB-UCS2-H /Encoding /UniGB-UCS2-H /DescendantFonts [5 0 R] >>")
        objects.append("<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /DW 1000 /W [1 95 500] /FontDescriptor 7 0 R >>")
        objects.append("<< /Type /FontDescriptor /FontName /Helvetica /Flags 32 /FontBBox [-166 -225 1000 931] /ItalicAngle 0 /Ascent 718 /Descent -207 /CapHeight 718 /XHeight 523 /StemV 88 >>")
        objects.append("<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>")
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
            // WinAnsi codes; those above ASCII as octal escapes, so the content stream stays ASCII.
            let escaped = run.text.unicodeScalars.map { scalar -> String in
                switch scalar {
                case "(": return "\\("
                case ")": return "\\)"
                case "\\": return "\\\\"
                default:
                    guard let code = winAnsiCode(scalar) else { return "?" }
                    guard code >= 0x80 else { return String(scalar) }
                    let octal = String(code, radix: 8)
                    return "\\" + String(repeating: "0", count: 3 - octal.count) + octal
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

    /// Two decimals at most, no trailing zeros (`12`, `12.5`, `12.25`), written from whole
    /// hundredths: every coordinate of every page goes through here, and `Double`'s own text
    /// is slow.
    static func number(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let whole = hundredths / 100, rest = abs(hundredths % 100)
        let sign = hundredths < 0 && whole == 0 ? "-" : ""
        if rest == 0 { return sign + String(whole) }
        return sign + String(whole) + (rest % 10 == 0 ? "." + String(rest / 10) : (rest < 10 ? ".0" : ".") + String(rest))
    }
}
