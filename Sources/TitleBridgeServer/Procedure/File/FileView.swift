import Fluent
import TitleBridgeCore
import Vapor

/// The application file as its applicant wrote it, read-only, on the file's page for everyone
/// who opens it: the employer, the supervising department and the bureau judge what was
/// written, not only the engine's findings about it, and the applicant reads its file as sent.
/// The ID number is whole or masked as `ShownIdentityNumber` says for the viewer. Every
/// attachment is listed with its name, size and day, and a remove button for whoever
/// `ApplicationDesk.removal` lets remove it. Each section has an anchor
/// (`anchor(of:)`, `anchor(ofUpload:)`) the bureau's checklist links to.
struct FileView: Encodable {
    struct Fact: Encodable {
        let label: String
        let value: String
        /// Said beside the value, e.g. that the number is partly hidden.
        let hint: String?

        init(_ label: String, _ value: String, hint: String? = nil) {
            self.label = label
            self.value = value
            self.hint = hint
        }
    }

    struct Table: Encodable {
        let headers: [String]
        let rows: [Row]
    }

    struct Row: Encodable {
        let cells: [String]
    }

    /// One step of the form as read back: facts, a table, or paragraphs.
    struct Section: Encodable {
        let anchor: String
        let href: String
        let heading: String
        let facts: [Fact]
        let hasFacts: Bool
        let table: Table?
        let paragraphs: [String]
        let hasParagraphs: Bool
        let note: String?

        init(_ step: ApplicationStep, language: Language, facts: [Fact] = [], table: Table? = nil, paragraphs: [String] = [],
             note: String? = nil) {
            anchor = FileView.anchor(of: step)
            href = "#" + anchor
            heading = step.name.text(in: language)
            self.facts = facts
            hasFacts = !facts.isEmpty
            self.table = table
            self.paragraphs = paragraphs
            hasParagraphs = !paragraphs.isEmpty
            self.note = note
        }
    }

    struct Attachment: Encodable {
        /// Set on the first attachment of its kind, which the checklist's row for that kind links to.
        let anchor: String?
        let kind: String
        let name: String
        let size: String
        let uploadedOn: String
        let href: String
        let removeAction: String?
    }

    let heading: String
    let intro: String
    let sections: [Section]
    let attachmentsAnchor: String
    let attachmentsHref: String
    let attachmentsHeading: String
    let attachmentHeaders: [String]
    let attachments: [Attachment]
    /// The kinds of document attached so far.
    let uploadedKinds: Set<UploadKind>
    let hasAttachments: Bool
    let noAttachments: String
    let removeLabel: String
    let csrfToken: String

    /// The anchor of a step's section on the file's page.
    static func anchor(of step: ApplicationStep) -> String { "file-" + step.rawValue }

    /// The anchor of the first attachment of `kind` (present only when one was uploaded).
    static func anchor(ofUpload kind: UploadKind) -> String { "file-upload-" + kind.rawValue }

    static let attachmentsSection = "file-attachments"

    /// `12 KB`, `1.5 MB`: sizes as people compare them with the upload limits.
    static func sizeText(_ bytes: Int) -> String {
        let megabyte = 1024 * 1024
        guard bytes >= megabyte else { return "\(max(1, (bytes + 1023) / 1024)) KB" }
        let tenths = (bytes * 10 + megabyte / 2) / megabyte
        return "\(tenths / 10).\(tenths % 10) MB"
    }

    /// Reads what the file points to (its unit, its verification, its stored files) and builds the view.
    static func load(request: Request, record: ApplicationRecord, principal: Principal, uploads: [ApplicationUploadRecord],
                     publicity: PublicityRecord?) async throws -> FileView {
        let db = request.db
        var employer: OrganisationRecord?
        if let id = record.employerID { employer = try await OrganisationRecord.find(id, on: db) }
        var verification: VerificationRecord?
        var item: CertificateItemRecord?
        if let id = record.verificationID, let found = try await VerificationRecord.find(id, on: db) {
            verification = found
            item = try await CertificateItemRecord.find(found.certificateItemID, on: db)
        }
        let stored = try await UploadedFileRecord.query(on: db).filter(\.$id ~~ uploads.map(\.fileID)).all()
        let files = Dictionary(stored.compactMap { file in file.id.map { ($0, file) } }, uniquingKeysWith: { first, _ in first })
        // Who made each upload matters only to the employer, who may take back its unit's own.
        var ownerUnits: [UUID: UUID] = [:]
        if RecordAccess.mayActAsEmployer(onFileOf: record.applicantID, unit: record.employerID, actor: principal.actor), !stored.isEmpty {
            for owner in try await UserRecord.query(on: db).filter(\.$id ~~ stored.map(\.ownerID)).all() {
                if let id = owner.id, let unit = owner.organisationID { ownerUnits[id] = unit }
            }
        }
        return try FileView(request: request, record: record, viewer: principal.actor, employer: employer, verification: verification,
                            item: item, uploads: uploads, files: files, ownerUnits: ownerUnits,
                            publicityEvidence: publicity?.evidenceFileID)
    }

    init(request: Request, record: ApplicationRecord, viewer: Actor, employer: OrganisationRecord?, verification: VerificationRecord?,
         item: CertificateItemRecord?, uploads: [ApplicationUploadRecord], files: [UUID: UploadedFileRecord],
         ownerUnits: [UUID: UUID], publicityEvidence: UUID?) throws {
        let language = request.language
        let w = Words<FileText>(language)
        func day(_ date: LocalDate) -> String { DateText.long(date, in: language) }
        func yesNo(_ flag: Bool) -> String { flag ? w[.yes] : w[.no] }
        let none = "—"
        let notFilled = w[.notFilled]
        let content = try record.content
        heading = w[.heading]
        intro = w[.intro]

        var sections: [Section] = []
        let shown = ShownIdentityNumber.of(record, viewer: viewer, cipher: request.security.cipher)
        let personal: [Fact] = content.personal.map { entry in
            [Fact(w[.name], entry.name),
             Fact(w[.gender], entry.gender.name.text(in: language)),
             Fact(w[.birthDate], day(entry.birthDate)),
             Fact(w[.nationality], entry.nationality),
             Fact(w[.idKind], entry.idKind.name.text(in: language)),
             Fact(w[.idNumber], shown?.text ?? none, hint: shown?.masked == true ? w[.partlyHidden] : nil)]
        } ?? []
        sections.append(Section(.personal, language: language, facts: personal, note: personal.isEmpty ? notFilled : nil))

        var unit: [Fact] = []
        if let employer {
            unit = [Fact(w[.employer], employer.name.text(in: language)),
                    Fact(w[.unitKind], employer.organisationKind?.name.text(in: language) ?? none),
                    Fact(w[.creditCode], employer.creditCode ?? none)]
        }
        unit.append(Fact(w[.titleHeld], content.currentTitle.map { Self.titleText($0, in: language) } ?? w[.noTitle]))
        sections.append(Section(.employer, language: language, facts: unit,
                                note: employer == nil ? w[.noEmployerYet] : nil))

        let certificate: [Fact] = verification.map { passed in
            [Fact(w[.certificate], item.map { language == .zh ? $0.nameZh : $0.nameEn } ?? passed.certificateItemID),
             Fact(w[.certificateNumber], passed.certificateNumber),
             Fact(w[.verificationNumber], passed.verificationNumber ?? none),
             Fact(w[.verificationPassedOn], passed.passedDay.map(day) ?? none)]
        } ?? []
        sections.append(Section(.certificate, language: language, facts: certificate,
                                note: certificate.isEmpty ? w[.noVerificationYet] : nil))

        let education: [Row] = content.education.map { entry in
            Row(cells: [entry.degree.name.text(in: language), entry.discipline.name.text(in: language), entry.school, entry.country,
                        day(entry.awardedOn), entry.recognitionNumber ?? none])
        }
        sections.append(Section(.education, language: language, table: education.isEmpty ? nil : Table(
            headers: [w[.degree], w[.discipline], w[.school], w[.country],
                      w[.awardedOn], w[.recognitionNumber]],
            rows: education), note: education.isEmpty ? notFilled : nil))

        let work: [Row] = content.work.map { entry in
            Row(cells: [day(entry.from), entry.to.map(day) ?? w[.present], entry.employer, entry.position,
                        yesNo(entry.inShanghai), yesNo(entry.related)])
        }
        sections.append(Section(.work, language: language, table: work.isEmpty ? nil : Table(
            headers: [w[.workFrom], w[.workTo], w[.employerAndDepartment], w[.position],
                      w[.inShanghai], w[.relatedToCertificate]],
            rows: work), note: work.isEmpty ? notFilled : nil))

        sections.append(Section(.target, language: language,
                                facts: content.target.map { [Fact(w[.titleAppliedFor], Self.titleText($0, in: language))] } ?? [],
                                note: content.target == nil ? notFilled : nil))

        // Paragraphs as written; a leading ideographic space (the Chinese indent) stays, since
        // HTML collapses only ASCII white space.
        let paragraphs = content.summary.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.allSatisfy(\.isWhitespace) }
        let count = content.summaryCount
        sections.append(Section(.summary, language: language, paragraphs: paragraphs,
                                note: paragraphs.isEmpty ? notFilled : w[.summaryCount, ["count": "\(count.zi)"]]))
        self.sections = sections

        let id = record.id?.uuidString ?? ""
        var anchored = Set<String>()
        var rows: [Attachment] = []
        for upload in uploads {
            let kind = UploadKind(rawValue: upload.kind)
            let file = files[upload.fileID]
            let madeByUnit = file.map { ApplicationDesk.madeByUnit(owner: $0.ownerID, ownerUnit: ownerUnits[$0.ownerID], of: record) } ?? false
            let removable = ApplicationDesk.removal(of: upload, madeByUnit: madeByUnit, on: record, by: viewer,
                                                    publicityEvidence: publicityEvidence) == .allowed
            rows.append(Attachment(
                anchor: kind.flatMap { anchored.insert($0.rawValue).inserted ? Self.anchor(ofUpload: $0) : nil },
                kind: kind?.name.text(in: language) ?? upload.kind, name: file?.originalName ?? none,
                size: file.map { Self.sizeText($0.size) } ?? none, uploadedOn: day(ShanghaiTime.date(of: upload.createdAt)),
                href: SiteURL.file.path(upload.fileID.uuidString),
                removeAction: removable ? SiteURL.applicationUploadDelete.path(id, upload.id?.uuidString ?? "") : nil))
        }
        attachments = rows
        uploadedKinds = Set(uploads.compactMap { UploadKind(rawValue: $0.kind) })
        hasAttachments = !rows.isEmpty
        attachmentsAnchor = Self.attachmentsSection
        attachmentsHref = "#" + Self.attachmentsSection
        attachmentsHeading = w[.attachmentsHeading]
        attachmentHeaders = [w[.attachmentKind], w[.fileName], w[.size], w[.uploadedOn], ""]
        noAttachments = w[.noAttachments]
        removeLabel = w[.remove]
        csrfToken = CSRF.token(for: request)
    }

    /// `高级会计师（副高级）`, `Senior accountant (associate senior)`: as the title step names it.
    static func titleText(_ title: ApplicantProfile.Title, in language: Language) -> String {
        let name = title.series.title(at: title.level), level = title.level.name
        return language == .zh ? name.zh + "（" + level.zh + "）" : name.en.capitalisedFirst + " (" + level.en + ")"
    }
}
