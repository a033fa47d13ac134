/// Lays text out down A4 pages: headings, wrapped paragraphs, boxed label–value tables, boxes
/// for opinions and signatures, and a footer on every page. Lines are measured by the writer's
/// own widths (`PDFWriter.width`), so what is measured is what prints. Latin text breaks
/// between words, Chinese between any two characters, except that punctuation never starts a
/// line and an opening bracket never ends one (避头尾); a line break in the text starts a new
/// line, and a paragraph's leading ideographic spaces stay as its indent.
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

    // MARK: breaking lines

    /// Punctuation that never starts a line (避头点): it stays with what comes before it.
    static let noLineStart: Set<Unicode.Scalar> = Set("，。、；：？！）》」』】〕〉”’…—,.;:?!)]}%".unicodeScalars)
    /// Opening brackets and quotes that never end a line (避尾点): they go with what follows.
    static let noLineEnd: Set<Unicode.Scalar> = Set("（《「『【〔〈“‘([{".unicodeScalars)

    /// A piece of a paragraph kept on one line: a word of Latin text (letters, digits and the
    /// punctuation attached to them), one Chinese character with the punctuation that may not be
    /// parted from it, or the blank between them.
    struct Token: Equatable {
        var text: String
        var width: Double
        var isBlank: Bool
    }

    static func tokens(of paragraph: String, size: Double) -> [Token] {
        var raw: [Token] = []
        // `open`: the last token still takes characters — a Latin word runs on until a blank,
        // blanks run together, while a Chinese character (or anything only the CID font shows)
        // is a token of its own, so a line may break after any of them. `afterHyphen`: a hyphen
        // between letters ("shared-service") may end a line; one in a number or a code
        // ("FCCA-2019-778812", "SB2024-000123") may not.
        var open = false, afterHyphen = false
        for cell in PDFWriter.cells(of: paragraph) {
            let blank = cell.font == nil || cell.scalar == " "
            let word = cell.font == .latin && !blank
            let letter = cell.scalar.properties.isAlphabetic
            if open, let last = raw.last, blank ? last.isBlank : (word && !last.isBlank && !(afterHyphen && letter)) {
                raw[raw.count - 1].text.unicodeScalars.append(cell.scalar)
                raw[raw.count - 1].width += cell.width * size
            } else {
                var text = ""
                text.unicodeScalars.append(cell.scalar)
                raw.append(Token(text: text, width: cell.width * size, isBlank: blank))
            }
            afterHyphen = word && cell.scalar == "-" && raw.last.map { $0.text.unicodeScalars.dropLast().last?.properties.isAlphabetic == true } == true
            open = blank || word
        }
        var tokens: [Token] = []
        for token in raw {
            if let last = tokens.last, !last.isBlank, !token.isBlank,
               let first = token.text.unicodeScalars.first, let end = last.text.unicodeScalars.last,
               noLineStart.contains(first) || noLineEnd.contains(end) {
                tokens[tokens.count - 1].text += token.text
                tokens[tokens.count - 1].width += token.width
            } else {
                tokens.append(token)
            }
        }
        return tokens
    }

    /// Splits `text` into lines no wider than `width` at `size`: each line break of the text
    /// (`\n`, `\r\n`, …) starts a new line, an empty line stays empty, a paragraph's leading
    /// blanks stay as its indent, and the blank where a line is broken is dropped. Only a word
    /// wider than a whole line is cut.
    public static func wrap(_ text: String, width: Double, size: Double) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            var line = "", lineWidth = 0.0, hasContent = false, firstLine = true
            var gap: Token?
            for token in tokens(of: String(paragraph), size: size) {
                if token.isBlank {
                    if hasContent {
                        gap = token
                    } else if firstLine {
                        line += token.text
                        lineWidth += token.width
                    }
                    continue
                }
                if hasContent, lineWidth + (gap?.width ?? 0) + token.width > width {
                    lines.append(line)
                    (line, lineWidth, hasContent, firstLine) = ("", 0, false, false)
                } else if let gap {
                    line += gap.text
                    lineWidth += gap.width
                }
                gap = nil
                if lineWidth + token.width <= width {
                    line += token.text
                    lineWidth += token.width
                    hasContent = true
                    continue
                }
                // Wider than a line: cut where it reaches the margin.
                for character in token.text {
                    let advance = PDFWriter.width(of: String(character), size: size)
                    if hasContent, lineWidth + advance > width {
                        lines.append(line)
                        (line, lineWidth, firstLine) = ("", 0, false)
                    }
                    line.append(character)
                    lineWidth += advance
                    hasContent = true
                }
            }
            lines.append(line)
        }
        return lines
    }

    // MARK: pages

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

    /// One line of text, Latin in Helvetica and the rest in the CID font, from (`x`, `y`).
    private mutating func line(_ text: String, x: Double, y: Double, size: Double) {
        runs += PDFWriter.runs(of: text, x: x, y: y, size: size)
    }

    /// The four sides of a box.
    private mutating func frame(top: Double, bottom: Double) {
        let left = Self.margin, right = PDFWriter.a4Width - Self.margin
        rules += [PDFWriter.Rule(x1: left, y1: top, x2: right, y2: top), PDFWriter.Rule(x1: left, y1: bottom, x2: right, y2: bottom),
                  PDFWriter.Rule(x1: left, y1: top, x2: left, y2: bottom), PDFWriter.Rule(x1: right, y1: top, x2: right, y2: bottom)]
    }

    // MARK: content

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
        line(text, x: (PDFWriter.a4Width - width) / 2, y: y - size, size: size)
        y -= size * 1.8
    }

    /// The height `heading` takes.
    static func headingHeight(size: Double) -> Double { size * 2.4 }

    public mutating func heading(_ text: String, size: Double = 12) {
        keep(size * 4)
        y -= size * 0.6
        line(text, x: Self.margin, y: y - size, size: size)
        y -= size * 1.3
        rules.append(PDFWriter.Rule(x1: Self.margin, y1: y, x2: PDFWriter.a4Width - Self.margin, y2: y, width: 0.8))
        y -= size * 0.5
    }

    /// Wrapped text, its lines `leading` ems apart.
    public mutating func paragraph(_ text: String, size: Double = 10.5, indent: Double = 0, leading: Double = 1.55) {
        let leading = size * leading
        for text in Self.wrap(text, width: Self.textWidth - indent, size: size) {
            keep(leading)
            line(text, x: Self.margin + indent, y: y - size, size: size)
            y -= leading
        }
    }

    /// Boxed rows: the label on the left, the value wrapped on the right, lines `leading` ems apart.
    public mutating func table(_ rows: [(String, String)], size: Double = 10, labelWidth: Double = 120, leading: Double = 1.5,
                               padding: Double = 4) {
        let leading = size * leading
        let left = Self.margin, right = PDFWriter.a4Width - Self.margin, split = left + labelWidth
        for (label, value) in rows {
            let labelLines = Self.wrap(label, width: labelWidth - 2 * padding, size: size)
            let valueLines = Self.wrap(value.isEmpty ? "—" : value, width: right - split - 2 * padding, size: size)
            let height = Double(max(labelLines.count, valueLines.count)) * leading + 2 * padding
            keep(height)
            let rowTop = y
            rules.append(PDFWriter.Rule(x1: left, y1: rowTop, x2: right, y2: rowTop))
            for (index, text) in labelLines.enumerated() {
                line(text, x: left + padding, y: rowTop - padding - size - Double(index) * leading, size: size)
            }
            for (index, text) in valueLines.enumerated() {
                line(text, x: split + padding, y: rowTop - padding - size - Double(index) * leading, size: size)
            }
            y -= height
            rules.append(PDFWriter.Rule(x1: left, y1: y, x2: right, y2: y))
            for x in [left, split, right] { rules.append(PDFWriter.Rule(x1: x, y1: rowTop, x2: x, y2: y)) }
        }
        y -= 6
    }

    /// An open box: a title, then what was recorded (wrapped, paragraph by paragraph, `bodyLeading`
    /// ems apart — wider for lines to be filled in by hand), and lines at its foot (signature,
    /// stamp, date) on the right. The box is at least `minimumHeight` tall and grows with its
    /// text, so what was recorded is always inside it; with `heading`, the heading is drawn
    /// above the box on the same page. A box taller than a page continues on the next.
    public mutating func box(heading: String? = nil, title: String, body: [String] = [], bodyLeading: Double = 1.6,
                             foot: [String], minimumHeight: Double, size: Double = 10.5) {
        let padding = 6.0, titleLeading = size * 1.6, leading = size * bodyLeading, footLeading = size * 1.8
        let left = Self.margin, right = PDFWriter.a4Width - Self.margin
        let titleLines = title.isEmpty ? [] : Self.wrap(title, width: Self.textWidth - 2 * padding, size: size)
        let bodyLines = body.flatMap { Self.wrap($0, width: Self.textWidth - 24, size: size) }
        let footHeight = foot.isEmpty ? 0 : 10 + Double(foot.count - 1) * footLeading + size
        let contentHeight = padding + Double(titleLines.count) * titleLeading
            + (bodyLines.isEmpty ? 0 : size * 0.4 + Double(bodyLines.count) * leading)
        let height = max(minimumHeight, contentHeight + 8 + footHeight)
        let page = Self.top - Self.bottom
        if let heading {
            keep(min(height + Self.headingHeight(size: 12) + 4, page))
            self.heading(heading)
        } else {
            keep(min(height, page))
        }

        var boxTop = y, cursor = y - padding, continued = false
        for text in titleLines {
            line(text, x: left + padding, y: cursor - size, size: size)
            cursor -= titleLeading
        }
        if !bodyLines.isEmpty { cursor -= size * 0.4 }
        for text in bodyLines {
            if cursor - leading < Self.bottom {
                frame(top: boxTop, bottom: cursor - 2)
                newPage()
                (boxTop, cursor, continued) = (y, y - padding, true)
            }
            line(text, x: left + 12, y: cursor - size, size: size)
            cursor -= leading
        }
        var boxBottom = cursor - 8 - footHeight
        if !continued { boxBottom = min(boxBottom, max(boxTop - minimumHeight, Self.bottom)) }
        if boxBottom < Self.bottom {
            // The foot does not fit under the text: it goes on the next page, in the box's continuation.
            frame(top: boxTop, bottom: cursor - 2)
            newPage()
            boxTop = y
            boxBottom = y - footHeight - padding
        }
        var footY = boxBottom + 10 + Double(max(foot.count - 1, 0)) * footLeading
        for text in foot {
            let width = PDFWriter.width(of: text, size: size)
            line(text, x: right - 12 - width, y: footY, size: size)
            footY -= footLeading
        }
        frame(top: boxTop, bottom: boxBottom)
        y = boxBottom - 8
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
            let foot = PDFWriter.runs(of: text, x: (PDFWriter.a4Width - width) / 2, y: 36, size: size)
            writer.addPage(page.0 + foot, rules: page.1)
        }
        return writer
    }
}
