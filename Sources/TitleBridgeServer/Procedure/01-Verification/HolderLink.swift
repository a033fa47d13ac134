import Fluent
import Foundation
import TitleBridgeCore

/// Results loaded from the verification platform name their holder by ID number and name only.
/// Each is linked to the account of that person, so the holder finds it among their own
/// verifications and can choose it when applying (四(一)), as with a request a verifier passed.
/// Numbers are sealed with a fresh nonce each time, so one number never seals alike twice: the
/// numbers are opened and compared as normalised text, never as sealed values.
enum HolderLink {
    struct Holder: Sendable {
        let userID: UUID
        let name: String
    }

    /// The accounts that have an ID number, by the number.
    struct Accounts: Sendable {
        let byNumber: [String: [Holder]]

        /// The one account whose number and name match; nil when none does, or when several do
        /// (the result then stays unlinked rather than reach the wrong person).
        func holder(idNumber: String, name: String) -> UUID? {
            let matching = (byNumber[HolderLink.normalised(idNumber)] ?? []).filter { HolderName.matches($0.name, name) }
            return matching.count == 1 ? matching[0].userID : nil
        }
    }

    static func normalised(_ idNumber: String) -> String {
        String(idNumber.filter { !$0.isWhitespace }.uppercased())
    }

    /// Every enabled account's ID number, opened. A number that does not open (sealed with a key
    /// no longer in the keyring) leaves its account out: it is not linked, and nothing else fails.
    static func accounts(on db: any Database, cipher: PersonalDataCipher) async throws -> Accounts {
        let users = try await UserRecord.query(on: db).filter(\.$idNumberSealed != nil).filter(\.$isDisabled == false).all()
        var byNumber: [String: [Holder]] = [:]
        for user in users {
            guard let id = user.id, let sealed = user.idNumberSealed,
                  let number = try? cipher.open(sealed, in: .userIDNumber, row: id) else { continue }
            byNumber[normalised(number), default: []].append(Holder(userID: id, name: user.displayName))
        }
        return Accounts(byNumber: byNumber)
    }

    /// Links to a newly created account the loaded results no account held yet whose number and
    /// name are its own (and no other account's), inside the creating transaction; tells the
    /// holder and returns the audit rows.
    static func claim(for userID: UUID, by actor: AuditActor, on db: any Database, cipher: PersonalDataCipher,
                      at now: Date) async throws -> [AuditEntry] {
        let waiting = try await VerificationRecord.query(on: db)
            .filter(\.$source == VerificationRecord.Source.platformImport.rawValue)
            .filter(\.$applicantID == nil).all()
        guard !waiting.isEmpty else { return [] }
        let known = try await Self.accounts(on: db, cipher: cipher)
        var entries: [AuditEntry] = []
        for record in waiting {
            guard let id = record.id, let sealed = record.idNumberSealed,
                  let number = try? cipher.open(sealed, in: .verificationIDNumber, row: id),
                  known.holder(idNumber: number, name: record.holderName) == userID else { continue }
            let before = AuditLog.digest(VerificationSnapshot(record))
            record.applicantID = userID
            try await record.save(on: db)
            try await MessageRecord(to: userID, about: nil, title: messageTitle, body: messageBody(record), at: now).create(on: db)
            entries.append(AuditEntry(actor: actor, action: "verification.link", recordType: "verification", recordID: id.uuidString,
                                      before: before, after: AuditLog.digest(VerificationSnapshot(record)),
                                      reason: "holder's ID number and name"))
        }
        return entries
    }

    static let messageTitle = LocalizedText(zh: "证书查验：平台结果已归入您的账户", en: "Certificate verification: a platform result is yours")

    /// What the holder is told when a loaded result is linked to them.
    static func messageBody(_ record: VerificationRecord) -> LocalizedText {
        let day = record.passedDay
        return LocalizedText(
            zh: "市人社局导入的查验平台结果中，证书（编号 \(record.certificateNumber)）已于\(day.map { DateText.long($0, in: .zh) } ?? "")通过查验，查验编号 \(record.verificationNumber ?? "")。该结果按证件号码和姓名归入您的账户，申报时可直接选择此查验编号。",
            en: "Among the verification platform's results loaded by the bureau, your certificate (no. \(record.certificateNumber)) passed verification on \(day.map { DateText.long($0, in: .en) } ?? ""), verification number \(record.verificationNumber ?? ""). It was matched to your account by ID number and name; choose it when you apply.")
    }
}
