import Crypto
import Fluent
import Foundation
import SQLKit
import TitleBridgeCore

/// Who did it, as the audit log records it.
struct AuditActor: Sendable {
    let id: UUID?
    let name: String
    let role: String

    /// The system itself (seeding, scheduled jobs, the command line).
    static func system(_ name: String = "system") -> AuditActor { AuditActor(id: nil, name: name, role: "system") }
    /// Someone not signed in (a sign-in attempt).
    static let anonymous = AuditActor(id: nil, name: "anonymous", role: "anonymous")
}

/// One state change to record.
struct AuditEntry: Sendable {
    let actor: AuditActor
    let action: String
    let recordType: String
    let recordID: String
    var before: String? = nil
    var after: String? = nil
    var reason: String? = nil
}

/// The append-only, hash-chained audit log. Every row's hash covers its own fields and the
/// previous row's hash, so changing, inserting or deleting a row inside the chain breaks it
/// at that row; `verify` names the first row that does not hold.
enum AuditLog {
    static let genesis = String(repeating: "0", count: 64)
    /// The PostgreSQL advisory lock that orders appends across app instances. The lock is taken
    /// per schema (the key hashed with `current_schema()`): the log lives in its schema, so
    /// instances of one installation share the lock while installations (or test schemas) that
    /// share a server do not wait on each other.
    static let lockKey: Int64 = 2_024_296

    /// Runs `change` and records what it returns in one transaction: either both happen or
    /// neither. Appends are serialised (in the process, and on PostgreSQL across processes)
    /// so the chain has one order.
    static func write<T: Sendable>(on database: any Database, gate: AsyncGate, clock: any WallClock,
                                   _ change: @Sendable @escaping (any Database) async throws -> (T, [AuditEntry])) async throws -> T {
        try await gate.run {
            try await database.transaction { transaction in
                if let sql = transaction as? any SQLDatabase, sql.dialect.name != "sqlite" {
                    try await sql.raw("SELECT pg_advisory_xact_lock(hashtextextended(current_schema(), \(bind: lockKey)))").run()
                }
                let (value, entries) = try await change(transaction)
                try await append(entries, on: transaction, at: clock.now())
                return value
            }
        }
    }

    /// Records entries that change nothing else (sign-in attempts).
    static func record(_ entries: [AuditEntry], on database: any Database, gate: AsyncGate, clock: any WallClock) async throws {
        try await write(on: database, gate: gate, clock: clock) { _ in ((), entries) }
    }

    /// Appends inside a transaction `write` holds (a desk's writes run in a stage change's).
    static func append(_ entries: [AuditEntry], on database: any Database, at instant: Date) async throws {
        guard !entries.isEmpty else { return }
        var previous = try await AuditEventRecord.query(on: database).sort(\.$id, .descending).first()?.hash ?? genesis
        let at = timestamp(instant)
        for entry in entries {
            let row = AuditEventRecord()
            row.at = at
            row.actorID = entry.actor.id?.uuidString
            row.actorName = entry.actor.name
            row.actorRole = entry.actor.role
            row.action = entry.action
            row.recordType = entry.recordType
            row.recordID = entry.recordID
            row.beforeDigest = entry.before
            row.afterDigest = entry.after
            row.reason = entry.reason
            row.prevHash = previous
            row.hash = hash(of: row, previous: previous)
            try await row.create(on: database)
            previous = row.hash
        }
    }

    /// SHA-256 over the previous hash and the row's fields, as a JSON array so no two
    /// different rows can give the same input.
    static func hash(of row: AuditEventRecord, previous: String) -> String {
        let fields: [String?] = [previous, row.at, row.actorID, row.actorName, row.actorRole, row.action,
                                 row.recordType, row.recordID, row.beforeDigest, row.afterDigest, row.reason]
        let data = (try? JSONEncoder().encode(fields)) ?? Data()
        return SHA256.hash(data: data).hexString
    }

    /// A digest of a record's state for the before/after columns: the log proves what a
    /// record was without holding its personal data.
    static func digest(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        let data = (try? encoder.encode(value)) ?? Data()
        return SHA256.hash(data: data).hexString
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }

    /// The instant a row's `at` text names: `timestamp` read back.
    static func instant(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    /// The result of walking the chain.
    struct Verification: Sendable, Equatable {
        let rowsChecked: Int
        /// The first row whose stored link or hash does not hold.
        let firstBrokenSeq: Int?
        let problem: String?
        /// The newest row and its hash, `seq:hash`: written down elsewhere, it lets a later
        /// check notice rows removed from the end, which the chain alone cannot.
        var head: String? = nil
    }

    /// Walks the whole chain in order, a page at a time.
    static func verify(on database: any Database, pageSize: Int = 1000) async throws -> Verification {
        var previous = genesis
        var checked = 0
        var lastSeq = Int.min
        while true {
            let page = try await AuditEventRecord.query(on: database)
                .filter(\.$id > lastSeq).sort(\.$id, .ascending).limit(pageSize).all()
            for row in page {
                let seq = row.id ?? 0
                if row.prevHash != previous {
                    return Verification(rowsChecked: checked, firstBrokenSeq: seq,
                                        problem: "its link to the row before does not match (a row was changed, removed or inserted)")
                }
                if hash(of: row, previous: previous) != row.hash {
                    return Verification(rowsChecked: checked, firstBrokenSeq: seq, problem: "its content does not match its hash")
                }
                previous = row.hash
                checked += 1
                lastSeq = seq
            }
            if page.count < pageSize { break }
        }
        return Verification(rowsChecked: checked, firstBrokenSeq: nil, problem: nil,
                            head: checked > 0 ? "\(lastSeq):\(previous)" : nil)
    }

    /// Whether the chain still holds the head recorded earlier (`seq:hash`): the row is there with
    /// that hash. Rows removed from the end take it away; a chain only grown keeps it.
    static func holds(head recorded: String, on database: any Database) async throws -> Bool {
        let parts = recorded.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let seq = Int(parts[0]) else { return false }
        return try await AuditEventRecord.query(on: database).filter(\.$id == seq).first()?.hash == String(parts[1])
    }
}
