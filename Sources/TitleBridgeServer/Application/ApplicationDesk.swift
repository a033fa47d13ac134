import Fluent
import Foundation
import SQLKit
import TitleBridgeCore
import Vapor

/// 网上申报: the applicant's file — opened once per batch, saved step by step with optimistic
/// locking, moved between stages only through the core's transition table, every change
/// audited and every stage change told to the applicant as a message.
struct ApplicationDesk {
    let app: Application
    let database: any Database

    init(request: Request) {
        app = request.application
        database = request.db
    }

    init(app: Application, database: any Database) {
        self.app = app
        self.database = database
    }

    private var clock: any WallClock { app.domain.clock }

    // MARK: opening and loading

    /// The applicant's file of the current batch, created on first use. After the window no
    /// new file is opened (it could not be reported any more); an existing one is still returned.
    func open(for principal: Principal) async throws -> ApplicationRecord {
        let policy = try app.domain.currentPolicy
        let batch = policy.id
        if let existing = try await ApplicationRecord.query(on: database).filter(\.$applicantID == principal.userID)
            .filter(\.$batchID == batch).first() {
            return existing
        }
        if let closed = ReportingChecklist.openingClosed(now: clock.now(), policy: policy) {
            throw APIProblem(status: .conflict, code: "batch_closed", message: closed, field: nil)
        }
        let clock = self.clock
        do {
            return try await AuditLog.write(on: database, gate: app.security.auditGate, clock: clock) { db in
                let record = ApplicationRecord()
                record.applicantID = principal.userID
                record.batchID = batch
                record.stage = Stage.draft.rawValue
                record.version = 1
                record.contentJSON = try ApplicationRecord.encode(ApplicationContent())
                record.createdAt = clock.now()
                record.updatedAt = clock.now()
                record.number = try await ApplicationNumber.draw(year: ShanghaiTime.date(of: record.createdAt).year, on: db)
                try await record.create(on: db)
                return (record, [AuditEntry(actor: principal.auditActor, action: "application.open", recordType: "application",
                                            recordID: try record.requireID().uuidString, after: record.number)])
            }
        } catch {
            // Two tabs opening at once: the unique (applicant, batch) keeps one; use it.
            if let existing = try await ApplicationRecord.query(on: database).filter(\.$applicantID == principal.userID)
                .filter(\.$batchID == batch).first() { return existing }
            throw error
        }
    }

    /// The file in the path, if the caller may see it (404 otherwise).
    static func load(_ request: Request) async throws -> (ApplicationRecord, Principal) {
        let principal = try request.requirePrincipal()
        guard let id = request.parameters.get("applicationID", as: UUID.self),
              let record = try await ApplicationRecord.find(id, on: request.db) else { throw Abort(.notFound) }
        var employer: UnitFacts?
        if let employerID = record.employerID { employer = try await OrganisationRecord.find(employerID, on: request.db)?.facts }
        guard RecordAccess.mayView(applicationOf: record.applicantID, submitted: record.submittedAt != nil, employer: employer,
                                   actor: principal.actor) else {
            throw Abort(.notFound)
        }
        return (record, principal)
    }

    // MARK: what the engine says

    /// The policy of the file's batch: every stored batch has one, seeded from the policy files.
    func policy(of record: ApplicationRecord) throws -> BatchPolicy {
        guard let policy = app.domain.policy(record.batchID) else {
            throw ConfigError("no policy file for batch \(record.batchID)")
        }
        return policy
    }

    /// The kind of the file's employer, once the applicant has named it.
    func employerKind(of record: ApplicationRecord) async throws -> ApplicantProfile.EmployerKind? {
        guard let id = record.employerID, let unit = try await OrganisationRecord.find(id, on: database) else { return nil }
        return unit.organisationKind?.employerKind
    }

    /// The profile of the file as it stands, with the certificate from its linked verification.
    func profile(of record: ApplicationRecord, target: ApplicantProfile.Title? = nil) async throws -> ApplicantProfile? {
        try await profile(of: record, employerKind: employerKind(of: record), target: target)
    }

    /// The same, with the employer's kind already known.
    func profile(of record: ApplicationRecord, employerKind: ApplicantProfile.EmployerKind?,
                 target: ApplicantProfile.Title? = nil) async throws -> ApplicantProfile? {
        var content = try record.content
        if let target { content.target = target }
        return try await profile(of: record, content: content, employerKind: employerKind)
    }

    /// The profile of `content` as the file would hold it, with the file's certificate: what a
    /// save is judged by before anything is stored.
    func profile(of record: ApplicationRecord, content: ApplicationContent,
                 employerKind: ApplicantProfile.EmployerKind?) async throws -> ApplicantProfile? {
        var certificate: ApplicantProfile.Certificate?
        if let id = record.verificationID, let verification = try await VerificationRecord.find(id, on: database),
           let item = try await CertificateItemRecord.find(verification.certificateItemID, on: database)?.item {
            certificate = item.certificate(verifiedOn: verification.passedDay)
        }
        var profile = content.profile(batch: record.batchID, employerKind: employerKind, certificate: certificate)
        profile?.participatedIn = try await batchesTakenPart(by: record.applicantID, besides: record.batchID)
        return profile
    }

    /// The other batches the applicant took part in, for a policy that excludes them (the third
    /// batch excludes the first two). Reading: taking part is having a file accepted (受理) —
    /// from then on the file is before the committee; a file withdrawn, refused acceptance or
    /// never reported did not take part. Accepted is what `Stage.isFrozen` marks.
    func batchesTakenPart(by applicantID: UUID, besides batch: String) async throws -> [String] {
        let frozen = Stage.allCases.filter(\.isFrozen).map(\.rawValue)
        return try await ApplicationRecord.query(on: database).filter(\.$applicantID == applicantID)
            .filter(\.$batchID != batch).filter(\.$stage ~~ frozen).all().map(\.batchID).sorted()
    }

    /// The signed basic conditions of 三(一): judged by the box the applicant ticks with the title,
    /// not by the title, so a title on offer is judged as if they are given.
    static let attestationClauses: Set<ClauseID> = [.lawAbiding, .professionalEthics, .dutiesFulfilled]

    /// The attestations as given.
    static let attested = ApplicantProfile.Attestations(lawAbiding: true, professionalEthics: true, dutiesFulfilled: true)

    /// The clause that refuses the title of `report`, the attestations aside: the first failed one.
    static func titleRefusal(in report: EligibilityReport) -> EligibilityClause? {
        report.clauses.first { $0.outcome == .fail && !attestationClauses.contains($0.id) }
    }

    func report(of record: ApplicationRecord) async throws -> EligibilityReport? {
        guard let profile = try await profile(of: record) else { return nil }
        return EligibilityEngine(policy: try policy(of: record)).evaluate(profile)
    }

    // MARK: saving a step

    func save(_ step: ApplicationStep, _ input: StepInput, to record: ApplicationRecord, by principal: Principal) async throws {
        guard record.applicantID == principal.userID else { throw Abort(.notFound) }
        let stage = record.currentStage
        if stage.isFrozen { try await refuseChange(record, "save." + step.rawValue, by: principal) }
        if stage == .supplementRequested {
            try await requireInSupplement(record, step: step)
        } else if stage != .draft {
            throw APIProblem(status: .conflict, code: "not_editable", message: LocalizedText(
                zh: "申报材料已提交（\(stage.name.zh)），退回前不能修改。",
                en: "The file has been submitted (\(stage.name.en)); it can be changed only when it is returned."), field: nil)
        }
        guard let version = input.version else {
            throw APIProblem.badInput(code: "version_required", field: "version", LocalizedText(
                zh: "缺少版本号，请刷新页面后重试。", en: "The version is missing; reload the page and try again."))
        }
        var content = try record.content
        var collected = StepChanges()
        try await apply(step, input, to: &content, of: record, changes: &collected, by: principal)
        let changes = collected
        // A supplement corrects the file the unit reviewed and publicised; it does not move it to another unit.
        if stage == .supplementRequested, let employer = changes.employerID, employer != record.employerID {
            throw APIProblem(status: .conflict, code: "employer_fixed", message: LocalizedText(
                zh: "补正时不能更换所在单位；所在单位已审核并公示本申报。",
                en: "A supplement cannot change the employer: the unit has reviewed and publicised this file."), field: "employerID")
        }
        let json = try ApplicationRecord.encode(content)
        let id = try record.requireID()
        let clock = self.clock
        let cipher = app.security.cipher
        let sealed = try changes.idNumber.map { try cipher.seal($0, in: .applicationIDNumber, row: id) }
        let before = AuditLog.digest(ApplicationSnapshot(record))
        try await AuditLog.write(on: database, gate: app.security.auditGate, clock: clock) { db in
            guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
            // One statement decides: only the version the page was shown with is replaced.
            let row = try await sql.raw("""
                UPDATE applications SET content_json = \(bind: json), version = version + 1, updated_at = \(bind: clock.now()),
                  employer_id = \(bind: changes.employerID ?? record.employerID),
                  verification_id = \(bind: changes.verificationID ?? record.verificationID),
                  id_number_sealed = \(bind: sealed ?? record.idNumberSealed)
                WHERE id = \(bind: id) AND version = \(bind: version) AND stage = \(bind: stage.rawValue)
                RETURNING version
                """).first()
            guard let newVersion = try row?.decode(column: "version", as: Int.self) else {
                throw APIProblem(status: .conflict, code: "stale_version", message: LocalizedText(
                    zh: "本页内容已在其他窗口修改并保存，本次修改未保存。请刷新页面查看最新内容后再修改。",
                    en: "This file was changed in another window since this page was opened; your changes were not saved. Reload the page to see the latest version."),
                    field: "version")
            }
            record.version = newVersion
            record.contentJSON = json
            if let employer = changes.employerID { record.employerID = employer }
            if let verification = changes.verificationID { record.verificationID = verification }
            if let sealed { record.idNumberSealed = sealed }
            return ((), [AuditEntry(actor: principal.auditActor, action: "application.save." + step.rawValue, recordType: "application",
                                    recordID: id.uuidString, before: before, after: AuditLog.digest(ApplicationSnapshot(record)))])
        }
    }

    struct StepChanges {
        var employerID: UUID?
        var verificationID: UUID?
        var idNumber: String?
    }

    private func apply(_ step: ApplicationStep, _ input: StepInput, to content: inout ApplicationContent, of record: ApplicationRecord,
                       changes: inout StepChanges, by principal: Principal) async throws {
        let today = clock.today()
        switch step {
        case .personal:
            // Every field is read, in the form's order, so all problems are told at once.
            var problems = ProblemList()
            let name = try problems.read {
                String(try FieldReader.required(input.name, "name", LocalizedText(zh: "姓名", en: "the name")).prefix(100))
            }
            let gender: ApplicationContent.Gender? = try problems.read {
                try FieldReader.choice(input.gender, "gender", LocalizedText(zh: "性别", en: "the gender"))
            }
            var birth = try problems.read { try FieldReader.date(input.birthDate, "birthDate", LocalizedText(zh: "出生日期", en: "The birth date")) }
            if let day = birth, day >= today {
                problems.add(APIProblem.badInput(code: "birth_date", field: "birthDate", LocalizedText(
                    zh: "出生日期应早于今天。", en: "The birth date must be before today.")))
                birth = nil
            }
            let nationality = try problems.read {
                String(try FieldReader.required(input.nationality, "nationality", LocalizedText(zh: "国籍", en: "the nationality")).prefix(60))
            }
            let kind: IdentityDocumentKind? = try problems.read {
                try FieldReader.choice(input.idKind, "idKind", LocalizedText(zh: "证件类型", en: "the ID document"))
            }
            let number = try problems.read { try FieldReader.required(input.idNumber, "idNumber", LocalizedText(zh: "证件号码", en: "the ID number")) }
            if let number, let kind {
                switch IdentityNumber.validate(number, as: kind, today: today) {
                case .success(let valid): changes.idNumber = valid.normalized
                case .failure(let error): problems.add(APIProblem.badInput(code: "id_number_\(error.problem.rawValue)", field: "idNumber", error.message))
                }
            }
            try problems.check()
            guard let name, let gender, let birth, let nationality, let kind else { throw Abort(.internalServerError) }
            content.personal = ApplicationContent.Personal(name: name, gender: gender, birthDate: birth, nationality: nationality, idKind: kind)
        case .employer:
            guard let id = input.employerID.flatMap({ UUID(uuidString: $0) }),
                  let unit = try await OrganisationRecord.find(id, on: database), unit.organisationKind?.isEmployer == true else {
                throw APIProblem.badInput(code: "employer_required", field: "employerID", LocalizedText(
                    zh: "请选择所在单位（须为已在系统登记的企业或事业单位）。", en: "Choose your employer (an enterprise or public institution registered here)."))
            }
            changes.employerID = id
            if let series = input.currentTitleSeries.flatMap(TitleSeries.init(rawValue:)),
               let level = input.currentTitleLevel.flatMap(TitleLevel.init(rawValue:)) {
                content.currentTitle = ApplicantProfile.Title(series: series, level: level)
            } else {
                content.currentTitle = nil
            }
        case .certificate:
            let number = (input.verificationNumber ?? "").trimmingCharacters(in: .whitespaces).uppercased()
            guard let verification = try await VerificationRecord.query(on: database).filter(\.$verificationNumber == number).first(),
                  verification.verificationStatus == .passed, verification.applicantID == principal.userID else {
                throw APIProblem.badInput(code: "verification_unknown", field: "verificationNumber", LocalizedText(
                    zh: "请选择您本人已通过的证书查验。", en: "Choose a verification of yours that passed."))
            }
            changes.verificationID = verification.id
        case .education:
            // Rows keep the index they were sent with, so a problem names the row on the form.
            let rows = (input.education ?? []).enumerated().filter { !$0.element.isEmpty }
            guard !rows.isEmpty else {
                throw APIProblem.badInput(code: "education_required", field: "education", LocalizedText(zh: "请至少填写一项学历。", en: "Enter at least one degree."))
            }
            var problems = ProblemList()
            var entries: [ApplicationContent.EducationEntry] = []
            for (index, row) in rows {
                if let entry = try row.entry(field: "education[\(index)]", today: today, problems: &problems) { entries.append(entry) }
            }
            try problems.check()
            content.education = entries
        case .work:
            let rows = (input.work ?? []).enumerated().filter { !$0.element.isEmpty }
            guard !rows.isEmpty else {
                throw APIProblem.badInput(code: "work_required", field: "work", LocalizedText(zh: "请至少填写一段工作经历。", en: "Enter at least one period of work."))
            }
            var problems = ProblemList()
            var entries: [ApplicationContent.WorkEntry] = []
            for (index, row) in rows {
                if let entry = try row.entry(field: "work[\(index)]", problems: &problems) { entries.append(entry) }
            }
            try problems.check()
            content.work = entries
        case .target:
            // The title and the attestation of 三(一) are one decision: both are stored, or neither.
            var problems = ProblemList()
            let pair = input.targetSeriesLevel?.split(separator: ".").map(String.init)
            var target: ApplicantProfile.Title?
            if input.targetSeries == nil, input.targetLevel == nil, (input.targetSeriesLevel ?? "").isEmpty {
                problems.add(APIProblem.badInput(code: "choice", field: "targetSeriesLevel", LocalizedText(
                    zh: "请选择申报的系列与层级。", en: "Choose the title you apply for.")))
            } else {
                let series: TitleSeries? = try problems.read {
                    try FieldReader.choice(input.targetSeries ?? pair?.first, "targetSeries", LocalizedText(zh: "申报系列", en: "the series"))
                }
                let level: TitleLevel? = try problems.read {
                    try FieldReader.choice(input.targetLevel ?? pair?.last, "targetLevel", LocalizedText(zh: "申报层级", en: "the level"))
                }
                if let series, let level { target = ApplicantProfile.Title(series: series, level: level) }
            }
            if let chosen = target {
                // 四: only 中级 and 副高级 are applied for; 初级 is the employer's appointment (聘任).
                let committee = try policy(of: record).committeeLevels
                if !committee.levels.contains(chosen.level) {
                    problems.add(APIProblem.badInput(code: "not_committee_level", field: "targetLevel", LocalizedText(
                        zh: "初级职称由用人单位按规定聘任（填写《专业技术职务聘任表》），不经认定委员会考核认定，不能在此申报（\(committee.citation)）。",
                        en: "Junior titles are appointed by the employer (with the appointment form), not recognised by the committee, so they cannot be applied for here (\(committee.citation)).")))
                } else if let refusal = try await titleRefusal(of: chosen, in: content, of: record) {
                    problems.add(refusal)
                }
            }
            if !isChecked(input.attest) {
                problems.add(APIProblem.badInput(code: "attestation_required", field: "attest", LocalizedText(
                    zh: "请勾选承诺：遵守中华人民共和国宪法和法律法规，具有良好的职业道德，认真履行岗位职责（三(一)）。不作承诺不能申报。",
                    en: "Tick the statement that you abide by the law, keep professional ethics and fulfil the duties of your post (三(一)); without it no title can be applied for.")))
            }
            try problems.check()
            guard let target else { throw Abort(.internalServerError) }
            content.target = target
            content.attestations = Self.attested
        case .summary:
            let text = input.summary ?? ""
            guard text.count <= 50_000 else {
                throw APIProblem.badInput(code: "summary_too_long", field: "summary", LocalizedText(zh: "总结不能超过5万字。", en: "The summary can be at most 50,000 characters."))
            }
            content.summary = text
        }
    }

    /// The engine's refusal of `target` for the file as it would stand, the attestations given:
    /// the failing clause's message and citation, so the server never stores a title the engine
    /// refuses. Nil when the title passes, or when the earlier steps are not complete and the
    /// engine cannot judge yet (an API client may fill the steps in any order; submission judges
    /// the whole file again).
    private func titleRefusal(of target: ApplicantProfile.Title, in content: ApplicationContent,
                              of record: ApplicationRecord) async throws -> APIProblem? {
        var judged = content
        judged.target = target
        judged.attestations = Self.attested
        guard let profile = try await profile(of: record, content: judged, employerKind: try await employerKind(of: record)),
              let failing = Self.titleRefusal(in: EligibilityEngine(policy: try policy(of: record)).evaluate(profile)) else { return nil }
        let title = target.series.title(at: target.level)
        let message = failing.message
        return APIProblem.badInput(code: "title_not_allowed", field: "targetSeriesLevel", LocalizedText(
            zh: "不能申报\(title.zh)（\(target.level.name.zh)）：\(message.zh)（\(failing.citation)）",
            en: "\(title.en.capitalisedFirst) (\(target.level.name.en)) cannot be applied for: \(message.en) (\(failing.citation))"))
    }

    // MARK: uploads

    /// Attaches a file of `kind`, checked by content and size, within the file's limits: the
    /// applicant its own proofs and commitment, the employer of the file's unit its stamped
    /// opinion and publicity evidence, each only while the stage takes that kind.
    func attach(_ kind: UploadKind, data: Data, name: String, to record: ApplicationRecord,
                by principal: Principal) async throws -> ApplicationUploadRecord {
        let asApplicant = record.applicantID == principal.userID
        let asEmployer = RecordAccess.mayActAsEmployer(onFileOf: record.applicantID, unit: record.employerID, actor: principal.actor)
        guard asApplicant || asEmployer else { throw Abort(.notFound) }
        let stage = record.currentStage
        if stage.isFrozen { try await refuseChange(record, "upload." + kind.rawValue, by: principal) }
        if stage == .supplementRequested { try await requireInSupplement(record, upload: kind) }
        guard (asApplicant && kind.openForApplicant(in: stage)) || (asEmployer && kind.openForEmployer(in: stage)) else {
            throw APIProblem(status: .conflict, code: "upload_closed", message: LocalizedText(
                zh: "当前阶段（\(stage.name.zh)）您不能上传“\(kind.name.zh)”。",
                en: "You cannot upload “\(kind.name.en)” while the file is “\(stage.name.en)”."), field: "kind")
        }
        let applicationID = try record.requireID()
        try await checkCapacity(of: applicationID, adding: data.count)
        let clock = self.clock
        return try await AuditLog.write(on: database, gate: app.security.auditGate, clock: clock) { db in
            let (upload, file) = try await storeUpload(kind, data: data, name: name, field: "file", to: applicationID,
                                                       owner: principal.userID, on: db)
            return (upload, [AuditEntry(actor: principal.auditActor, action: "application.upload", recordType: "application",
                                        recordID: applicationID.uuidString, after: file.sha256, reason: kind.rawValue)])
        }
    }

    /// Refuses a file that would take the application past its limits.
    private func checkCapacity(of applicationID: UUID, adding bytes: Int) async throws {
        let existing = try await ApplicationUploadRecord.query(on: database).filter(\.$applicationID == applicationID).all()
        let sizes = try await UploadedFileRecord.query(on: database).filter(\.$id ~~ existing.map(\.fileID)).all().map(\.size)
        guard existing.count < UploadLimits.filesPerApplication,
              sizes.reduce(0, +) + bytes <= UploadLimits.bytesPerApplication else {
            throw APIProblem(status: .payloadTooLarge, code: "application_full", message: LocalizedText(
                zh: "每份申报最多 \(UploadLimits.filesPerApplication) 个附件、共 \(UploadLimits.bytesPerApplication / 1024 / 1024) MB，请先删除不需要的附件。",
                en: "An application holds at most \(UploadLimits.filesPerApplication) files and \(UploadLimits.bytesPerApplication / 1024 / 1024) MB; remove files you do not need first."),
                field: "file")
        }
    }

    /// Stores the bytes and the upload row, inside the caller's transaction.
    private func storeUpload(_ kind: UploadKind, data: Data, name: String, field: String, to applicationID: UUID, owner: UUID,
                             on db: any Database) async throws -> (ApplicationUploadRecord, UploadedFileRecord) {
        let file = try await app.files.store(data, name: name, field: field, owner: owner, on: db, clock: clock)
        let upload = ApplicationUploadRecord()
        upload.applicationID = applicationID
        upload.kind = kind.rawValue
        upload.fileID = try file.requireID()
        upload.createdAt = clock.now()
        try await upload.create(on: db)
        return (upload, file)
    }

    // MARK: accepted and supplemented files

    /// 受理后 the file is read-only for everyone (四(五)): an attempt is refused and audited, so
    /// the bureau can see who tried to change an accepted file.
    private func refuseChange(_ record: ApplicationRecord, _ what: String, by principal: Principal) async throws -> Never {
        let id = try record.requireID()
        try await AuditLog.write(on: database, gate: app.security.auditGate, clock: clock) { _ in
            ((), [AuditEntry(actor: principal.auditActor, action: "application.changeRefused", recordType: "application",
                             recordID: id.uuidString, reason: what)])
        }
        throw APIProblem(status: .conflict, code: "frozen", message: Self.frozenMessage(record.currentStage), field: nil)
    }

    /// Why an accepted file cannot change. The stage is named only when it says more than
    /// "accepted" (an interview scheduled, a title certified), so the sentence never reads
    /// "accepted (Accepted)".
    static func frozenMessage(_ stage: Stage) -> LocalizedText {
        guard stage != .accepted else {
            return LocalizedText(zh: "申报材料已受理，受理后不能再修改（四(五)）。",
                                 en: "The file has been accepted; an accepted file cannot be changed.")
        }
        return LocalizedText(zh: "申报材料已受理（现为“\(stage.name.zh)”），受理后不能再修改（四(五)）。",
                             en: "The file has been accepted (it is now “\(stage.name.en)”); an accepted file cannot be changed.")
    }

    /// During a supplement only the items the bureau listed may change.
    private func requireInSupplement(_ record: ApplicationRecord, step: ApplicationStep? = nil, upload: UploadKind? = nil) async throws {
        let request = try await SupplementRecord.query(on: database).filter(\.$applicationID == record.requireID()).first()
        let scope = request?.scope
        let allowed = step.map { scope?.steps.contains($0) == true } ?? upload.map { scope?.uploads.contains($0) == true } ?? false
        guard allowed else {
            let listed = request?.items.map(\.label) ?? []
            throw APIProblem(status: .conflict, code: "not_in_supplement", message: LocalizedText(
                zh: "补正只能修改告知的项目：\(listed.map(\.zh).joined(separator: "、"))。",
                en: "A supplement changes only the items listed: \(listed.map(\.en).joined(separator: "; "))."), field: nil)
        }
    }

    // MARK: unit publicity

    /// 申报公示: the employer records when and where the file was posted, with evidence. The end
    /// comes from the working-day calendar. A start whose publicity ends after the window is
    /// refused unless the employer confirms that the file will miss the batch
    /// (`acceptsMissingBatch`): then it is recorded (the unit did post it) and the page and the
    /// applicant's message say so. A record can be corrected while the file is still
    /// publicised; every version is audited.
    func recordPublicity(_ record: ApplicationRecord, startsOn text: String?, place: String?, evidence: Data, evidenceName: String,
                         acceptsMissingBatch: Bool = false, by principal: Principal) async throws -> PublicityPlan.Assessment {
        // The caller can see the file (`load`), so a caller who is not its employer is told no.
        guard RecordAccess.mayActAsEmployer(onFileOf: record.applicantID, unit: record.employerID, actor: principal.actor) else {
            throw Abort(.forbidden)
        }
        if record.currentStage.isFrozen { try await refuseChange(record, "publicity", by: principal) }
        guard record.currentStage == .unitPublicity else {
            throw APIProblem(status: .conflict, code: "not_in_publicity", message: LocalizedText(
                zh: "当前阶段（\(record.currentStage.name.zh)）不能登记单位公示。",
                en: "The unit publicity cannot be recorded while the file is “\(record.currentStage.name.en)”."), field: nil)
        }
        let policy = try policy(of: record)
        guard let start = text.flatMap({ LocalDate(iso: $0.trimmingCharacters(in: .whitespaces)) }) else {
            throw APIProblem.badInput(code: "date", field: "startsOn", LocalizedText(
                zh: "请按 年-月-日 填写公示开始日期。", en: "Give the first day of the publicity as YYYY-MM-DD."))
        }
        let plan = PublicityPlan(policy: policy, calendar: app.domain.calendar)
        do {
            try plan.checkStart(start, submittedOn: record.submittedAt.map(ShanghaiTime.date(of:)))
        } catch {
            throw APIProblem.badInput(code: error.code, field: error.field, error.message)
        }
        let spot = (place ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !spot.isEmpty, spot.count <= 200 else {
            throw APIProblem.badInput(code: "place_required", field: "place", LocalizedText(
                zh: "请写明公示的地点或方式（不超过200字）。", en: "Say where or how the publicity was posted (at most 200 characters)."))
        }
        let assessment = plan.assess(startingOn: start)
        guard assessment.fitsWindow || acceptsMissingBatch else {
            throw APIProblem(status: .conflict, code: "publicity_misses_batch", message: LocalizedText(
                zh: assessment.message.zh + "如确认仍要登记，请勾选“本件将无法参加本批次考核认定”的确认后再提交；否则请改为\(DateText.long(plan.latestStart.value, in: .zh))或更早开始的公示。",
                en: assessment.message.en + " To record it all the same, tick the confirmation that the file will miss this batch; otherwise give a start on or before \(DateText.long(plan.latestStart.value, in: .en))."),
                field: "acceptsMissingBatch")
        }
        let applicationID = try record.requireID()
        try await checkCapacity(of: applicationID, adding: evidence.count)
        let existing = try await PublicityRecord.query(on: database).filter(\.$applicationID == applicationID).first()
        let before = existing.map { "\($0.startsOn)…\($0.endsOn) \($0.place)" }
        let clock = self.clock
        try await AuditLog.write(on: database, gate: app.security.auditGate, clock: clock) { db in
            let (_, file) = try await storeUpload(.publicityEvidence, data: evidence, name: evidenceName, field: "evidence",
                                                  to: applicationID, owner: principal.userID, on: db)
            let publicity = existing ?? PublicityRecord()
            publicity.applicationID = applicationID
            publicity.startsOn = start.iso
            publicity.endsOn = assessment.ends.iso
            publicity.place = spot
            publicity.evidenceFileID = try file.requireID()
            publicity.recordedBy = principal.userID
            publicity.recordedAt = clock.now()
            // A corrected publicity is a new one: how the earlier one ended does not carry over.
            publicity.outcomeJSON = nil
            try await publicity.save(on: db)
            try await MessageRecord(to: record.applicantID, about: applicationID, title: LocalizedText(
                zh: "单位公示已登记", en: "Unit publicity recorded"), body: LocalizedText(
                zh: "所在单位已在“\(spot)”公示您的申报材料。\(assessment.message.zh)",
                en: "Your employer posted your application at “\(spot)”. \(assessment.message.en)"), at: clock.now()).create(on: db)
            return ((), [AuditEntry(actor: principal.auditActor, action: "application.publicity", recordType: "application",
                                    recordID: applicationID.uuidString, before: before,
                                    after: "\(start.iso)…\(assessment.ends.iso) \(spot)"
                                        + (assessment.fitsWindow ? "" : " (misses the batch, confirmed by the unit)"),
                                    reason: file.sha256)])
        }
        return assessment
    }

    /// 公示结果: the employer records how the publicity ended, on or after its last day. An
    /// objection upheld is not recorded here: the employer returns the file with the reason.
    func recordPublicityOutcome(_ record: ApplicationRecord, _ input: PublicityOutcomeInput,
                                by principal: Principal) async throws -> PublicityOutcome {
        guard RecordAccess.mayActAsEmployer(onFileOf: record.applicantID, unit: record.employerID, actor: principal.actor) else {
            throw Abort(.forbidden)
        }
        if record.currentStage.isFrozen { try await refuseChange(record, "publicityOutcome", by: principal) }
        let applicationID = try record.requireID()
        guard record.currentStage == .unitPublicity,
              let publicity = try await PublicityRecord.query(on: database).filter(\.$applicationID == applicationID).first(),
              let ends = publicity.endDay else {
            throw APIProblem(status: .conflict, code: "no_publicity", message: LocalizedText(
                zh: "尚未登记单位公示，不能登记公示结果。", en: "The publicity has not been recorded, so its outcome cannot be."), field: nil)
        }
        let outcome = try input.outcome()
        do {
            try outcome.validate(publicityEnds: ends, today: clock.today())
        } catch {
            throw APIProblem.badInput(code: error.code, field: error.field, error.message)
        }
        let json = String(decoding: try JSONEncoder.sorted.encode(outcome), as: UTF8.self)
        let before = publicity.outcome?.summary.zh
        let clock = self.clock
        try await AuditLog.write(on: database, gate: app.security.auditGate, clock: clock) { db in
            publicity.outcomeJSON = json
            try await publicity.save(on: db)
            try await MessageRecord(to: record.applicantID, about: applicationID, title: LocalizedText(
                zh: "单位公示结果已登记", en: "Publicity outcome recorded"), body: LocalizedText(
                zh: "所在单位已登记公示结果：\(outcome.summary.zh)。", en: "Your employer recorded how the publicity ended: \(outcome.summary.en)."),
                at: clock.now()).create(on: db)
            return ((), [AuditEntry(actor: principal.auditActor, action: "application.publicityOutcome", recordType: "application",
                                    recordID: applicationID.uuidString, before: before, after: outcome.summary.zh,
                                    reason: outcome.recordedBy)])
        }
        return outcome
    }

    /// Removes an attachment (the stored bytes stay, as others may hold the same content): the
    /// applicant its own proofs while their kind is still open, the employer an upload its unit
    /// made until the file is reported (`removal(of:madeByUnit:on:by:publicityEvidence:)`).
    func detach(_ uploadID: UUID, from record: ApplicationRecord, by principal: Principal) async throws {
        let applicationID = try record.requireID()
        let asApplicant = record.applicantID == principal.userID
        let asEmployer = RecordAccess.mayActAsEmployer(onFileOf: record.applicantID, unit: record.employerID, actor: principal.actor)
        guard asApplicant || asEmployer,
              let upload = try await ApplicationUploadRecord.find(uploadID, on: database), upload.applicationID == applicationID else {
            throw Abort(.notFound)
        }
        if record.currentStage.isFrozen { try await refuseChange(record, "removeUpload." + upload.kind, by: principal) }
        if asApplicant, record.currentStage == .supplementRequested, let kind = UploadKind(rawValue: upload.kind) {
            try await requireInSupplement(record, upload: kind)
        }
        let file = try await UploadedFileRecord.find(upload.fileID, on: database)
        var madeByUnit = false
        if !asApplicant, let owner = file?.ownerID {
            madeByUnit = Self.madeByUnit(owner: owner, ownerUnit: try await UserRecord.find(owner, on: database)?.organisationID, of: record)
        }
        let evidence = try await PublicityRecord.query(on: database).filter(\.$applicationID == applicationID).first()?.evidenceFileID
        switch Self.removal(of: upload, madeByUnit: madeByUnit, on: record, by: principal.actor, publicityEvidence: evidence) {
        case .allowed:
            break
        case .notYours:
            throw APIProblem(status: .forbidden, code: "upload_not_yours", message: LocalizedText(
                zh: "单位只能删除本单位上传的附件，申报人上传的附件由申报人本人处理。",
                en: "The employer can remove only what the unit uploaded; the applicant's files are the applicant's to remove."), field: nil)
        case .holdsPublicity:
            throw APIProblem(status: .conflict, code: "publicity_evidence", message: LocalizedText(
                zh: "这是已登记公示所依据的证明，不能删除；如需更换，请更正公示信息并上传新的证明。",
                en: "The recorded publicity rests on this evidence, so it cannot be removed; to replace it, correct the publicity with new evidence."),
                field: nil)
        case .closed:
            throw APIProblem(status: .conflict, code: "upload_closed", message: LocalizedText(
                zh: "当前阶段不能删除该附件。", en: "This file cannot be removed at this stage."), field: nil)
        }
        let actor = asApplicant ? principal.auditActor : principal.auditActor(as: .employer)
        try await AuditLog.write(on: database, gate: app.security.auditGate, clock: clock) { db in
            try await upload.delete(on: db)
            return ((), [AuditEntry(actor: actor, action: "application.removeUpload", recordType: "application",
                                    recordID: applicationID.uuidString, before: file?.sha256, reason: upload.kind)])
        }
    }

    /// Whether an attachment may be removed now, and if not why.
    enum UploadRemoval: Equatable {
        case allowed
        /// The employer asked for an upload its unit did not make.
        case notYours
        /// The stage no longer takes the change.
        case closed
        /// The evidence the recorded publicity points to; a correction of the publicity replaces it.
        case holdsPublicity
    }

    /// The employer may take back what its unit uploaded (an earlier stamped opinion, evidence of a
    /// corrected publicity) while the file is still with the unit: once reported, the bureau
    /// judges what is there.
    static let unitRemovalStages: Set<Stage> = [.employerReview, .supervisorReview, .unitPublicity]

    /// The one rule the desk applies and the file's page offers a remove button by: the
    /// applicant removes a kind while it is open to it; the employer of the file's unit an
    /// upload its unit made (`madeByUnit`) in `unitRemovalStages`, except the evidence the
    /// recorded publicity rests on. Anyone else is not offered the change at all (`closed`).
    static func removal(of upload: ApplicationUploadRecord, madeByUnit: Bool, on record: ApplicationRecord, by actor: Actor,
                        publicityEvidence: UUID?) -> UploadRemoval {
        let stage = record.currentStage
        if record.applicantID == actor.userID {
            return UploadKind(rawValue: upload.kind)?.openForApplicant(in: stage) == true ? .allowed : .closed
        }
        guard RecordAccess.mayActAsEmployer(onFileOf: record.applicantID, unit: record.employerID, actor: actor) else { return .closed }
        guard madeByUnit else { return .notYours }
        guard unitRemovalStages.contains(stage) else { return .closed }
        return upload.fileID == publicityEvidence ? .holdsPublicity : .allowed
    }

    /// An upload made by the file's unit: by an account of that unit other than the applicant
    /// (a staff member's own file is never the unit's to change).
    static func madeByUnit(owner: UUID, ownerUnit: UUID?, of record: ApplicationRecord) -> Bool {
        guard let unit = record.employerID, owner != record.applicantID else { return false }
        return ownerUnit == unit
    }

    // MARK: stage changes

    /// Moves the file by `event` if the transition table allows it for the caller, once per
    /// idempotency key: a retry with the same key gets the first answer and changes nothing.
    ///
    /// An approval carries the employer's 核实意见 and a post confirmation the supervising
    /// department's statement (`statement`); both are checked before the table is asked, and
    /// kept with the stage change in the file's history.
    func transition(_ record: ApplicationRecord, event: StageEvent, reason: String?, statement: ReviewRecord.Detail? = nil,
                    idempotencyKey: String?, by principal: Principal?) async throws -> Stage {
        let applicationID = try record.requireID()
        let scope = "transition:\(applicationID):\(event.rawValue)"
        if let key = idempotencyKey, let principal, let earlier = try await IdempotencyRecord.query(on: database)
            .filter(\.$userID == principal.userID).filter(\.$key == key).first() {
            guard earlier.scope == scope, let stage = Stage(rawValue: earlier.result) else {
                throw APIProblem(status: .unprocessableEntity, code: "idempotency_key_reused", message: LocalizedText(
                    zh: "该请求编号已用于其他操作。", en: "This idempotency key was used for another request."), field: "idempotencyKey")
            }
            return stage
        }
        let policy = try policy(of: record)
        // No principal: the system's scheduled jobs. A person acts in the role that applies to
        // this file (`FileActors.swift`): never as applicant on another's file, never as reviewer on its own.
        let actors = try await transitionActors(of: principal, on: record)
        guard let actor = Self.actor(for: event, from: record.currentStage, among: actors) else { throw Abort(.forbidden) }
        // The employer is looked up once, for the guards and for the engine's profile.
        let employerKind = try await employerKind(of: record)
        let report = try await profile(of: record, employerKind: employerKind).map { EligibilityEngine(policy: policy).evaluate($0) }
        let now = clock.now()
        let (publicity, uploaded) = try await reportingFacts(of: record)
        let supplement = try await SupplementRecord.query(on: database).filter(\.$applicationID == applicationID).first()
        var requestedDue: LocalDate?
        if case .checklist(let decision)? = statement, event == .requestSupplement { requestedDue = decision.supplementDue }
        let facts = TransitionFacts(now: now, employerKind: employerKind ?? .enterprise, reason: reason,
                                    targetLevel: try record.content.target?.level,
                                    eligibilityFails: report.map { !$0.eligible } ?? true,
                                    summaryZi: try record.content.summaryCount.zi, publicityEnds: publicity?.endDay,
                                    publicityOutcomeRecorded: publicity?.outcome != nil,
                                    missingMaterials: ReportingChecklist.missing(uploaded),
                                    missingProofs: SubmissionProofs.missing(uploaded),
                                    supplementsRequested: supplement == nil ? 0 : 1,
                                    supplementDue: event == .requestSupplement ? requestedDue : supplement?.dueDay)
        let next: Stage
        switch TransitionTable.decide(from: record.currentStage, event: event, by: actor, facts: facts, policy: policy) {
        case .success(let stage): next = stage
        case .failure(let refusal):
            if refusal.code == .notYourRole { throw Abort(.forbidden) }
            throw APIProblem(status: .conflict, code: refusal.code.rawValue, message: refusal.message, field: nil)
        }
        // The applicant acts by the due day the bureau sets, so it is a day the offices work.
        if let due = requestedDue, let problem = app.domain.calendar.notWorkingDayProblem(due, what: LocalizedText(
            zh: "补正截止日", en: "the supplement's due day")) {
            throw APIProblem.badInput(code: "due_not_working_day", field: "supplementDue", problem)
        }
        let items = AcceptanceChecklist.items(report: report, uploaded: uploaded, summaryZi: try record.content.summaryCount.zi, policy: policy)
        let statement = try Self.checked(statement, for: event, record: record, today: facts.today, items: items)
        let field = event == .accept ? try await certificateField(of: record) : nil
        let schedule = event == .accept ? try await PaperScheduleRecord.query(on: database).filter(\.$batchID == record.batchID).first() : nil
        let before = AuditLog.digest(ApplicationSnapshot(record))
        let from = record.currentStage
        let clock = self.clock
        let auditActor = Self.auditActor(principal, acting: actor)
        try await AuditLog.write(on: database, gate: app.security.auditGate, clock: clock) { db in
            guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
            let now = clock.now()
            // The stage moves only from the stage it was judged in: a concurrent change loses.
            // A first submission also records when it was made.
            let submittedAt: Date? = event == .submit ? (record.submittedAt ?? now) : record.submittedAt
            let row = try await sql.raw("""
                UPDATE applications SET stage = \(bind: next.rawValue), version = version + 1, updated_at = \(bind: now),
                  submitted_at = \(bind: submittedAt)
                WHERE id = \(bind: applicationID) AND stage = \(bind: from.rawValue)
                RETURNING version
                """).first()
            guard let version = try row?.decode(column: "version", as: Int.self) else {
                throw APIProblem(status: .conflict, code: "stage_changed", message: LocalizedText(
                    zh: "申报材料的状态已发生变化，请刷新页面。", en: "The file's stage has changed meanwhile; reload the page."), field: nil)
            }
            record.stage = next.rawValue
            record.version = version
            record.submittedAt = submittedAt
            if let key = idempotencyKey, let principal {
                let memo = IdempotencyRecord()
                memo.userID = principal.userID
                memo.key = key
                memo.scope = scope
                memo.result = next.rawValue
                memo.createdAt = now
                try await memo.create(on: db)
            }
            let extra = try await Self.record(event: event, next: next, statement: statement, field: field, schedule: schedule,
                                          supplement: supplement, record: record, by: principal, policy: policy, at: now, on: db)
            let history = ReviewRecord()
            history.applicationID = applicationID
            history.event = event.rawValue
            history.fromStage = from.rawValue
            history.toStage = next.rawValue
            history.actorID = principal?.userID
            history.actorName = principal?.displayName ?? "系统 System"
            history.reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines).nonEmpty
            history.detailJSON = try ReviewRecord.encode(statement)
            history.createdAt = now
            try await history.create(on: db)
            var body = Self.messageBody(from: from, to: next, reason: reason, policy: policy)
            if let extra { body = LocalizedText(zh: body.zh + extra.zh, en: body.en + " " + extra.en) }
            try await MessageRecord(to: record.applicantID, about: applicationID, title: Self.messageTitle(next), body: body, at: now).create(on: db)
            return ((), [AuditEntry(actor: auditActor, action: "application." + event.rawValue, recordType: "application",
                                    recordID: applicationID.uuidString, before: before, after: AuditLog.digest(ApplicationSnapshot(record)),
                                    reason: reason ?? extra?.zh)])
        }
        return next
    }

    /// What an acceptance, a supplement request or a resubmission leaves besides the stage,
    /// inside the stage change's transaction; returns what the applicant's message adds.
    private static func record(event: StageEvent, next: Stage, statement: ReviewRecord.Detail?, field: CertificateField?,
                               schedule: PaperScheduleRecord?, supplement: SupplementRecord?, record: ApplicationRecord,
                               by principal: Principal?, policy: BatchPolicy, at now: Date, on db: any Database) async throws -> LocalizedText? {
        let applicationID = try record.requireID()
        switch (event, statement) {
        case (.accept, _):
            guard let principal else { throw Abort(.forbidden) }
            // Numbered inside the transaction: a rolled-back acceptance gives its number back.
            let sequence = try await NumberSequence.next(AcceptanceNumber.sequenceName(batch: record.batchID), on: db)
            let acceptance = AcceptanceRecord()
            acceptance.applicationID = applicationID
            acceptance.batchID = record.batchID
            acceptance.number = AcceptanceNumber.format(batchCode: AcceptanceNumber.batchCode(of: policy), field: field, sequence: sequence)
            acceptance.acceptedAt = now
            acceptance.acceptedBy = principal.userID
            try await acceptance.create(on: db)
            var text = LocalizedText(zh: "受理号：\(acceptance.number)。", en: "Acceptance number: \(acceptance.number).")
            if let schedule { text = LocalizedText(zh: text.zh + schedule.text.zh, en: text.en + " " + schedule.text.en) }
            return text
        case (.requestSupplement, .checklist(let decision)?):
            guard let principal, let due = decision.supplementDue else { throw Abort(.forbidden) }
            let request = SupplementRecord()
            request.applicationID = applicationID
            request.itemsJSON = String(decoding: try JSONEncoder.sorted.encode(decision.flagged), as: UTF8.self)
            request.dueOn = due.iso
            request.requestedBy = principal.userID
            request.requestedAt = now
            try await request.create(on: db)
            let lines = decision.flagged.map { entry in
                (zh: "“\(entry.label.zh)”\(entry.verdict.name.zh)" + (entry.note.map { "（\($0)）" } ?? ""),
                 en: "“\(entry.label.en)”: \(entry.verdict.name.en.lowercased())" + (entry.note.map { " (\($0))" } ?? ""))
            }
            return LocalizedText(
                zh: "需补正：" + lines.map(\.zh).joined(separator: "；") + "。请于\(DateText.long(due, in: .zh))前一次性补齐并提交，逾期视为放弃申报。",
                en: "To correct: " + lines.map(\.en).joined(separator: "; ") + ". Correct them all and send the file back by \(DateText.long(due, in: .en)); otherwise the application counts as withdrawn.")
        case (.returnToApplicant, _), (.refusePost, _):
            // A returned file is publicised afresh after its next approval: the earlier
            // publicity (and how it ended) stays in the audit log and the history, not on the file.
            try await PublicityRecord.query(on: db).filter(\.$applicationID == applicationID).delete()
            return nil
        case (.resubmit, _):
            supplement?.resubmittedAt = now
            try await supplement?.save(on: db)
            return nil
        default:
            return nil
        }
    }

    /// The field of the file's certificate, for its acceptance number.
    func certificateField(of record: ApplicationRecord) async throws -> CertificateField? {
        guard let id = record.verificationID, let verification = try await VerificationRecord.find(id, on: database) else { return nil }
        return try await CertificateItemRecord.find(verification.certificateItemID, on: database)?.item?.field
    }

    /// The statement an event needs, checked; nil for events that carry none.
    static func checked(_ statement: ReviewRecord.Detail?, for event: StageEvent, record: ApplicationRecord,
                        today: LocalDate, items: [AcceptanceItem]) throws -> ReviewRecord.Detail? {
        do {
            switch (event, statement) {
            case (.accept, .checklist(let sent)?), (.requestSupplement, .checklist(let sent)?):
                let decision = sent.labelled(by: items)
                try decision.validate(against: items, accepting: event == .accept)
                return .checklist(decision)
            case (.accept, _), (.requestSupplement, _):
                throw ProfileError(code: "checklist_required", field: "items", message: LocalizedText(
                    zh: "请逐项作出审核结论。", en: "Give a verdict on every item of the checklist."))
            case (.approve, .opinion(let opinion)?):
                try opinion.validate(today: today, submittedOn: record.submittedAt.map(ShanghaiTime.date(of:)))
                return statement
            case (.approve, _):
                throw ProfileError(code: "opinion_required", field: "opinion", message: LocalizedText(
                    zh: "同意申报须填写所在单位核实意见。", en: "Approving needs the employer's opinion (所在单位核实意见)."))
            case (.confirmPost, .post(let post)?):
                try post.validate()
                return statement
            case (.confirmPost, _):
                throw ProfileError(code: "post_required", field: "post", message: LocalizedText(
                    zh: "请确认岗位情况。", en: "Confirm the post situation."))
            default:
                return nil
            }
        } catch let error as ProfileError {
            throw APIProblem.badInput(code: error.code, field: error.field, error.message)
        }
    }

    /// The unit publicity of the file and the kinds of file uploaded to it.
    func reportingFacts(of record: ApplicationRecord) async throws -> (PublicityRecord?, Set<UploadKind>) {
        let id = try record.requireID()
        let publicity = try await PublicityRecord.query(on: database).filter(\.$applicationID == id).first()
        let kinds = try await ApplicationUploadRecord.query(on: database).filter(\.$applicationID == id).all()
            .compactMap { UploadKind(rawValue: $0.kind) }
        return (publicity, Set(kinds))
    }

    static func messageTitle(_ stage: Stage) -> LocalizedText {
        LocalizedText(zh: "申报状态：\(stage.name.zh)", en: "Application: \(stage.name.en)")
    }

    static func messageBody(from: Stage, to: Stage, reason: String?, policy: BatchPolicy) -> LocalizedText {
        let next = NextStep.after(to, policy: policy)
        var zh = "您的申报材料已由“\(from.name.zh)”转为“\(to.name.zh)”。\(next.zh)"
        var en = "Your file moved from “\(from.name.en)” to “\(to.name.en)”. \(next.en)"
        if let reason, !reason.isEmpty {
            zh += "理由：\(reason)"
            en += " Reason: \(reason)"
        }
        return LocalizedText(zh: zh, en: en)
    }
}

/// What the audit digests of an application cover (the sealed ID number, never the plain one).
struct ApplicationSnapshot: Encodable {
    let id: UUID?, stage: String, version: Int, employerID: UUID?, verificationID: UUID?, content: String, idNumberSealed: String?

    init(_ record: ApplicationRecord) {
        id = record.id; stage = record.stage; version = record.version; employerID = record.employerID
        verificationID = record.verificationID; content = record.contentJSON; idNumberSealed = record.idNumberSealed
    }
}
