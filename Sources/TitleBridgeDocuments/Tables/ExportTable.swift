import Foundation
import TitleBridgeCore

/// One column of a list the bureau takes out of the system: its heading, how wide a
/// spreadsheet shows it (in characters) and what its cells hold.
public struct ExportColumn: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case text, number, date, dateTime }

    public let heading: String
    public let width: Int
    public let kind: Kind

    public init(_ heading: String, width: Int, kind: Kind = .text) {
        self.heading = heading
        self.width = width
        self.kind = kind
    }
}

/// One cell. Dates are Shanghai calendar days; instants are shown in Shanghai time.
public enum ExportCell: Sendable, Equatable {
    case text(String)
    case number(Int)
    case date(LocalDate)
    case dateTime(Date)
    case empty

    public static func text(_ value: String?) -> ExportCell { value.map { .text($0) } ?? .empty }
    public static func dateTime(_ value: Date?) -> ExportCell { value.map { .dateTime($0) } ?? .empty }
    public static func date(_ value: LocalDate?) -> ExportCell { value.map { .date($0) } ?? .empty }

    /// The cell as a CSV or a reader shows it: dates `YYYY-MM-DD`, instants `YYYY-MM-DD HH:MM`
    /// in Shanghai time.
    public var plain: String {
        switch self {
        case .text(let value): value
        case .number(let value): String(value)
        case .date(let value): value.iso
        case .dateTime(let value): ShanghaiTime.clockText(value)
        case .empty: ""
        }
    }
}
