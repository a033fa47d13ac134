/// 申报材料 — what an applicant writes into the application file, step by step. Personal
/// numbers are not in here: the server seals them apart.
public struct ApplicationContent: Codable, Sendable, Equatable {
    public enum Gender: String, Codable, Sendable, CaseIterable {
        case female, male
        public var name: LocalizedText {
            self == .female ? LocalizedText(zh: "女", en: "Female") : LocalizedText(zh: "男", en: "Male")
        }
    }

    /// 基本信息.
    public struct Personal: Codable, Sendable, Equatable {
        public var name: String
        public var gender: Gender
        public var birthDate: LocalDate
        public var nationality: String
        public var idKind: IdentityDocumentKind

        public init(name: String, gender: Gender, birthDate: LocalDate, nationality: String, idKind: IdentityDocumentKind) {
            self.name = name
            self.gender = gender
            self.birthDate = birthDate
            self.nationality = nationality
            self.idKind = idKind
        }
    }

    /// 学习经历 — one degree.
    public struct EducationEntry: Codable, Sendable, Equatable {
        public var degree: Degree
        public var discipline: Discipline
        public var school: String
        public var country: String
        public var awardedOn: LocalDate
        /// 学历认证 number of an overseas degree.
        public var recognitionNumber: String?

        public init(degree: Degree, discipline: Discipline, school: String, country: String, awardedOn: LocalDate,
                    recognitionNumber: String?) {
            self.degree = degree
            self.discipline = discipline
            self.school = school
            self.country = country
            self.awardedOn = awardedOn
            self.recognitionNumber = recognitionNumber
        }
    }

    /// 工作经历 — one period.
    public struct WorkEntry: Codable, Sendable, Equatable {
        public var from: LocalDate
        public var to: LocalDate?
        public var employer: String
        public var position: String
        public var inShanghai: Bool
        public var related: Bool

        public init(from: LocalDate, to: LocalDate?, employer: String, position: String, inShanghai: Bool, related: Bool) {
            self.from = from
            self.to = to
            self.employer = employer
            self.position = position
            self.inShanghai = inShanghai
            self.related = related
        }
    }

    public var personal: Personal?
    /// The title a public-institution employee holds (一级 rule).
    public var currentTitle: ApplicantProfile.Title?
    public var education: [EducationEntry]
    public var work: [WorkEntry]
    public var target: ApplicantProfile.Title?
    public var attestations: ApplicantProfile.Attestations?
    /// 本人专业技术工作总结.
    public var summary: String

    public init() {
        education = []
        work = []
        summary = ""
    }

    /// The profile the eligibility engine judges, once every part it needs is there.
    public func profile(batch: String, employerKind: ApplicantProfile.EmployerKind?,
                        certificate: ApplicantProfile.Certificate?) -> ApplicantProfile? {
        guard let target, let employerKind, let certificate, !education.isEmpty, !work.isEmpty else { return nil }
        return ApplicantProfile(
            batch: batch, target: target, employer: ApplicantProfile.Employer(kind: employerKind),
            currentTitle: currentTitle, certificate: certificate,
            education: education.map { ApplicantProfile.Education(degree: $0.degree, discipline: $0.discipline, awardedOn: $0.awardedOn) },
            work: work.map { ApplicantProfile.WorkPeriod(from: $0.from, to: $0.to, inShanghai: $0.inShanghai, related: $0.related) },
            attestations: attestations ?? ApplicantProfile.Attestations(lawAbiding: false, professionalEthics: false, dutiesFulfilled: false))
    }

    /// The summary's length by the notice's rule (四(二)).
    public var summaryCount: ZiCount { ZiCount(summary) }
}

/// The steps of the online form (网上申报), in the order a person fills them in.
public enum ApplicationStep: String, Codable, Sendable, CaseIterable {
    case personal, employer, certificate, education, work, target, summary

    public var name: LocalizedText {
        switch self {
        case .personal: LocalizedText(zh: "基本信息", en: "Personal data")
        case .employer: LocalizedText(zh: "工作单位", en: "Employer")
        case .certificate: LocalizedText(zh: "证书查验", en: "Certificate")
        case .education: LocalizedText(zh: "学习经历", en: "Education")
        case .work: LocalizedText(zh: "工作经历", en: "Work history")
        case .target: LocalizedText(zh: "申报系列与层级", en: "Title applied for")
        case .summary: LocalizedText(zh: "专业技术工作总结", en: "Work summary")
        }
    }
}
