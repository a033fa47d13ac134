import Foundation

/// A horizontal bar chart drawn on the server as SVG: no script, sharp at any size, and printed
/// as it is seen. The same numbers stand in a table beside it (`rows`), which is also what a
/// screen reader reads: the drawing is marked as an image named by its title.
struct BarChart: Encodable {
    /// One bar and its row of the table: the label, the length, the cells after the label (the
    /// first is written beside the bar) and whether to mark it (a unit that cannot report in time).
    struct Bar {
        let label: String
        let value: Int
        let cells: [String]
        var alert = false
    }

    struct Row: Encodable {
        let cells: [String]
        let alert: Bool
    }

    let id: String
    let title: String
    let svg: String
    let headers: [String]
    let rows: [Row]

    /// `scale` is the value of a full bar: the largest value, or 100 for percentages.
    init(id: String, title: String, headers: [String], bars: [Bar], scale: Int? = nil) {
        self.id = id
        self.title = title
        self.headers = headers
        rows = bars.map { Row(cells: [$0.label] + $0.cells, alert: $0.alert) }
        svg = Self.draw(id: id, title: title, bars: bars, scale: max(scale ?? bars.map(\.value).max() ?? 0, 1))
    }

    static let width = 500, labelWidth = 180, barArea = 250, rowHeight = 28

    private static func draw(id: String, title: String, bars: [Bar], scale: Int) -> String {
        let height = max(bars.count, 1) * rowHeight + 8
        var svg = #"<svg class="chart" viewBox="0 0 \#(width) \#(height)" width="100%" role="img" aria-labelledby="\#(id)-title" xmlns="http://www.w3.org/2000/svg">"#
        svg += #"<title id="\#(id)-title">\#(escaped(title))</title>"#
        for (index, bar) in bars.enumerated() {
            let y = index * rowHeight + 4
            let length = bar.value <= 0 ? 0 : max(2, Int((Double(bar.value) / Double(scale) * Double(barArea)).rounded()))
            let colour = bar.alert ? "#b3261e" : "#1f5f99", ink = "#1d2730", track = "#eef2f6"
            // A cut name keeps its whole self as the label's tooltip.
            let shown = shortened(bar.label), whole = shown == bar.label ? "" : "<title>\(escaped(bar.label))</title>"
            svg += #"<text x="\#(labelWidth - 8)" y="\#(y + 19)" text-anchor="end" font-size="14" fill="\#(ink)">\#(whole)\#(escaped(shown))</text>"#
            svg += #"<rect x="\#(labelWidth)" y="\#(y + 5)" width="\#(barArea)" height="18" fill="\#(track)"/>"#
            svg += #"<rect x="\#(labelWidth)" y="\#(y + 5)" width="\#(length)" height="18" fill="\#(colour)"/>"#
            svg += #"<text x="\#(labelWidth + barArea + 8)" y="\#(y + 19)" font-size="14" font-weight="700" fill="\#(ink)">\#(escaped(bar.cells.first ?? ""))</text>"#
        }
        return svg + "</svg>"
    }

    /// Long names are cut in the drawing only (the table beside it has them whole), by an
    /// estimate of their width at 14 px: a CJK character 14, a capital 9, anything else 7.5;
    /// the label column holds 166 of them.
    static func shortened(_ label: String) -> String {
        var width = 0.0, out = ""
        for character in label {
            let scalar = character.unicodeScalars.first?.value ?? 0
            width += scalar > 0x2E80 ? 14 : character.isUppercase ? 9 : 7.5
            if width > 166 { return out + "…" }
            out.append(character)
        }
        return out
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
