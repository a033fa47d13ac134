import Fluent
import Foundation
import TitleBridgeCore
import Vapor

/// 异议受理: the public objects to a person on a list while its period runs, and looks the
/// outcome up with the receipt. Objections are counted per address and per listed person so
/// that nobody can flood the bureau or bury a file under copies.
extension ResultPublicityDesk {
    /// At most this many objections from one address a day, and to one listed person a day.
    static let objectionsPerAddressPerDay = 5
    static let objectionsPerPersonPerDay = 20

    /// An entry the public can still read (on a list whose period has started, not removed).
    func publicEntry(_ entryID: UUID?) async throws -> (ResultEntryRecord, ResultListRecord, ResultPublicityPlan.Period) {
        guard let entryID, let entry = try await ResultEntryRecord.find(entryID, on: database), entry.removedAt == nil,
              let list = try await ResultListRecord.find(entry.listID, on: database), let period = list.period,
              period.starts <= clock.today() else { throw Abort(.notFound) }
        return (entry, list, period)
    }

    /// Takes an objection; answers its receipt.
    func object(to entryID: UUID?, form typed: ObjectionForm, from address: String) async throws -> ObjectionRecord {
        let (entry, _, period) = try await publicEntry(entryID)
        guard period.isOpen(on: clock.today()) else {
            throw APIProblem(status: .conflict, code: "publicity_closed", message: LocalizedText(
                zh: "公示期（\(period.text.zh)）已结束，不再受理异议。", en: "The publicity (\(period.text.en)) has ended; objections are no longer taken."),
                field: nil)
        }
        let form: ObjectionForm
        do { form = try typed.checked() } catch { throw APIProblem.badInput(error) }
        let now = clock.now()
        let dayAgo = now.addingTimeInterval(-86_400)
        let clientKey = SecureToken.sha256Hex("objection-address:" + address)
        let fromAddress = try await ObjectionRecord.query(on: database).filter(\.$clientKey == clientKey).filter(\.$submittedAt > dayAgo).all()
        let toPerson = try await ObjectionRecord.query(on: database).filter(\.$entryID == entry.requireID())
            .filter(\.$submittedAt > dayAgo).all()
        for (rows, limit) in [(fromAddress, Self.objectionsPerAddressPerDay), (toPerson, Self.objectionsPerPersonPerDay)] where rows.count >= limit {
            let oldest = rows.map(\.submittedAt).min() ?? now
            let wait = max(60, Int(oldest.addingTimeInterval(86_400).timeIntervalSince(now).rounded(.up)))
            throw APIProblem(status: .tooManyRequests, code: "objection_limit", message: LocalizedText(
                zh: "24小时内提交的异议已达上限（\(limit)件），请稍后再提交；紧急情况请直接联系市人社局。",
                en: "The limit of \(limit) objections in 24 hours has been reached; please try again later, or contact the bureau directly if it is urgent."),
                field: nil, headers: ["Retry-After": String(wait)])
        }
        let objection = ObjectionRecord()
        let id = UUID()
        objection.id = id
        objection.receipt = ObjectionReceipt.make(random: (0..<12).map { _ in UInt8.random(in: 0...255) })
        objection.entryID = try entry.requireID()
        objection.applicationID = entry.applicationID
        objection.name = form.name
        objection.contactSealed = try app.security.cipher.seal(form.contact, in: .objectionContact, row: id)
        objection.reasons = form.reasons
        objection.evidence = form.evidence.isEmpty ? nil : form.evidence
        objection.clientKey = clientKey
        objection.submittedAt = now
        objection.outcome = ObjectionOutcome.open.rawValue
        try await AuditLog.write(on: database, gate: app.security.auditGate, clock: clock) { db in
            try await objection.create(on: db)
            return ((), [AuditEntry(actor: .anonymous, action: "results.objection.receive", recordType: "objection",
                                    recordID: id.uuidString, after: "entry \(entry.id?.uuidString ?? "")")])
        }
        return objection
    }

    /// The objection a receipt names, with the entry it concerns; nil when there is none.
    func lookup(receipt typed: String?) async throws -> (ObjectionRecord, ResultEntryRecord?)? {
        guard let receipt = typed.flatMap(ObjectionReceipt.normalised),
              let objection = try await ObjectionRecord.query(on: database).filter(\.$receipt == receipt).first() else { return nil }
        return (objection, try await ResultEntryRecord.find(objection.entryID, on: database))
    }

    /// Objections the bureau has to rule on, oldest first, and the latest ruled ones.
    func objections(open: Bool, limit: Int = 200) async throws -> [ObjectionRecord] {
        let query = ObjectionRecord.query(on: database)
        if open {
            return try await query.filter(\.$outcome == ObjectionOutcome.open.rawValue).sort(\.$submittedAt).limit(limit).all()
        }
        return try await query.filter(\.$outcome != ObjectionOutcome.open.rawValue).sort(\.$ruledAt, .descending).limit(limit).all()
    }
}
