import Fluent
import Foundation
import TitleBridgeCore
import Vapor

/// 证书查验 (四(一)): holders ask, verifiers decide, the bureau loads the platform's results.
/// Every step is checked before anything is written and audited with what it changed.
struct VerificationDesk {
    let app: Application
    let database: any Database

    init(app: Application, database: (any Database)? = nil) {
        self.app = app
        self.database = database ?? app.db
    }

    init(request: Vapor.Request) {
        self.init(app: request.application, database: request.db)
    }

    /// What a holder sends.
    struct Submission: Sendable {
        var certificateCode: String
        var certificateNumber: String
        var holderName: String
        var issuedOn: String
        var expiresOn: String?
        var scan: Data
        var scanName: String
    }

    private var clock: any WallClock { app.domain.clock }

    func submit(_ input: Submission, by principal: Principal) async throws -> VerificationRecord {
        let code = input.certificateCode.trimmingCharacters(in: .whitespaces).lowercased()
        guard !code.isEmpty, try await CertificateItemRecord.find(code, on: database) != nil else {
            throw APIProblem.badInput(code: "certificate_unknown", field: "certificateCode", LocalizedText(
                zh: "请选择清单中的证书项目。", en: "Choose a certificate item from the list."))
        }
        let number = input.certificateNumber.trimmingCharacters(in: .whitespaces)
        guard !number.isEmpty, number.count <= 64 else {
            throw APIProblem.badInput(code: "certificate_number_required", field: "certificateNumber", LocalizedText(
                zh: "请填写证书编号（不超过64位）。", en: "Enter the certificate number (at most 64 characters)."))
        }
        let holder = input.holderName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !holder.isEmpty, holder.count <= 100 else {
            throw APIProblem.badInput(code: "holder_name_required", field: "holderName", LocalizedText(
                zh: "请按证书所印填写持证人姓名。", en: "Enter the holder's name as printed on the certificate."))
        }
        guard let issuedOn = LocalDate(iso: input.issuedOn.trimmingCharacters(in: .whitespaces)) else {
            throw APIProblem.badInput(code: "issued_on_required", field: "issuedOn", LocalizedText(
                zh: "请填写发证日期。", en: "Enter the date of issue."))
        }
        var expiry: LocalDate?
        if let text = input.expiresOn?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            guard let day = LocalDate(iso: text) else {
                throw APIProblem.badInput(code: "expires_on_format", field: "expiresOn", LocalizedText(
                    zh: "有效期截止日不是日期。", en: "The expiry date is not a date."))
            }
            expiry = day
        }
        let expiresOn = expiry
        if let (field, message) = VerificationRules.requestProblem(issuedOn: issuedOn, expiresOn: expiresOn, today: clock.today()) {
            throw APIProblem.badInput(code: "date_order", field: field, message)
        }
        let files = app.files
        let clock = self.clock
        return try await AuditLog.write(on: database, gate: app.security.auditGate, clock: clock) { db in
            let scan = try await files.store(input.scan, name: input.scanName, field: "scan", owner: principal.userID, on: db, clock: clock)
            let record = VerificationRecord()
            record.applicantID = principal.userID
            record.certificateItemID = code
            record.certificateNumber = number
            record.holderName = holder
            record.issuedOn = issuedOn.iso
            record.expiresOn = expiresOn?.iso
            record.scanFileID = try scan.requireID()
            record.source = VerificationRecord.Source.request.rawValue
            record.status = VerificationStatus.submitted.rawValue
            record.createdAt = clock.now()
            try await record.create(on: db)
            return (record, [AuditEntry(actor: principal.auditActor, action: "verification.submit", recordType: "verification",
                                        recordID: try record.requireID().uuidString, after: AuditLog.digest(VerificationSnapshot(record)))])
        }
    }

    /// A verifier's decision. Passing records today (Shanghai) and issues the next 查验编号
    /// of the year; an expired certificate cannot pass; failing needs a reason.
    func decide(_ record: VerificationRecord, passed: Bool, reason: String?, by principal: Principal) async throws {
        guard record.verificationStatus == .submitted else {
            throw APIProblem(status: .conflict, code: "already_decided", message: LocalizedText(
                zh: "该查验申请已有结论，不能再次处理。", en: "This verification has been decided already."), field: nil)
        }
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines).nonEmpty
        let today = clock.today()
        if passed {
            if let problem = VerificationRules.passProblem(expiresOn: record.expiresOn.flatMap { LocalDate(iso: $0) }, on: today) {
                throw APIProblem(status: .conflict, code: "certificate_expired", message: problem, field: "decision")
            }
        } else if reason == nil {
            throw APIProblem.badInput(code: "reason_required", field: "reason", LocalizedText(
                zh: "未通过时须写明原因。", en: "Give the reason when it does not pass."))
        }
        let before = AuditLog.digest(VerificationSnapshot(record))
        let clock = self.clock
        try await AuditLog.write(on: database, gate: app.security.auditGate, clock: clock) { db in
            // Decided once: a second verifier acting at the same moment finds it decided.
            guard let fresh = try await VerificationRecord.find(record.id, on: db), fresh.verificationStatus == .submitted else {
                throw APIProblem(status: .conflict, code: "already_decided", message: LocalizedText(
                    zh: "该查验申请已有结论，不能再次处理。", en: "This verification has been decided already."), field: nil)
            }
            fresh.status = (passed ? VerificationStatus.passed : .failed).rawValue
            fresh.decidedBy = principal.userID
            fresh.decidedAt = clock.now()
            fresh.decisionReason = reason
            if passed {
                fresh.passedOn = today.iso
                let sequence = try await NumberSequence.next(VerificationRules.sequenceName(year: today.year), on: db)
                fresh.verificationNumber = VerificationRules.number(year: today.year, sequence: sequence)
            }
            try await fresh.save(on: db)
            if let holder = fresh.applicantID {
                try await MessageRecord(to: holder, about: nil, title: Self.messageTitle(passed: passed),
                                        body: Self.messageBody(fresh, passed: passed), at: clock.now()).create(on: db)
            }
            record.status = fresh.status
            record.passedOn = fresh.passedOn
            record.verificationNumber = fresh.verificationNumber
            record.decisionReason = fresh.decisionReason
            return ((), [AuditEntry(actor: principal.auditActor, action: passed ? "verification.pass" : "verification.fail",
                                    recordType: "verification", recordID: try fresh.requireID().uuidString, before: before,
                                    after: AuditLog.digest(VerificationSnapshot(fresh)), reason: reason)])
        }
    }

    static func messageTitle(passed: Bool) -> LocalizedText {
        passed ? LocalizedText(zh: "证书查验：通过", en: "Certificate verification: passed")
               : LocalizedText(zh: "证书查验：未通过", en: "Certificate verification: did not pass")
    }

    /// What the holder is told: the number and day of a pass, or the verifier's reason.
    static func messageBody(_ record: VerificationRecord, passed: Bool) -> LocalizedText {
        if passed {
            let day = record.passedDay
            return LocalizedText(
                zh: "证书（编号 \(record.certificateNumber)）已于\(day.map { DateText.long($0, in: .zh) } ?? "")通过查验，查验编号 \(record.verificationNumber ?? "")。申报时请选择此查验编号。",
                en: "Your certificate (no. \(record.certificateNumber)) passed verification on \(day.map { DateText.long($0, in: .en) } ?? ""); the verification number is \(record.verificationNumber ?? ""). Choose it when you apply.")
        }
        return LocalizedText(
            zh: "证书（编号 \(record.certificateNumber)）未通过查验。原因：\(record.decisionReason ?? "")",
            en: "Your certificate (no. \(record.certificateNumber)) did not pass verification. Reason: \(record.decisionReason ?? "")")
    }

    struct ImportSummary: Content {
        let imported: Int
    }

    /// Loads the platform's results: all rows or none. A number already known is refused
    /// with its line, so a file is never loaded twice by halves.
    func importResults(_ data: Data, by actor: AuditActor) async throws -> ImportSummary {
        let codes = Set(try await CertificateItemRecord.query(on: database).all().compactMap(\.id))
        let results: [ImportedVerification]
        do throws(TableProblem) {
            results = try VerificationResultsTable.results(from: try CSVTable.parse(data), knownCodes: codes, today: clock.today())
        } catch {
            throw APIProblem.table(error, code: "verifications_rejected")
        }
        let cipher = app.security.cipher
        let clock = self.clock
        return try await AuditLog.write(on: database, gate: app.security.auditGate, clock: clock) { db in
            var entries: [AuditEntry] = []
            for result in results {
                if try await VerificationRecord.query(on: db).filter(\.$verificationNumber == result.number).count() > 0 {
                    throw APIProblem.table(TableProblem(line: result.line, column: "verification_number", LocalizedText(
                        zh: "查验编号“\(result.number)”已导入过。", en: "The verification number “\(result.number)” was imported before.")),
                        code: "verifications_rejected")
                }
                let record = VerificationRecord()
                record.certificateItemID = result.certificateCode
                record.certificateNumber = result.certificateNumber
                record.holderName = result.holderName
                record.idNumberSealed = try cipher.seal(result.idNumber, for: .idNumber)
                record.source = VerificationRecord.Source.platformImport.rawValue
                record.status = VerificationStatus.passed.rawValue
                record.passedOn = result.passedOn.iso
                record.verificationNumber = result.number
                record.decidedAt = clock.now()
                record.createdAt = clock.now()
                try await record.create(on: db)
                entries.append(AuditEntry(actor: actor, action: "verification.import", recordType: "verification",
                                          recordID: try record.requireID().uuidString, after: AuditLog.digest(VerificationSnapshot(record))))
            }
            return (ImportSummary(imported: results.count), entries)
        }
    }
}

/// What the audit digests of a verification cover (the sealed ID number, never the plain one).
struct VerificationSnapshot: Encodable {
    let id: UUID?, applicantID: UUID?, certificateItemID: String, certificateNumber: String, holderName: String
    let issuedOn: String?, expiresOn: String?, scanFileID: UUID?, idNumberSealed: String?, status: String
    let passedOn: String?, verificationNumber: String?, decisionReason: String?

    init(_ record: VerificationRecord) {
        id = record.id; applicantID = record.applicantID; certificateItemID = record.certificateItemID
        certificateNumber = record.certificateNumber; holderName = record.holderName; issuedOn = record.issuedOn
        expiresOn = record.expiresOn; scanFileID = record.scanFileID; idNumberSealed = record.idNumberSealed
        status = record.status; passedOn = record.passedOn; verificationNumber = record.verificationNumber
        decisionReason = record.decisionReason
    }
}
