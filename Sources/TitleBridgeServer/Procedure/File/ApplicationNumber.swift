import Fluent
import Foundation
import TitleBridgeCore
import Vapor

/// 申报编号 — `SB2024-000123`: the short number a file is known by on its page, on every page
/// of the printed form, and on the telephone, where a UUID cannot be read out. Drawn once per
/// file from a gap-free counter per year the file was opened (Asia/Shanghai), inside the
/// transaction that opens the file, so a file that was not opened gives its number back.
enum ApplicationNumber {
    static func format(year: Int, sequence: Int) -> String {
        let digits = String(sequence)
        return "SB\(year)-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    static func sequenceName(year: Int) -> String { "application-\(year)" }

    /// The next number of `year`; call it inside the transaction that stores it.
    static func draw(year: Int, on database: any Database) async throws -> String {
        format(year: year, sequence: try await NumberSequence.next(sequenceName(year: year), on: database))
    }

    /// Thrown inside the numbering transaction when another request numbered the file first:
    /// the rollback gives this request's number back.
    private struct AlreadyNumbered: Error {}

    /// The file's number. Every file opened through `ApplicationDesk.open` has one, and the
    /// migration numbered the files opened before; a file without one (made some other way) is
    /// numbered here, once, on first use, and the numbering is audited.
    static func ensure(_ record: ApplicationRecord, actor: AuditActor, app: Application, on database: any Database) async throws -> String {
        if let number = record.number { return number }
        let id = try record.requireID()
        let year = ShanghaiTime.date(of: record.createdAt).year
        do {
            let number = try await AuditLog.write(on: database, gate: app.security.auditGate, clock: app.domain.clock) { db in
                let number = try await draw(year: year, on: db)
                try await ApplicationRecord.query(on: db).filter(\.$id == id).filter(\.$number == nil).set(\.$number, to: number).update()
                guard try await ApplicationRecord.find(id, on: db)?.number == number else { throw AlreadyNumbered() }
                return (number, [AuditEntry(actor: actor, action: "application.number", recordType: "application",
                                            recordID: id.uuidString, after: number)])
            }
            record.number = number
            return number
        } catch is AlreadyNumbered {
            guard let stored = try await ApplicationRecord.find(id, on: database)?.number else { throw Abort(.conflict) }
            record.number = stored
            return stored
        }
    }
}
