import Fluent
import Foundation
import SQLKit
import TitleBridgeCore
import TitleBridgeCredentials
import Vapor

/// 发证 (四(八)): "公示无异议的，由市人社局制作职称电子证书". The bureau issues the certificates of
/// a batch in one run (`CertificateRuns`); each file is certified in its own stage change, which
/// writes the certificate — number, signed credential, status-list index — in the same
/// transaction, so a file is certified exactly when its certificate exists, and a second run
/// finds nothing left to issue.
struct CertificateDesk {
    let app: Application
    let database: any Database

    init(request: Request) {
        self.init(app: request.application, database: request.db)
    }

    init(app: Application, database: any Database) {
        self.app = app
        self.database = database
    }

    var clock: any WallClock { app.domain.clock }
    var keys: SigningKeys { app.signingKeys }

    /// Files of the batch whose publicity has ended with no open objection.
    func issuable(batch: String) async throws -> [ApplicationRecord] {
        let today = clock.today()
        let entries = try await ResultEntryRecord.query(on: database).filter(\.$removedAt == nil).all()
        let lists = try await ResultListRecord.query(on: database).filter(\.$batchID == batch).all()
        let over = Set(lists.filter { $0.period?.isOver(on: today) ?? false }.compactMap(\.id))
        let candidates = entries.filter { over.contains($0.listID) }.map(\.applicationID)
        let blocked = Set(try await ObjectionRecord.query(on: database).filter(\.$applicationID ~~ candidates)
            .filter(\.$outcome == ObjectionOutcome.open.rawValue).all().map(\.applicationID))
        return try await ApplicationRecord.query(on: database).filter(\.$id ~~ candidates.filter { !blocked.contains($0) })
            .filter(\.$stage == Stage.resultPublicity.rawValue).sort(\.$createdAt).all()
    }

    /// The issuing key, made on first use when the data folder has none (as the personal-data
    /// key is): a fresh installation can issue without a step nobody told it about.
    func issuer() async throws -> TitleCredential.Issuer {
        if let issuer = try await keys.current(on: database, app: app) { return issuer }
        try await keys.create(on: database, app: app, actor: .system("first issue"))
        app.logger.notice("certificate signing key created in the data folder (titlebridge keys signing list)")
        guard let issuer = try await keys.current(on: database, app: app) else { throw ConfigError("no usable certificate signing key") }
        return issuer
    }

    /// Issues the certificate of one file. Nil when the file was already moved (another run).
    @discardableResult
    func issue(_ record: ApplicationRecord, documentNumber: String, approvedOn: LocalDate, runID: UUID?,
               issuer: TitleCredential.Issuer, by principal: Principal) async throws -> CertificateRecord? {
        let policy = try ApplicationDesk(app: app, database: database).policy(of: record)
        let applicationID = try record.requireID()
        // The certificate states what the public list showed; a file on no list is refused by the stage change.
        let published = try await ResultEntryRecord.query(on: database).filter(\.$applicationID == applicationID).first()?.listing
        let listing: ResultEntryRecord.Listing
        if let published { listing = published } else { listing = try await ResultPublicityDesk(app: app, database: database).listing(of: record) }
        // The certificate is public: its ID number is masked for everyone.
        let maskedID = record.idNumberSealed.flatMap { try? app.security.cipher.open($0, in: .applicationIDNumber, row: applicationID) }
            .map(Masking.identityNumber) ?? "—"
        let keys = self.keys
        let made = CertificateBox()
        do {
            _ = try await ApplicationDesk(app: app, database: database).transition(
                record, event: .certify, reason: nil, idempotencyKey: nil, by: principal) { db, now in
                let sequence = try await NumberSequence.next(CertificateNumber.sequenceName(batchCode: policy.acceptanceBatchCode), on: db)
                let number = CertificateNumber.format(batchCode: policy.acceptanceBatchCode, sequence: sequence)
                let certificate = TitleCertificate(
                    number: number, holderName: listing.name, maskedIDNumber: maskedID, series: listing.series, title: listing.title,
                    specialty: listing.field.zh == "—" ? nil : listing.field,
                    committee: LocalizedText(zh: policy.committee.zh, en: policy.committee.en),
                    approvedOn: approvedOn.iso, documentNumber: documentNumber)
                let index = try await Self.freeStatusIndex(on: db)
                let credential = try TitleCredential.issue(
                    certificate, id: keys.verificationURL(number), validFrom: RFC3339.text(now),
                    status: .init(listCredential: keys.statusListID, index: index), by: issuer)
                let row = CertificateRecord()
                row.number = number
                row.applicationID = applicationID
                row.batchID = record.batchID
                row.holderID = record.applicantID
                row.certificateJSON = String(decoding: try JSONEncoder.sorted.encode(certificate), as: UTF8.self)
                row.credentialJSON = CanonicalJSON.serialize(credential)
                row.statusIndex = index
                row.keyID = issuer.keyID
                row.issuedAt = now
                row.runID = runID
                try await row.create(on: db)
                made.record = row
                return LocalizedText(
                    zh: "职称电子证书已制发，证书编号 \(number)。可在申报状态页面下载证书 PDF 和可验证电子凭证。",
                    en: "Your electronic title certificate has been issued, number \(number). Download its PDF and its verifiable credential from the file's status page.")
            }
        } catch let problem as APIProblem where problem.code == "stage_changed" {
            return nil
        }
        return made.record
    }

    /// A random index of the revocation list no certificate holds (四(八) says nothing of it;
    /// Bitstring Status List asks for random indexes so a list reveals no order of issue).
    static func freeStatusIndex(on db: any Database) async throws -> Int {
        for _ in 0..<64 {
            let index = Int.random(in: 0..<BitstringStatusList.minimumBits)
            if try await CertificateRecord.query(on: db).filter(\.$statusIndex == index).count() == 0 { return index }
        }
        throw ConfigError("the revocation list has no free index left")
    }

    // MARK: reading

    func certificate(number typed: String?) async throws -> CertificateRecord? {
        guard let number = typed.flatMap(CertificateNumber.normalised) else { return nil }
        return try await CertificateRecord.query(on: database).filter(\.$number == number).first()
    }

    /// The revocation list as it stands: the bit of every revoked certificate set.
    func statusList() async throws -> BitstringStatusList {
        var list = BitstringStatusList()
        for row in try await CertificateRecord.query(on: database).filter(\.$revokedAt != nil).field(\.$statusIndex).all() {
            list[row.statusIndex] = true
        }
        return list
    }

    /// The signed revocation list (signed by the current key); nil before any key exists
    /// (nothing has been issued, so there is nothing to revoke).
    func statusListCredential() async throws -> JSONValue? {
        guard let issuer = try await keys.current(on: database, app: app) else { return nil }
        let latest = try await CertificateRecord.query(on: database).filter(\.$revokedAt != nil).sort(\.$revokedAt, .descending).first()
        let first = try await CertificateRecord.query(on: database).sort(\.$issuedAt).first()
        let validFrom = latest?.revokedAt ?? first?.issuedAt ?? clock.now()
        return try TitleCredential.statusListCredential(try await statusList(), id: keys.statusListID,
                                                        validFrom: RFC3339.text(validFrom), by: issuer)
    }

    /// The stored credential checked step by step against the keys and the list of this server.
    func verify(_ record: CertificateRecord) async throws -> CredentialVerifier.Report {
        let publicKeys = try await keys.publicKeys(on: database)
        guard let credential = try? CanonicalJSON.parse(record.credentialJSON) else {
            return CredentialVerifier.verify(.null, publicKey: { _ in nil }, statusList: nil, now: RFC3339.text(clock.now()))
        }
        return CredentialVerifier.verify(credential, publicKey: { publicKeys[$0] }, statusList: try await statusList(),
                                         now: RFC3339.text(clock.now()))
    }

    // MARK: revoking

    /// Revokes a certificate with the reason: its bit in the list is set, the file moves to
    /// 已撤销, and the holder is told — in one transaction.
    func revoke(number: String?, reason typed: String?, by principal: Principal) async throws -> CertificateRecord {
        guard let row = try await certificate(number: number) else { throw Abort(.notFound) }
        guard row.revokedAt == nil else {
            throw APIProblem(status: .conflict, code: "already_revoked", message: LocalizedText(
                zh: "该证书已撤销。", en: "This certificate is already revoked."), field: nil)
        }
        let reason = try Self.revocationReason(typed)
        guard let file = try await ApplicationRecord.find(row.applicationID, on: database) else { throw Abort(.notFound) }
        let id = try row.requireID()
        _ = try await ApplicationDesk(app: app, database: database).transition(
            file, event: .revoke, reason: reason, idempotencyKey: nil, by: principal) { db, now in
            guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
            try await sql.raw("""
                UPDATE certificates SET revoked_at = \(bind: now), revoked_reason = \(bind: reason), revoked_by = \(bind: principal.userID)
                WHERE id = \(bind: id) AND revoked_at IS NULL
                """).run()
            row.revokedAt = now
            row.revokedReason = reason
            return LocalizedText(zh: "证书 \(row.number) 已撤销。", en: "Certificate \(row.number) has been revoked.")
        }
        return row
    }
}

extension CertificateDesk {
    /// A revocation needs its reason (shown on the public page): 5 to 2000 characters.
    static func revocationReason(_ typed: String?) throws -> String {
        let reason = (typed ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard (5...ObjectionOutcome.reasonLimit).contains(reason.count) else {
            throw APIProblem.badInput(code: "reason_required", field: "reason", LocalizedText(
                zh: "请写明撤销理由（5 至 \(ObjectionOutcome.reasonLimit) 字，现为 \(reason.count) 字）；理由将显示在公开核验页面上。",
                en: "Write the reason for revoking (5 to \(ObjectionOutcome.reasonLimit) characters, now \(reason.count)); it is shown on the public verification page."))
        }
        return reason
    }
}

/// Carries the certificate a stage change's writes made out of its closure.
final class CertificateBox: @unchecked Sendable {
    var record: CertificateRecord?
}

/// RFC 3339 instants in UTC with whole seconds, as credentials carry them (`2024-11-05T04:00:00Z`).
enum RFC3339 {
    static func text(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
