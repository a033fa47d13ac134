/// Lays text out down A4 pages: headings, wrapped paragraphs, boxed label–value tables,
/// open boxes to be filled in by hand, and a footer on every page. Lines wrap by the Chinese
/// font's declared widths (one em for CJK, half for ASCII), so what is measured is what prints.
public struct FlowLayout: Sendable {
    public static let margin = 56.0
    static let top = PDFWriter.a4Height - 60
    static let bottom = 64.0
    public static var textWidth: Double { PDFWriter.a4Width - 2 * margin }

    private var pages: [([PDFWriter.TextRun], [PDFWriter.Rule])] = []
    private var runs: [PDFWriter.TextRun] = []
    private var rules: [PDFWriter.Rule] = []
    private var y = FlowLayout.top

    public init() {}

    /// Punctuation that never starts a line (避头点): it stays at the end of the line before,
    /// even a little past the margin.
    static let noLineStart = Set("，。、；：？！）》」』”’,.;:?!)")

    /// Splits `text` into lines no wider than `width` at `size`; explicit line breaks are kept.
    public static func wrap(_ text: String, width: Double, size: Double) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = "", lineWidth = 0.0
            for character in paragraph {
                let advance = PDFWriter.width(of: String(character), size: size)
                if lineWidth + advance > width, !line.isEmpty, !noLineStart.contains(character) {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                line.append(character)
                lineWidth += advance
            }
            lines.append(line)
        }
        return lines
    }

    private mutating func newPage() {
        pages.append((runs, rules))
        runs = []
        rules = []
        y = Self.top
    }

    /// Starts a new page when less than `height` is left.
    public mutating func keep(_ height: Double) {
        if y - height < Self.bottom { newPage() }
    }

    public mutating func space(_ points: Double) { y -= points }

    /// A QR code on the current page, its top-right corner at (`right`, `top`), each module a
    /// filled square of `module` points (a rule as wide as it is tall), one rule per dark run.
    public mutating func qrCode(_ code: QRCode, right: Double, top: Double, module: Double) {
        let left = right - Double(code.size) * module
        for (row, line) in code.modules.enumerated() {
            let centre = top - (Double(row) + 0.5) * module
            var column = 0
            while column < code.size {
                guard line[column] else { column += 1; continue }
                let start = column
                while column < code.size, line[column] { column += 1 }
                rules.append(PDFWriter.Rule(x1: left + Double(start) * module, y1: centre, x2: left + Double(column) * module, y2: centre,
                                            width: module))
            }
        }
    }

    public mutating func title(_ text: String, size: Double = 18) {
        keep(size * 2)
        let width = PDFWriter.width(of: text, size: size)
        runs.append(PDFWriter.TextRun(text, x: (PDFWriter.a4Width - width) / 2, y: y - size, size: size, font: .chinese))
        y -= size * 1.8
    }

    public mutating func heading(_ text: String, size: Double = 12) {
        keep(size * 4)
        y -= size * 0.6
        runs.append(PDFWriter.TextRun(text, x: Self.margin, y: y - size, size: size, font: .chinese))
        y -= size * 1.3
        rules.append(PDFWriter.Rule(x1: Self.margin, y1: y, x2: PDFWriter.a4Width - Self.margin, y2: y, width: 0.8))
        y -= size * 0.5
    }

    public mutating func paragraph(_ text: String, size: Double = 10.5, indent: Double = 0) {
        let leading = size * 1.55
        for line in Self.wrap(text, width: Self.textWidth - indent, size: size) {
            keep(leading)
            runs.append(PDFWriter.TextRun(line, x: Self.margin + indent, y: y - size, size: size, font: .chinese))
            y -= leading
        }
    }

    /// Boxed rows: the label on the left, the value wrapped on the right.
    public mutating func table(_ rows: [(String, String)], size: Double = 10, labelWidth: Double = 120) {
        let leading = size * 1.5, padding = 4.0
        let left = Self.margin, right = PDFWriter.a4Width - Self.margin, split = left + labelWidth
        for (label, value) in rows {
            let labelLines = Self.wrap(label, width: labelWidth - 2 * padding, size: size)
            let valueLines = Self.wrap(value.isEmpty ? "—" : value, width: right - split - 2 * padding, size: size)
            let height = Double(max(labelLines.count, valueLines.count)) * leading + 2 * padding
            keep(height)
            let rowTop = y
            rules.append(PDFWriter.Rule(x1: left, y1: rowTop, x2: right, y2: rowTop))
            for (index, line) in labelLines.enumerated() {
                runs.append(PDFWriter.TextRun(line, x: left + padding, y: rowTop - padding - size - Double(index) * leading, size: size, font: .chinese))
            }
            for (index, line) in valueLines.enumerated() {
                runs.append(PDFWriter.TextRun(line, x: split + padding, y: rowTop - padding - size - Double(index) * leading, size: size, font: .chinese))
            }
            y -= height
            rules.append(PDFWriter.Rule(x1: left, y1: y, x2: right, y2: y))
            for x in [left, split, right] { rules.append(PDFWriter.Rule(x1: x, y1: rowTop, x2: x, y2: y)) }
        }
        y -= 6
    }

    /// An open box of `height` with a title inside, and lines at its foot (signature, date).
    public mutating func box(title: String, lines: [String], foot: [String], height: Double, size: Double = 10.5) {
        keep(height)
        let left = Self.margin, right = PDFWriter.a4Width - Self.margin, boxTop = y
        runs.append(PDFWriter.TextRun(title, x: left + 6, y: boxTop - 6 - size, size: size, font: .chinese))
        var lineY = boxTop - 6 - size * 2.6
        for line in lines {
            runs.append(PDFWriter.TextRun(line, x: left + 12, y: lineY, size: size, font: .chinese))
            lineY -= size * 2.2
        }
        var footY = boxTop - height + 10 + Double(foot.count - 1) * size * 1.8
        for line in foot {
            let width = PDFWriter.width(of: line, size: size)
            runs.append(PDFWriter.TextRun(line, x: right - 12 - width, y: footY, size: size, font: .chinese))
            footY -= size * 1.8
        }
        y -= height
        rules += [PDFWriter.Rule(x1: left, y1: boxTop, x2: right, y2: boxTop), PDFWriter.Rule(x1: left, y1: y, x2: right, y2: y),
                  PDFWriter.Rule(x1: left, y1: boxTop, x2: left, y2: y), PDFWriter.Rule(x1: right, y1: boxTop, x2: right, y2: y)]
        y -= 8
    }

    /// The finished document, with `footer(page, pages)` at the foot of every page.
    public func finish(footer: (Int, Int) -> String) -> PDFWriter {
        var all = pages
        if !runs.isEmpty || !rules.isEmpty || all.isEmpty { all.append((runs, rules)) }
        var writer = PDFWriter()
        for (index, page) in all.enumerated() {
            let text = footer(index + 1, all.count)
            let size = 8.5
            let width = PDFWriter.width(of: text, size: size)
            let foot = PDFWriter.TextRun(text, x: (PDFWriter.a4Width - width) / 2, y: 36, size: size, font: .chinese)
            writer.addPage(page.0 + [foot], rules: page.1)
        }
        return writer
    }
}
