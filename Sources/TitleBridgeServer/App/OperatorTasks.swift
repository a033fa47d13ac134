import Fluent
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
        public var isIntact: Bool { firstBrokenRow == nil }
    }

    public static func verifyAudit(on app: Application) async throws -> AuditReport {
        let result = try await AuditLog.verify(on: app.db)
        return AuditReport(rowsChecked: result.rowsChecked, firstBrokenRow: result.firstBrokenSeq, problem: result.problem)
    }

    /// A new entry for `TITLEBRIDGE_DATA_KEYS`.
    public static func newDataKey(id: String) -> String {
        PersonalDataCipher.newKeyringEntry(id: id)
    }

    /// Seals every personal number again with the first key of the keyring, so older keys can
    /// be retired. Returns how many values moved.
    public static func resealPersonalData(on app: Application) async throws -> Int {
        let cipher = app.security.cipher
        let users = try await UserRecord.query(on: app.db).all()
        let stale = users.filter { user in
            [user.idNumberSealed, user.phoneSealed].contains { $0.map(cipher.isStale) ?? false }
        }
        guard !stale.isEmpty else { return 0 }
        return try await AuditLog.write(on: app.db, gate: app.security.auditGate, clock: app.domain.clock) { db in
            var moved = 0
            var entries: [AuditEntry] = []
            for user in stale {
                if let sealed = user.idNumberSealed, cipher.isStale(sealed) {
                    user.idNumberSealed = try cipher.seal(try cipher.open(sealed, for: .idNumber), for: .idNumber)
                    moved += 1
                }
                if let sealed = user.phoneSealed, cipher.isStale(sealed) {
                    user.phoneSealed = try cipher.seal(try cipher.open(sealed, for: .phone), for: .phone)
                    moved += 1
                }
                try await user.save(on: db)
                entries.append(AuditEntry(actor: .system("cli"), action: "personalData.reseal", recordType: "user",
                                          recordID: try user.requireID().uuidString, reason: "key \(cipher.currentKeyID)"))
            }
            return (moved, entries)
        }
    }

    /// `titlebridge catalogue import`: the whole file or nothing; returns a line to print.
    public static func importCatalogue(on app: Application, csv: Data, listVersion: String) async throws -> String {
        do {
            let summary = try await CatalogueStore(app: app).importCSV(csv, listVersion: listVersion, by: .system("cli"))
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
            return "verification results imported: \(summary.imported)"
        } catch let problem as APIProblem {
            throw ConfigError("\(problem.message.en)\n\(problem.message.zh)\nNothing was imported.")
        }
    }
}
