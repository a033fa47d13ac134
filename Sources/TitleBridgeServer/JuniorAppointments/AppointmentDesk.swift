import Fluent
import Foundation
import TitleBridgeCore
import Vapor

/// What an employer sends to appoint a junior title.
struct AppointmentInput: Content {
    var personName: String?
    var gender: String?
    var birthDate: String?
    var certificateCode: String?
    var certificateNumber: String?
    var education: [StepInput.Education]?
    var work: [StepInput.Work]?
    var position: String?
    var appointedOn: String?
    var termYears: Int?
    var basicConditionsMet: Checkbox?
    var reviewNote: String?
}

/// 初级职称聘任: an employer appoints a junior title under the conditions of the notice; the
/// appointment is numbered, audited and kept as the title the person holds.
struct AppointmentDesk {
    let app: Application
    private let database: any Database
    /// The path's parameters, for `load`; none outside a request.
    private let parameters: Parameters

    init(request: Request) {
        app = request.application
        database = request.db
        parameters = request.parameters
    }

    /// Outside a request: the demo seed appoints as an employer would.
    init(app: Application, database: any Database) {
        self.app = app
        self.database = database
        parameters = Parameters()
    }

    /// The employer's own unit, or 403 for a caller without one.
    func unit(of principal: Principal) async throws -> OrganisationRecord {
        guard principal.roles.contains(.employer), let id = principal.organisationID,
              let unit = try await OrganisationRecord.find(id, on: database), unit.organisationKind?.isEmployer == true else {
            throw Abort(.forbidden)
        }
        return unit
    }

    /// Reads and checks the input; refuses with the clause when the conditions are not met.
    func appointment(from input: AppointmentInput) async throws -> (JuniorAppointment, CertificateItem) {
        let today = app.domain.clock.today()
        let name = try FieldReader.required(input.personName, "personName", LocalizedText(zh: "姓名", en: "the name"), max: 100)
        let birth = try FieldReader.date(input.birthDate, "birthDate", LocalizedText(zh: "出生日期", en: "The birth date"))
        guard birth < today else {
            throw APIProblem.badInput(code: "birth_date", field: "birthDate", LocalizedText(zh: "出生日期应早于今天。", en: "The birth date must be before today."))
        }
        let code = try FieldReader.required(input.certificateCode, "certificateCode", LocalizedText(zh: "境外职业资格证书", en: "the certificate"))
        guard let item = try await CertificateItemRecord.find(code, on: database)?.item else {
            throw APIProblem.badInput(code: "certificate_unknown", field: "certificateCode", LocalizedText(
                zh: "请从认可清单中选择证书。", en: "Choose the certificate from the recognised list."))
        }
        let education = try (input.education ?? []).filter { !$0.isEmpty }.enumerated()
            .map { try $1.entry(field: "education[\($0)]", today: today) }
        guard !education.isEmpty else {
            throw APIProblem.badInput(code: "education_required", field: "education", LocalizedText(zh: "请至少填写一项学历。", en: "Enter at least one degree."))
        }
        let work = try (input.work ?? []).filter { !$0.isEmpty }.enumerated().map { try $1.entry(field: "work[\($0)]") }
        let appointed = try FieldReader.date(input.appointedOn, "appointedOn", LocalizedText(zh: "聘任日期", en: "The appointment date"))
        guard appointed <= today else {
            throw APIProblem.badInput(code: "date_future", field: "appointedOn", LocalizedText(
                zh: "聘任日期不能晚于今天。", en: "The appointment date cannot be after today."))
        }
        let range = JuniorAppointmentRules.termYears
        guard let term = input.termYears, range.contains(term) else {
            throw APIProblem.badInput(code: "term", field: "termYears", LocalizedText(
                zh: "聘期为\(range.lowerBound)至\(range.upperBound)年。", en: "The term is \(range.lowerBound) to \(range.upperBound) years."))
        }
        let appointment = JuniorAppointment(
            personName: name,
            gender: try FieldReader.choice(input.gender, "gender", LocalizedText(zh: "性别", en: "the gender")), birthDate: birth,
            certificateCode: code,
            certificateNumber: try FieldReader.required(input.certificateNumber, "certificateNumber",
                                                        LocalizedText(zh: "证书编号", en: "the certificate number"), max: 60),
            education: education, work: work,
            position: try FieldReader.required(input.position, "position", LocalizedText(zh: "专业技术岗位", en: "the post"), max: 100),
            appointedOn: appointed, termYears: term, basicConditionsMet: input.basicConditionsMet?.isOn ?? false,
            reviewNote: try FieldReader.optional(input.reviewNote, "reviewNote", LocalizedText(zh: "审核意见", en: "the review note"), max: 500))
        return (appointment, item)
    }

    /// Judges and, when the conditions are met, records the appointment.
    func appoint(_ input: AppointmentInput, by principal: Principal) async throws -> AppointmentRecord {
        let unit = try await unit(of: principal)
        let (appointment, item) = try await appointment(from: input)
        let policy = try app.domain.currentPolicy
        let kind = unit.organisationKind?.employerKind ?? .enterprise
        let decision = JuniorAppointmentRules(policy: policy).decide(appointment, certificate: item, employerKind: kind)
        guard decision.appointable else {
            throw APIProblem(status: .unprocessableEntity, code: "not_appointable", message: decision.refusal ?? LocalizedText(
                zh: "不符合初级职称聘任条件。", en: "The junior appointment conditions are not met."), field: nil)
        }
        let json = String(decoding: try JSONEncoder.sorted.encode(appointment), as: UTF8.self)
        let clock = app.domain.clock
        let unitID = try unit.requireID()
        let title = appointment.title(series: item.titleSeries)
        return try await AuditLog.write(on: database, gate: app.security.auditGate, clock: clock) { db in
            // Inside the audit log's write, which runs one at a time, so two identical posts
            // cannot both pass this check.
            let earlier = try await AppointmentRecord.query(on: db).filter(\.$organisationID == unitID)
                .filter(\.$titleSeries == title.series.rawValue).filter(\.$titleLevel == title.level.rawValue).all()
            if let same = earlier.first(where: { record in record.content.map { appointment.samePerson(as: $0) } ?? false }) {
                throw APIProblem(status: .conflict, code: "already_appointed", message: JuniorAppointmentRules.alreadyAppointed(
                    appointment, title: title.series.title(at: title.level), number: same.number,
                    appointedOn: same.content?.appointedOn ?? appointment.appointedOn), field: "personName")
            }
            let year = appointment.appointedOn.year
            let sequence = try await NumberSequence.next(JuniorAppointmentRules.sequenceName(year: year), on: db)
            let record = AppointmentRecord()
            record.organisationID = unitID
            record.number = JuniorAppointmentRules.number(year: year, sequence: sequence)
            record.personName = appointment.personName
            record.titleSeries = title.series.rawValue
            record.titleLevel = title.level.rawValue
            record.appointedOn = appointment.appointedOn.iso
            record.contentJSON = json
            record.createdBy = principal.userID
            record.createdAt = clock.now()
            try await record.create(on: db)
            return (record, [AuditEntry(actor: principal.auditActor, action: "appointment.create", recordType: "appointment",
                                        recordID: try record.requireID().uuidString, after: record.number,
                                        reason: decision.report.clauses.map { "\($0.id.rawValue)=\($0.outcome.rawValue)" }.joined(separator: ","))])
        }
    }

    /// One page of the appointments the caller may see: its own unit's, or all for the bureau
    /// and the administrator.
    func visible(to principal: Principal, paging: Paging) async throws -> ([AppointmentRecord], Bool) {
        let query = AppointmentRecord.query(on: database)
        guard RecordScopes.appointments(RecordAccess.listScope(of: .appointment, for: principal.actor), query) else { return ([], false) }
        return try await paging.rows(of: query.sort(\.$createdAt, .descending).sort(\.$id))
    }

    /// One appointment in the path, if the caller may see it (404 otherwise).
    func load(for principal: Principal) async throws -> AppointmentRecord {
        guard let id = parameters.get("appointmentID", as: UUID.self),
              let record = try await AppointmentRecord.find(id, on: database),
              RecordAccess.seesAllUnits(principal.actor) || RecordAccess.mayActAsEmployer(ofUnit: record.organisationID, actor: principal.actor)
        else { throw Abort(.notFound) }
        return record
    }
}
