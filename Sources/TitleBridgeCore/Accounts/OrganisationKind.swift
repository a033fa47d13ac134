/// The kinds of organisation that take part in the procedure.
public enum OrganisationKind: String, Codable, Sendable, CaseIterable {
    /// 企业 — an enterprise employer.
    case enterprise
    /// 事业单位 — a public institution; its supervising department confirms posts.
    case publicInstitution
    /// 主管部门 — supervising department of public institutions.
    case supervisingDepartment
    /// 行业主管部门 — industry authority of one field.
    case industryAuthority
    /// 市人社局 — the municipal HR bureau.
    case bureau
    /// 认定委员会 — the recognition committee.
    case committee
    /// 查验平台 — the certificate verification platform.
    case verificationPlatform

    /// Employers: the units applicants work for.
    public var isEmployer: Bool { self == .enterprise || self == .publicInstitution }

    /// The employer kind the rules ask about (二: public-institution staff one level up); nil
    /// for a unit that employs no applicant.
    public var employerKind: ApplicantProfile.EmployerKind? {
        switch self {
        case .enterprise: .enterprise
        case .publicInstitution: .publicInstitution
        default: nil
        }
    }

    /// Enterprises and public institutions are registered with a unified social credit code.
    public var needsCreditCode: Bool { isEmployer }

    public var name: LocalizedText {
        switch self {
        case .enterprise: LocalizedText(zh: "企业", en: "Enterprise")
        case .publicInstitution: LocalizedText(zh: "事业单位", en: "Public institution")
        case .supervisingDepartment: LocalizedText(zh: "主管部门", en: "Supervising department")
        case .industryAuthority: LocalizedText(zh: "行业主管部门", en: "Industry authority")
        case .bureau: LocalizedText(zh: "市人力资源社会保障局", en: "Municipal HR bureau")
        case .committee: LocalizedText(zh: "认定委员会", en: "Recognition committee")
        case .verificationPlatform: LocalizedText(zh: "证书查验平台", en: "Certificate verification platform")
        }
    }
}
