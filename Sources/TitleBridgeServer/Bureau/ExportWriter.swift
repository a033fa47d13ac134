import Foundation
import TitleBridgeCore
import TitleBridgeDocuments

/// Writes one export, page by page as `ExportSource` reads it: CSV to any sink (a file, or the
/// answer to a browser as it goes) — UTF-8 with a byte-order mark, without which Excel reads
/// Chinese as mojibake, and every cell formula-safe (`CSVTable.line`) —, XLSX to a file (a ZIP
/// needs its parts whole before its directory can be written).
enum ExportWriter {
    /// Streams the CSV to `sink` in chunks of one page of rows; returns the rows written.
    @discardableResult
    static func csv(_ kind: ExportKind, from source: ExportSource, _ sink: (String) async throws -> Void) async throws -> Int {
        var written = 0
        try await sink(CSVTable.byteOrderMark + CSVTable.line(kind.columns(in: source.language).map(\.heading)))
        try await source.pages(kind) { rows in
            var chunk = ""
            for row in rows { chunk += CSVTable.line(row.map(\.plain)) }
            written += rows.count
            try await sink(chunk)
        }
        return written
    }

    /// Writes the workbook to `url`; returns the rows written.
    @discardableResult
    static func xlsx(_ kind: ExportKind, from source: ExportSource, to url: URL) async throws -> Int {
        let workbook = try XLSXWorkbook(sheetName: kind.title.text(in: source.language), columns: kind.columns(in: source.language))
        try await source.pages(kind) { rows in
            for row in rows { try workbook.append(row) }
        }
        try workbook.finish(to: url)
        return workbook.rowCount
    }

    /// Writes either format to `url` (the command line).
    @discardableResult
    static func write(_ kind: ExportKind, format: ExportFormat, from source: ExportSource, to url: URL) async throws -> Int {
        switch format {
        case .xlsx:
            return try await xlsx(kind, from: source, to: url)
        case .csv:
            // Lists of people: readable by the one who took them out only.
            guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path])
            }
            let handle = try FileHandle(forWritingTo: url)
            defer { try? handle.close() }
            return try await csv(kind, from: source) { try handle.write(contentsOf: Data($0.utf8)) }
        }
    }
}
