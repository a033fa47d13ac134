import Fluent
import SQLKit
import TitleBridgeCore
import Vapor

/// What the command line does to a running system's data, each step audited.
public enum OperatorTasks {
    /// `titlebridge users create`: an account made from the command line, e.g. the first admin.
    public static func createUser(on app: Application, username: String, displayName: String, password: String,
                                  roles: [Role], organisationCreditCode: String?) async throws -> UUID {
        var organisationID: UUID?
        if let code = organisationCreditCode {
            guard let unit = try await OrganisationRecord.query(on: app.db).filter(\.$creditCode == code.uppercased()).first() else {
                throw ConfigError("no organisation with the unified social credit code \(code)")
            }
            organisationID = unit.id
        }
        let account = NewAccount(username: username, displayName: displayName, password: password, roles: roles,
                                 organisationID: organisationID, idKind: nil, idNumber: nil, phone: nil)
        do {
            return try await AccountDirectory(app: app).createAccount(account, by: .system("cli")).requireID()
        } catch let problem as APIProblem {
            throw ConfigError("\(problem.field.map { $0 + ": " } ?? "")\(problem.message.en) / \(problem.message.zh)")
        }
    }

    /// The outcome of `titlebridge audit verify`.
    public struct AuditReport: Sendable {
        public let rowsChecked: Int
        public let firstBrokenRow: Int?
        public let problem: String?
        /// `seq:hash` of the newest row.
        public let head: String?
        public var isIntact: Bool { firstBrokenRow == nil }
    }

    /// Walks the chain; with `expectedHead` (a head printed by an earlier run) also checks that
    /// that row is still there, unchanged — so removing the newest rows does not go unseen.
    public static func verifyAudit(on app: Application, expectedHead: String? = nil) async throws -> AuditReport {
        let result = try await AuditLog.verify(on: app.db)
        if result.firstBrokenSeq == nil, let expectedHead, !(try await AuditLog.holds(head: expectedHead, on: app.db)) {
            return AuditReport(rowsChecked: result.rowsChecked, firstBrokenRow: Int(expectedHead.split(separator: ":").first ?? "") ?? 0,
                               problem: "the recorded head \(expectedHead) is no longer in the log: rows were removed from its end",
                               head: result.head)
        }
        return AuditReport(rowsChecked: result.rowsChecked, firstBrokenRow: result.firstBrokenSeq, problem: result.problem, head: result.head)
    }

    /// A new entry for `TITLEBRIDGE_DATA_KEYS`.
    public static func newDataKey(id: String) -> String {
        PersonalDataCipher.newKeyringEntry(id: id)
    }

    /// Seals every personal number again with the first key of the keyring, bound to its
    /// table, column and row, so older keys can be retired: accounts, application files and
    /// verification results alike. Each batch of rows is one audited transaction; a run that
    /// stops part-way leaves every row either old or new, and the next run carries on.
    /// Returns how many values moved.
    public static func resealPersonalData(on app: Application) async throws -> Int {
        let cipher = app.security.cipher
        var moved = 0
        for table in sealedTables {
            let stale = try await table.rows(app.db).filter { row in
                row.values.contains { $0.map(cipher.isStale) ?? false }
            }
            var start = 0
            while start < stale.count {
                let batch = Array(stale[start..<min(start + resealBatchSize, stale.count)])
                start += resealBatchSize
                moved += try await AuditLog.write(on: app.db, gate: app.security.auditGate, clock: app.domain.clock) { db in
                    try await reseal(batch, of: table, with: cipher, on: db)
                }
            }
        }
        return moved
    }

    /// Rows per reseal transaction: large enough to be quick, small enough not to hold the
    /// audit lock for long on a busy system.
    private static let resealBatchSize = 200

    /// A row's id with its sealed values, in the order of its table's columns.
    private struct SealedRow: Sendable {
        let id: UUID
        let values: [String?]
    }

    /// A table that holds sealed values: what each column is bound to, and how its rows are read.
    private struct SealedTable: Sendable {
        let name: String
        let recordType: String
        let columns: [(column: PersonalDataCipher.Column, field: String)]
        let rows: @Sendable (any Database) async throws -> [SealedRow]
    }

    /// Every column that holds a sealed value. A new sealed column belongs here, or
    /// `keys reseal` leaves it under the old key and retiring that key loses it.
    private static let sealedTables: [SealedTable] = [
        SealedTable(name: UserRecord.schema, recordType: "user",
                    columns: [(column: .userIDNumber, field: "id_number_sealed"), (column: .userPhone, field: "phone_sealed")],
                    rows: { db in
                        try await UserRecord.query(on: db).field(\.$id).field(\.$idNumberSealed).field(\.$phoneSealed).all()
                            .map { SealedRow(id: try $0.requireID(), values: [$0.idNumberSealed, $0.phoneSealed]) }
                    }),
        SealedTable(name: ApplicationRecord.schema, recordType: "application",
                    columns: [(column: .applicationIDNumber, field: "id_number_sealed")],
                    rows: { db in
                        try await ApplicationRecord.query(on: db).filter(\.$idNumberSealed != nil).field(\.$id).field(\.$idNumberSealed).all()
                            .map { SealedRow(id: try $0.requireID(), values: [$0.idNumberSealed]) }
                    }),
        SealedTable(name: VerificationRecord.schema, recordType: "verification",
                    columns: [(column: .verificationIDNumber, field: "id_number_sealed")],
                    rows: { db in
                        try await VerificationRecord.query(on: db).filter(\.$idNumberSealed != nil).field(\.$id).field(\.$idNumberSealed).all()
                            .map { SealedRow(id: try $0.requireID(), values: [$0.idNumberSealed]) }
                    }),
        SealedTable(name: ObjectionRecord.schema, recordType: "objection",
                    columns: [(column: .objectionContact, field: "contact_sealed")],
                    rows: { db in
                        try await ObjectionRecord.query(on: db).field(\.$id).field(\.$contactSealed).all()
                            .map { SealedRow(id: try $0.requireID(), values: [$0.contactSealed]) }
                    }),
    ]

    /// Reseals the stale values of `rows`, one audit entry per row that changed.
    private static func reseal(_ rows: [SealedRow], of table: SealedTable, with cipher: PersonalDataCipher,
                               on db: any Database) async throws -> (Int, [AuditEntry]) {
        guard let sql = db as? any SQLDatabase else { throw ConfigError("the database does not accept SQL") }
        var moved = 0
        var entries: [AuditEntry] = []
        for row in rows {
            var changed: [String] = []
            for (index, (column, field)) in table.columns.enumerated() {
                guard index < row.values.count, let sealed = row.values[index], cipher.isStale(sealed) else { continue }
                let plain: String
                do {
                    plain = try cipher.open(sealed, in: column, row: row.id)
                } catch {
                    throw ConfigError("\(column.rawValue) of \(table.recordType) \(row.id.uuidString) does not open: \(error)")
                }
                let fresh = try cipher.seal(plain, in: column, row: row.id)
                // Only the value that was read is replaced; one saved meanwhile is already current.
                let updated = try await sql.raw("""
                    UPDATE \(ident: table.name) SET \(ident: field) = \(bind: fresh)
                    WHERE id = \(bind: row.id) AND \(ident: field) = \(bind: sealed)
                    RETURNING id
                    """).all()
                if !updated.isEmpty { changed.append(column.rawValue) }
            }
            guard !changed.isEmpty else { continue }
            moved += changed.count
            entries.append(AuditEntry(actor: .system("cli"), action: "personalData.reseal", recordType: table.recordType,
                                      recordID: row.id.uuidString,
                                      reason: "key \(cipher.currentKeyID): " + changed.joined(separator: ", ")))
        }
        return (moved, entries)
    }

    /// `titlebridge catalogue import`: the whole file or nothing; returns a line to print.
    /// `listVersion` nil: the version the current batch policy names (its certificate list).
    public static func importCatalogue(on app: Application, csv: Data, listVersion: String?) async throws -> String {
        do {
            let version = try listVersion ?? app.domain.currentPolicy.certificateList.version
            let summary = try await CatalogueStore(app: app).importCSV(csv, listVersion: version, by: .system("cli"))
            return "catalogue imported: \(summary.added) added, \(summary.changed) changed, \(summary.unchanged) unchanged"
        } catch let problem as APIProblem {
            throw ConfigError("\(problem.message.en)\n\(problem.message.zh)\nNothing was imported.")
        }
    }

    /// `titlebridge catalogue export`: the catalogue as CSV (UTF-8 with BOM).
    public static func exportCatalogue(on app: Application) async throws -> Data {
        try await CatalogueStore(app: app).export()
    }

    /// `titlebridge verifications import`: the platform's results, all or nothing.
    public static func importVerifications(on app: Application, csv: Data) async throws -> String {
        do {
            let summary = try await VerificationDesk(app: app).importResults(csv, by: .system("cli"))
            return "verification results imported: \(summary.imported) (linked to their holders' accounts: \(summary.linked))"
        } catch let problem as APIProblem {
            throw ConfigError("\(problem.message.en)\n\(problem.message.zh)\nNothing was imported.")
        }
    }
}
