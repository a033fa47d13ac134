import Fluent
import Foundation
import SQLKit
import TitleBridgeCore
import TitleBridgeCredentials
import TitleBridgeDocuments
import Vapor

/// Reads one export's rows a page at a time, as projections (one query per page, the columns the
/// list needs and nothing else), so a list of 100,000 rows streams out in steady memory.
struct ExportSource {
    let sql: any SQLDatabase
    let batch: String
    let language: Language
    static let pageSize = 2000

    init(database: any Database, batch: String, language: Language) throws {
        guard let sql = database as? any SQLDatabase else { throw ConfigError("exports need an SQL database") }
        self.sql = sql
        self.batch = batch
        self.language = language
    }

    /// How many rows `kind` has, for the page's figures and the progress of a run.
    func count(_ kind: ExportKind) async throws -> Int {
        let query: SQLQueryString = switch kind {
        case .accepted: "SELECT COUNT(*) AS n FROM acceptances WHERE batch_id = \(bind: batch)"
        case .paperReceipts: "SELECT COUNT(*) AS n FROM acceptances WHERE batch_id = \(bind: batch) AND paper_received_at IS NOT NULL"
        case .interviews: """
            SELECT COUNT(*) AS n FROM interview_files f JOIN interview_sessions s ON s.id = f.session_id WHERE s.batch_id = \(bind: batch)
            """
        case .results: "SELECT COUNT(*) AS n FROM result_entries e JOIN result_lists l ON l.id = e.list_id WHERE l.batch_id = \(bind: batch)"
        case .objections: """
            SELECT COUNT(*) AS n FROM objections o JOIN result_entries e ON e.id = o.entry_id JOIN result_lists l ON l.id = e.list_id
            WHERE l.batch_id = \(bind: batch)
            """
        case .certificates: "SELECT COUNT(*) AS n FROM certificates WHERE batch_id = \(bind: batch)"
        }
        return try await sql.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Every row of `kind`, handed to `each` a page at a time in the list's order.
    func pages(_ kind: ExportKind, _ each: ([[ExportCell]]) async throws -> Void) async throws {
        var offset = 0
        while true {
            let rows = try await sql.raw(query(kind, offset: offset)).all()
            guard !rows.isEmpty else { return }
            try await each(try rows.map { try cells(kind, $0) })
            guard rows.count == Self.pageSize else { return }
            offset += rows.count
        }
    }

    // MARK: queries

    private func query(_ kind: ExportKind, offset: Int) -> SQLQueryString {
        let page: SQLQueryString = " LIMIT \(unsafeRaw: "\(Self.pageSize)") OFFSET \(unsafeRaw: "\(offset)")"
        let filed: SQLQueryString = """
            SELECT a.number AS acceptance, p.number AS file_number, p.content_json AS content, p.stage AS stage,
              a.accepted_at AS accepted_at, a.paper_received_at AS paper_at, u.display_name AS paper_by,
              o.name_zh AS employer_zh, o.name_en AS employer_en
            FROM acceptances a JOIN applications p ON p.id = a.application_id
              LEFT JOIN organisations o ON o.id = p.employer_id LEFT JOIN users u ON u.id = a.paper_received_by
            WHERE a.batch_id = \(bind: batch)
            """
        switch kind {
        case .accepted:
            return filed + " ORDER BY a.number" + page
        case .paperReceipts:
            return filed + " AND a.paper_received_at IS NOT NULL ORDER BY a.paper_received_at, a.number" + page
        case .interviews:
            return """
                SELECT a.number AS acceptance, p.content_json AS content, s.field AS field, s.starts_at AS starts_at,
                  s.ends_at AS ends_at, s.place AS place, f.held_at AS held_at
                FROM interview_files f JOIN interview_sessions s ON s.id = f.session_id JOIN applications p ON p.id = f.application_id
                  LEFT JOIN acceptances a ON a.application_id = f.application_id
                WHERE s.batch_id = \(bind: batch) ORDER BY s.starts_at, a.number, f.id
                """ + page
        case .results:
            return """
                SELECT a.number AS acceptance, e.listing_json AS listing, e.removed_at AS removed_at, e.removed_reason AS removed_reason,
                  l.starts_on AS starts_on, l.ends_on AS ends_on
                FROM result_entries e JOIN result_lists l ON l.id = e.list_id LEFT JOIN acceptances a ON a.application_id = e.application_id
                WHERE l.batch_id = \(bind: batch) ORDER BY l.starts_on, a.number, e.id
                """ + page
        case .objections:
            return """
                SELECT o.receipt AS receipt, o.name AS name, o.submitted_at AS submitted_at, o.reasons AS reasons, o.evidence AS evidence,
                  o.outcome AS outcome, o.ruling AS ruling, o.ruled_at AS ruled_at, e.listing_json AS listing
                FROM objections o JOIN result_entries e ON e.id = o.entry_id JOIN result_lists l ON l.id = e.list_id
                WHERE l.batch_id = \(bind: batch) ORDER BY o.submitted_at, o.receipt
                """ + page
        case .certificates:
            return """
                SELECT number, certificate_json AS certificate, issued_at, revoked_at, revoked_reason
                FROM certificates WHERE batch_id = \(bind: batch) ORDER BY number
                """ + page
        }
    }

    // MARK: cells

    /// The few fields of a file's content a list shows; the rest of the JSON is skipped.
    private struct Listed: Decodable {
        struct Personal: Decodable { let name: String }
        let personal: Personal?
        let target: ApplicantProfile.Title?
    }

    private func cells(_ kind: ExportKind, _ row: any SQLRow) throws -> [ExportCell] {
        func text(_ column: String) throws -> ExportCell { .text(try row.decodeNil(column: column) ? nil : try row.decode(column: column, as: String.self)) }
        func instant(_ column: String) throws -> ExportCell { .dateTime(try row.decode(column: column, as: Date?.self)) }
        func day(_ column: String) throws -> ExportCell { .date(try row.decode(column: column, as: String?.self).flatMap { LocalDate(iso: $0) }) }
        func words(_ value: LocalizedText?) -> ExportCell { .text(value?.text(in: language)) }
        func employer() throws -> ExportCell {
            guard let zh = try row.decode(column: "employer_zh", as: String?.self) else { return .empty }
            return words(LocalizedText(zh: zh, en: try row.decode(column: "employer_en", as: String?.self) ?? zh))
        }
        func content() throws -> Listed? {
            try (row.decode(column: "content", as: String?.self)).flatMap { try? JSONDecoder().decode(Listed.self, from: Data($0.utf8)) }
        }
        func listing() throws -> ResultEntryRecord.Listing? {
            try row.decode(column: "listing", as: String?.self).flatMap { try? JSONDecoder().decode(ResultEntryRecord.Listing.self, from: Data($0.utf8)) }
        }
        switch kind {
        case .accepted:
            let file = try content()
            return [try text("acceptance"), try text("file_number"), .text(file?.personal?.name), try employer(),
                    words(file?.target?.series.name), words(file?.target?.level.name),
                    .date((try row.decode(column: "accepted_at", as: Date?.self)).map(ShanghaiTime.date(of:))),
                    words((try row.decode(column: "stage", as: String?.self)).flatMap(Stage.init(rawValue:))?.name)]
        case .paperReceipts:
            return [try text("acceptance"), .text(try content()?.personal?.name), try employer(), try instant("paper_at"), try text("paper_by")]
        case .interviews:
            return [try text("acceptance"), .text(try content()?.personal?.name),
                    words((try row.decode(column: "field", as: String?.self)).flatMap(CertificateField.init(rawValue:))?.name),
                    try instant("starts_at"), try instant("ends_at"), try text("place"), try instant("held_at")]
        case .results:
            let entry = try listing()
            let removed = try row.decode(column: "removed_at", as: Date?.self)
            return [try text("acceptance"), .text(entry?.name), words(entry?.employer), words(entry?.series), words(entry?.title),
                    words(entry?.field), try day("starts_on"), try day("ends_on"),
                    words(removed == nil ? LocalizedText(zh: "在列", en: "Listed") : LocalizedText(zh: "已移出", en: "Removed")),
                    try text("removed_reason")]
        case .objections:
            return [try text("receipt"), .text(try listing()?.name), try text("name"), try instant("submitted_at"), try text("reasons"),
                    try text("evidence"), words((try row.decode(column: "outcome", as: String?.self)).flatMap(ObjectionOutcome.init(rawValue:))?.name),
                    try text("ruling"), try instant("ruled_at")]
        case .certificates:
            let certificate = try row.decode(column: "certificate", as: String?.self)
                .flatMap { try? JSONDecoder().decode(TitleCertificate.self, from: Data($0.utf8)) }
            let revoked = try row.decode(column: "revoked_at", as: Date?.self)
            return [try text("number"), .text(certificate?.holderName), words(certificate?.series), words(certificate?.title),
                    .date((try row.decode(column: "issued_at", as: Date?.self)).map(ShanghaiTime.date(of:))),
                    .text(certificate?.documentNumber),
                    words(revoked == nil ? LocalizedText(zh: "有效", en: "Valid") : LocalizedText(zh: "已撤销", en: "Revoked")),
                    .date(revoked.map(ShanghaiTime.date(of:))), try text("revoked_reason")]
        }
    }
}
