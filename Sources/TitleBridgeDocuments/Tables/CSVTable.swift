import Foundation

/// A list as CSV the way spreadsheet programs open it without asking: UTF-8 with a byte-order
/// mark (without it Excel reads Chinese as mojibake), CRLF line ends, every field quoted when
/// it holds a comma, quote or line break (RFC 4180).
///
/// Formula-safe: a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return would
/// be run as a formula by a spreadsheet (CSV injection), so it is written with a leading `'`,
/// which the spreadsheet shows as text. Names, reasons and rulings are typed by the public, so
/// this is not theoretical.
public enum CSVTable {
    public static let byteOrderMark = "\u{FEFF}"

    public static func header(_ columns: [ExportColumn]) -> String {
        byteOrderMark + line(columns.map { ExportCell.text($0.heading) })
    }

    public static func line(_ cells: [ExportCell]) -> String {
        cells.map { field($0) }.joined(separator: ",") + "\r\n"
    }

    static func field(_ cell: ExportCell) -> String {
        var value = cell.plain
        if case .text = cell, let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
            value = "'" + value
        }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
