/// 初级职称聘任 — junior titles are not recognised by the committee: the employer appoints its
/// holders itself, "按照上述要求" (四, first paragraph) — the conditions of 二 and 三 for 初级 —
/// and fills in the 《专业技术职务聘任表》, which then proves the title held.
public struct JuniorAppointment: Codable, Sendable, Equatable {
    public var personName: String
    public var gender: ApplicationContent.Gender
    public var birthDate: LocalDate
    /// The overseas certificate (a C-class item of the list) the appointment rests on.
    public var certificateCode: String
    public var certificateNumber: String
    public var education: [ApplicationContent.EducationEntry]
    public var work: [ApplicationContent.WorkEntry]
    /// 现从事专业技术岗位.
    public var position: String
    /// 聘任日期 and the term in years (聘期).
    public var appointedOn: LocalDate
    public var termYears: Int
    /// The unit states the basic conditions of 三(一) from its own assessment of the person.
    public var basicConditionsMet: Bool
    /// The unit's written reason when a "原则上" clause is not met (reviewed, not refused).
    public var reviewNote: String?

    public init(personName: String, gender: ApplicationContent.Gender, birthDate: LocalDate, certificateCode: String,
                certificateNumber: String, education: [ApplicationContent.EducationEntry], work: [ApplicationContent.WorkEntry],
                position: String, appointedOn: LocalDate, termYears: Int, basicConditionsMet: Bool, reviewNote: String? = nil) {
        self.personName = personName
        self.gender = gender
        self.birthDate = birthDate
        self.certificateCode = certificateCode
        self.certificateNumber = certificateNumber
        self.education = education
        self.work = work
        self.position = position
        self.appointedOn = appointedOn
        self.termYears = termYears
        self.basicConditionsMet = basicConditionsMet
        self.reviewNote = reviewNote
    }

    /// The title the appointment confers: the junior level of the certificate's series.
    public func title(series: TitleSeries) -> ApplicantProfile.Title {
        ApplicantProfile.Title(series: series, level: .junior)
    }

    /// Where the term ends: the day before the same date `termYears` later.
    public var termEndsOn: LocalDate {
        appointedOn.adding(years: termYears).adding(days: -1)
    }

    /// Whether `other` appoints the same person. The 聘任表 carries no ID number, so a person
    /// is known by birth date and name, the name compared as `HolderName` compares two writings
    /// of it (case, spaces, separators and the order of Latin parts forgiven).
    public func samePerson(as other: JuniorAppointment) -> Bool {
        birthDate == other.birthDate && HolderName.matches(personName, other.personName)
    }
}

/// Judges an appointment with the eligibility engine, for 初级.
///
/// Readings, written down here as a careful official would take them:
/// - 四(一) 证书查验 opens the procedure "中级、副高级职称考核认定", so a junior appointment does
///   not need a verification pass; the certificate must still be a C-class item whose field
///   leads to the series (二). The committee route clause does not apply either.
/// - "从事相关工作满 1 年" is counted up to the appointment day, not to the batch's cut-off
///   (2024-12-31): an appointment cannot rest on work not yet done. Degrees awarded after it
///   do not count.
public struct JuniorAppointmentRules: Sendable {
    public let policy: BatchPolicy

    public init(policy: BatchPolicy) { self.policy = policy }

    public struct Decision: Sendable, Equatable {
        public let report: EligibilityReport
        /// No clause failed, and a clause for review carries the unit's written reason.
        public let appointable: Bool
        public let refusal: LocalizedText?
        public let citation: String?
    }

    public func decide(_ appointment: JuniorAppointment, certificate: CertificateItem,
                       employerKind: ApplicantProfile.EmployerKind) -> Decision {
        let admitted = policy.certificateList
        guard certificate.classes.contains(admitted.itemClass) else {
            let report = EligibilityReport(batch: policy.id, clauses: [])
            return Decision(report: report, appointable: false, refusal: LocalizedText(
                zh: "该证书不属于《上海市境外职业资格证书认可清单》\(admitted.itemClass)类项目（\(admitted.citation)）。",
                en: "The certificate is not a class \(admitted.itemClass) item of the Shanghai list of recognised overseas qualifications (\(admitted.citation))."),
                            citation: admitted.citation)
        }
        let day = appointment.appointedOn
        let education = appointment.education.filter { $0.awardedOn <= day }
            .map { ApplicantProfile.Education(degree: $0.degree, discipline: $0.discipline, awardedOn: $0.awardedOn) }
        let work = appointment.work.filter { $0.from <= day }.map {
            ApplicantProfile.WorkPeriod(from: $0.from, to: $0.to, inShanghai: $0.inShanghai, related: $0.related)
        }
        let signed = appointment.basicConditionsMet
        let profile = ApplicantProfile(
            batch: policy.id, target: appointment.title(series: certificate.titleSeries),
            employer: ApplicantProfile.Employer(kind: employerKind), currentTitle: nil,
            certificate: certificate.certificate(verifiedOn: nil),
            education: education, work: work,
            attestations: ApplicantProfile.Attestations(lawAbiding: signed, professionalEthics: signed, dutiesFulfilled: signed))
        var counted = policy
        counted.dates.experienceCutoff = BatchPolicy.CitedDate(value: min(day, policy.dates.experienceCutoff.value),
                                                               citation: policy.dates.experienceCutoff.citation)
        let full = EligibilityEngine(policy: counted).evaluate(profile)
        let report = EligibilityReport(batch: full.batch, clauses: full.clauses.filter { $0.id != .verification && $0.id != .route })
        if let failed = report.clauses.first(where: { $0.outcome == .fail }) {
            let message = failed.message
            return Decision(report: report, appointable: false, refusal: LocalizedText(
                zh: "不符合初级职称聘任条件（\(failed.citation)）：\(message.zh)",
                en: "The junior appointment conditions are not met (\(failed.citation)): \(message.en)"), citation: failed.citation)
        }
        let note = appointment.reviewNote?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if let review = report.clauses.first(where: { $0.outcome == .review }), note.isEmpty {
            return Decision(report: report, appointable: false, refusal: LocalizedText(
                zh: "“原则上”条件未满足（\(review.citation)）：\(review.message.zh)如单位仍予聘任，请写明理由。",
                en: "A condition “in principle” is not met (\(review.citation)): \(review.message.en) If the unit appoints all the same, give its reason."),
                citation: review.citation)
        }
        return Decision(report: report, appointable: true, refusal: nil, citation: nil)
    }
}

extension JuniorAppointmentRules {
    /// 聘任编号 — `PR2024-000001`, one counter per year of appointment, gap-free.
    public static func number(year: Int, sequence: Int) -> String {
        let digits = String(sequence)
        return "PR\(year)-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    public static func sequenceName(year: Int) -> String { "appointment-\(year)" }

    /// The refusal of a second appointment of the same person to the same title in the same
    /// unit: the title is held from the first one (`number`, of `appointedOn`), and a second
    /// 聘任表 would make two records of one appointment.
    public static func alreadyAppointed(_ appointment: JuniorAppointment, title: LocalizedText, number: String,
                                        appointedOn: LocalDate) -> LocalizedText {
        LocalizedText(
            zh: "\(appointment.personName)（\(DateText.long(appointment.birthDate, in: .zh))出生）已于\(DateText.long(appointedOn, in: .zh))被本单位聘任为\(title.zh)（聘任编号 \(number)），不能重复聘任。",
            en: "\(appointment.personName), born \(DateText.long(appointment.birthDate, in: .en)), was already appointed \(title.en) by the unit on \(DateText.long(appointedOn, in: .en)) (number \(number)); the same person cannot be appointed to the same title twice.")
    }

    /// 聘期 in years a unit may set (沪人社专〔2017〕109号 leaves the term to the unit; a term
    /// longer than five years is not a term).
    public static let termYears = 1...5
}
