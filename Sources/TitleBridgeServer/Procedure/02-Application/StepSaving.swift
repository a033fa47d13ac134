import Fluent
import Foundation
import SQLKit
import TitleBridgeCore
import Vapor

extension ApplicationDesk {
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
        let level = content.target?.level.rawValue
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
                  id_number_sealed = \(bind: sealed ?? record.idNumberSealed),
                  target_level = \(bind: level),
                  certificate_field = \(bind: changes.certificateField ?? record.certificateField)
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
            record.targetLevel = level
            if let employer = changes.employerID { record.employerID = employer }
            if let verification = changes.verificationID { record.verificationID = verification }
            if let field = changes.certificateField { record.certificateField = field }
            if let sealed { record.idNumberSealed = sealed }
            return ((), [AuditEntry(actor: principal.auditActor, action: "application.save." + step.rawValue, recordType: "application",
                                    recordID: id.uuidString, before: before, after: AuditLog.digest(ApplicationSnapshot(record)))])
        }
    }

    struct StepChanges {
        var employerID: UUID?
        var verificationID: UUID?
        /// The field of the newly chosen certificate, copied for the dashboard's counts.
        var certificateField: String?
        var idNumber: String?
    }

    func apply(_ step: ApplicationStep, _ input: StepInput, to content: inout ApplicationContent, of record: ApplicationRecord,
                       changes: inout StepChanges, by principal: Principal) async throws {
        let today = clock.today()
        switch step {
        case .personal:
            // Every field is read, in the form's order, so all problems are told at once.
            var problems = ProblemList()
            let name = try problems.read {
                try FieldReader.required(input.name, "name", LocalizedText(zh: "姓名", en: "the name"), max: 100)
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
                try FieldReader.required(input.nationality, "nationality", LocalizedText(zh: "国籍", en: "the nationality"), max: 60)
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
            changes.certificateField = try await CertificateItemRecord.find(verification.certificateItemID, on: database)?.field
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
    func titleRefusal(of target: ApplicantProfile.Title, in content: ApplicationContent,
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
}
