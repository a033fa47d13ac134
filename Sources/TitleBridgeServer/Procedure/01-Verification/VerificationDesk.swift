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
        do {
            try await recordDecision(passed: passed, reason: reason, of: record, before: before, today: today, by: principal, clock: clock)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Numbers are checked before they are used and every write is serialised, so this is
            // a clash nothing foresaw: refused plainly, the decision not recorded.
            throw Self.numberClash
        }
    }

    /// A 查验编号 already held by another verification.
    static let numberClash = APIProblem(status: .conflict, code: "verification_number_taken", message: LocalizedText(
        zh: "查验编号与已有的查验记录重复，结论未保存；请重试。",
        en: "The verification number is already held by another verification; the decision was not saved. Try again."), field: nil)

    private func recordDecision(passed: Bool, reason: String?, of record: VerificationRecord, before: String, today: LocalDate,
                                by principal: Principal, clock: any WallClock) async throws {
        let policy = try? app.domain.currentPolicy
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
                fresh.verificationNumber = try await Self.nextFreeNumber(year: today.year, on: db)
            }
            try await fresh.save(on: db)
            if let holder = fresh.applicantID {
                try await MessageRecord(to: holder, about: nil, title: Self.messageTitle(passed: passed),
                                        body: Self.messageBody(fresh, passed: passed, policy: policy), at: clock.now()).create(on: db)
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

    /// The next 查验编号 of the year that no verification holds. Results loaded from the platform
    /// keep the platform's numbers, which have the same form (`CV2024-000001`); a drawn number
    /// one of them already holds stays theirs and the next one is drawn, so one number never
    /// names two verifications. Drawn inside the deciding transaction, like every number.
    static func nextFreeNumber(year: Int, on db: any Database) async throws -> String {
        // Bounded, so a run of loaded numbers can never keep a decision drawing for ever.
        for _ in 0..<100_000 {
            let sequence = try await NumberSequence.next(VerificationRules.sequenceName(year: year), on: db)
            let number = VerificationRules.number(year: year, sequence: sequence)
            if try await VerificationRecord.query(on: db).filter(\.$verificationNumber == number).count() == 0 { return number }
        }
        throw numberClash
    }

    static func messageTitle(passed: Bool) -> LocalizedText {
        passed ? LocalizedText(zh: "证书查验：通过", en: "Certificate verification: passed")
               : LocalizedText(zh: "证书查验：未通过", en: "Certificate verification: did not pass")
    }

    /// Why a pass on `day` cannot serve the batch of `policy`: it comes after the batch's
    /// verification cut-off (四(一)). Nil on or before the cut-off.
    static func latePass(on day: LocalDate, policy: BatchPolicy) -> LocalizedText? {
        let cutoff = policy.dates.verificationCutoff
        guard day > cutoff.value else { return nil }
        return LocalizedText(
            zh: "本批次的证书查验截止日为\(DateText.long(cutoff.value, in: .zh))（\(cutoff.citation)），此后通过的查验不能用于本批次申报，只能用于以后的批次。",
            en: "This batch's verification cut-off was \(DateText.long(cutoff.value, in: .en)) (\(cutoff.citation)); a pass after it cannot be used for this batch, only for a later one.")
    }

    /// What the holder is told: the number and day of a pass — and, for a pass after the
    /// current batch's cut-off, that it cannot be used for this batch — or the verifier's reason.
    static func messageBody(_ record: VerificationRecord, passed: Bool, policy: BatchPolicy? = nil) -> LocalizedText {
        if passed {
            let day = record.passedDay
            if let day, let policy, let late = latePass(on: day, policy: policy) {
                return LocalizedText(
                    zh: "证书（编号 \(record.certificateNumber)）已于\(DateText.long(day, in: .zh))通过查验，查验编号 \(record.verificationNumber ?? "")。\(late.zh)",
                    en: "Your certificate (no. \(record.certificateNumber)) passed verification on \(DateText.long(day, in: .en)); the verification number is \(record.verificationNumber ?? ""). \(late.en)")
            }
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
        /// Of them, those linked to their holder's account (by ID number and name).
        let linked: Int
    }

    /// Loads the platform's results: all rows or none. A number some verification already
    /// holds (loaded before, or drawn here) is refused with its line, so a file is never loaded
    /// twice by halves and a number never names two verifications. Each result goes to the
    /// account whose ID number and name are the holder's (`HolderLink`), who is told.
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
        let accounts = try await HolderLink.accounts(on: database, cipher: cipher)
        do {
            return try await AuditLog.write(on: database, gate: app.security.auditGate, clock: clock) { db in
                var entries: [AuditEntry] = []
                var linked = 0
                for result in results {
                    if try await VerificationRecord.query(on: db).filter(\.$verificationNumber == result.number).count() > 0 {
                        throw Self.numberTaken(result)
                    }
                    let record = VerificationRecord()
                    // The id is chosen before the insert: the sealed number is bound to it.
                    let id = UUID()
                    record.id = id
                    record.applicantID = accounts.holder(idNumber: result.idNumber, name: result.holderName)
                    record.certificateItemID = result.certificateCode
                    record.certificateNumber = result.certificateNumber
                    record.holderName = result.holderName
                    record.idNumberSealed = try cipher.seal(result.idNumber, in: .verificationIDNumber, row: id)
                    record.source = VerificationRecord.Source.platformImport.rawValue
                    record.status = VerificationStatus.passed.rawValue
                    record.passedOn = result.passedOn.iso
                    record.verificationNumber = result.number
                    record.decidedAt = clock.now()
                    record.createdAt = clock.now()
                    try await record.create(on: db)
                    if let holder = record.applicantID {
                        linked += 1
                        try await MessageRecord(to: holder, about: nil, title: HolderLink.messageTitle,
                                                body: HolderLink.messageBody(record), at: clock.now()).create(on: db)
                    }
                    entries.append(AuditEntry(actor: actor, action: "verification.import", recordType: "verification",
                                              recordID: id.uuidString, after: AuditLog.digest(VerificationSnapshot(record)),
                                              reason: record.applicantID == nil ? nil : "holder linked by ID number and name"))
                }
                return (ImportSummary(imported: results.count, linked: linked), entries)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Checked above row by row; a number taken by a decision recorded at the same moment
            // still ends here, as a plain refusal with nothing loaded.
            throw APIProblem(status: .conflict, code: "verification_number_taken", message: LocalizedText(
                zh: "文件中的查验编号与刚保存的查验记录重复，未导入任何结果；请重新导入。",
                en: "A verification number in the file was just taken by another verification; nothing was imported. Import the file again."),
                field: "verification_number")
        }
    }

    /// A loaded number some verification already holds: named at its line.
    static func numberTaken(_ result: ImportedVerification) -> APIProblem {
        APIProblem.table(TableProblem(line: result.line, column: "verification_number", LocalizedText(
            zh: "查验编号“\(result.number)”已有查验记录使用（导入过，或已由本系统发出）。",
            en: "The verification number “\(result.number)” is already held by a verification (imported before, or issued here).")),
            code: "verifications_rejected")
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
