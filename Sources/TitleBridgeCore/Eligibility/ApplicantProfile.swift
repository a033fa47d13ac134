/// 申报人情况 — what the eligibility engine needs to know of an applicant, in the shape of
/// `POST /api/v1/eligibility/check`.
public struct ApplicantProfile: Codable, Sendable, Equatable {
    /// A title: series and level (职称系列、层级).
    public struct Title: Codable, Sendable, Equatable {
        public var series: TitleSeries
        public var level: TitleLevel
        public init(series: TitleSeries, level: TitleLevel) {
            self.series = series
            self.level = level
        }
    }

    /// 用人单位性质.
    public enum EmployerKind: String, Codable, Sendable, CaseIterable {
        case enterprise
        /// 事业单位
        case publicInstitution
    }

    public struct Employer: Codable, Sendable, Equatable {
        public var kind: EmployerKind
        public init(kind: EmployerKind) { self.kind = kind }
    }

    /// The overseas certificate as the list and the verification platform describe it.
    public struct Certificate: Codable, Sendable, Equatable {
        public var field: CertificateField
        /// The series the list item leads to (根据证书项目分别).
        public var titleSeries: TitleSeries
        /// The day 查验 passed; nil when it has not.
        public var verifiedOn: LocalDate?
        public init(field: CertificateField, titleSeries: TitleSeries, verifiedOn: LocalDate?) {
            self.field = field
            self.titleSeries = titleSeries
            self.verifiedOn = verifiedOn
        }
    }

    /// 学历、学位 — one degree.
    public struct Education: Codable, Sendable, Equatable {
        public var degree: Degree
        public var discipline: Discipline
        public var awardedOn: LocalDate
        public init(degree: Degree, discipline: Discipline, awardedOn: LocalDate) {
            self.degree = degree
            self.discipline = discipline
            self.awardedOn = awardedOn
        }
    }

    /// 工作经历 — one period of work, both ends included; `to == nil` is still going on.
    public struct WorkPeriod: Codable, Sendable, Equatable {
        public var from: LocalDate
        public var to: LocalDate?
        public var inShanghai: Bool
        /// 与所持证书相关的专业技术工作.
        public var related: Bool
        public init(from: LocalDate, to: LocalDate?, inShanghai: Bool, related: Bool) {
            self.from = from
            self.to = to
            self.inShanghai = inShanghai
            self.related = related
        }
    }

    /// 三(一) 基本条件 — signed by the applicant.
    public struct Attestations: Codable, Sendable, Equatable {
        public var lawAbiding: Bool
        public var professionalEthics: Bool
        public var dutiesFulfilled: Bool
        public init(lawAbiding: Bool, professionalEthics: Bool, dutiesFulfilled: Bool) {
            self.lawAbiding = lawAbiding
            self.professionalEthics = professionalEthics
            self.dutiesFulfilled = dutiesFulfilled
        }
    }

    /// The batch to check against; nil means the current one.
    public var batch: String?
    public var target: Title
    public var employer: Employer
    /// 现有职称; nil when none.
    public var currentTitle: Title?
    public var certificate: Certificate
    public var education: [Education]
    public var work: [WorkPeriod]
    public var attestations: Attestations
    /// Earlier batches the applicant took part in (for batches that exclude them).
    public var participatedIn: [String]?

    public init(batch: String? = nil, target: Title, employer: Employer, currentTitle: Title?,
                certificate: Certificate, education: [Education], work: [WorkPeriod],
                attestations: Attestations, participatedIn: [String]? = nil) {
        self.batch = batch
        self.target = target
        self.employer = employer
        self.currentTitle = currentTitle
        self.certificate = certificate
        self.education = education
        self.work = work
        self.attestations = attestations
        self.participatedIn = participatedIn
    }
}

/// Input the engine cannot judge because it does not make sense: the field and a reason,
/// in both languages.
public struct ProfileError: Error, Equatable, Sendable {
    public let code: String
    public let field: String
    public let message: LocalizedText

    public init(code: String, field: String, message: LocalizedText) {
        self.code = code
        self.field = field
        self.message = message
    }
}

extension ApplicantProfile {
    /// Checks what the types cannot: a period that ends before it starts, no degree at all.
    public func validate() throws(ProfileError) {
        for (index, period) in work.enumerated() {
            if let to = period.to, to < period.from {
                throw ProfileError(
                    code: "period_reversed", field: "work[\(index)].to",
                    message: LocalizedText(zh: "工作经历的结束日期早于开始日期。", en: "The work period ends before it starts."))
            }
        }
        if education.isEmpty {
            throw ProfileError(code: "education_missing", field: "education",
                               message: LocalizedText(zh: "请至少填写一项学历或学位。", en: "Give at least one degree."))
        }
    }
}
