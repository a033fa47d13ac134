import TitleBridgeCore

/// The demo's organisations and accounts: one unit of every kind, a person in every role, and
/// the holders whose files the script writes (`DemoApplicants.swift`).
extension DemoSeed {
    struct Unit {
        let key: String
        let organisation: NewOrganisation
    }

    struct Person {
        let username: String
        let name: String
        let role: Role
        let unit: String?
        var idKind: IdentityDocumentKind? = nil
        var idNumber: String? = nil
        var phone: String? = nil
        /// `serve` prints the login: a role account, or a holder a newcomer starts with.
        var printed = true
    }

    static let enterprise = "enterprise", institution = "institution", department = "department", bureau = "bureau",
               committee = "committee", platform = "platform"

    static let units: [Unit] = [
        Unit(key: enterprise, organisation: NewOrganisation(kind: .enterprise, nameZh: enterpriseName,
                                                            nameEn: "Pujiang Demo Technology Co., Ltd.", creditCode: "91310115MA1H7ABCDF")),
        Unit(key: department, organisation: NewOrganisation(kind: .supervisingDepartment, nameZh: "上海市示例主管委员会",
                                                            nameEn: "Shanghai Demo Supervising Commission")),
        Unit(key: institution, organisation: NewOrganisation(kind: .publicInstitution, nameZh: institutionName,
                                                             nameEn: "Shanghai Demo Institute of Engineering", creditCode: "12310000425003567F")),
        Unit(key: bureau, organisation: NewOrganisation(kind: .bureau, nameZh: "上海市人力资源和社会保障局（演示）",
                                                        nameEn: "Shanghai Municipal HR and Social Security Bureau (demo)")),
        Unit(key: committee, organisation: NewOrganisation(kind: .committee, nameZh: "境外职业资格证书持证人员职称考核认定委员会（演示）",
                                                           nameEn: "Recognition Committee for Overseas Qualification Holders (demo)")),
        Unit(key: platform, organisation: NewOrganisation(kind: .verificationPlatform, nameZh: "境外职业资格证书查验平台（演示）",
                                                          nameEn: "Overseas Certificate Verification Platform (demo)")),
    ] + CertificateField.allCases.map { field in
        Unit(key: "authority-" + field.rawValue, organisation: NewOrganisation(
            kind: .industryAuthority, nameZh: field.name.zh + "行业主管部门（演示）",
            nameEn: "Industry authority for " + field.name.en.lowercased() + " (demo)", field: field.rawValue))
    }

    /// Who acts for each demo unit, and the name they sign opinions with.
    static let employers: [String: (username: String, signs: String)] = [enterprise: ("employer1", "王敏"), institution: ("employer2", "李强")]
    static let supervisor = (username: "supervisor1", signs: "赵磊")

    /// Every demo account: the role accounts, the holders with files, and one holder still waiting.
    static let people: [Person] = staff + holders + [pendingHolder]

    static let holders: [Person] = applicants.map { applicant in
        Person(username: applicant.username, name: applicant.name, role: .applicant, unit: nil, idKind: applicant.idKind,
               idNumber: applicant.idNumber, phone: applicant.phone, printed: applicant.username == "applicant3")
    }

    /// The role accounts (a committee of seven experts) and the two holders a newcomer starts with.
    static let staff: [Person] = [
        Person(username: "applicant1", name: "陈思远", role: .applicant, unit: nil, idKind: .residentID,
               idNumber: newcomerIDNumber, phone: "13800001234"),
        Person(username: "applicant2", name: "Emily Carter", role: .applicant, unit: nil, idKind: .foreignPermanentResidentID,
               idNumber: "931840198506150015", phone: "13900005678"),
        Person(username: "employer1", name: "王敏（人事部）", role: .employer, unit: enterprise),
        Person(username: "employer2", name: "李强（人事处）", role: .employer, unit: institution),
        Person(username: "supervisor1", name: "赵磊（人事处）", role: .supervisor, unit: department),
        Person(username: "verifier1", name: "孙婷", role: .verifier, unit: platform),
        Person(username: "bureau1", name: "周静（专业技术人员管理处）", role: .bureau, unit: bureau),
    ] + (1...7).map { Person(username: "expert\($0)", name: "专家\($0)", role: .expert, unit: committee) } + [
        Person(username: "secretary1", name: "吴芳（委员会秘书）", role: .secretary, unit: committee),
        Person(username: "admin", name: "系统管理员", role: .admin, unit: nil),
    ]

    /// 认定委员会: the seven experts with the fields they judge and where they work. expert7
    /// works for the demo enterprise, so it is recused from that unit's files when they are placed.
    static let committeeMembers: [(username: String, fields: [CertificateField], employer: String, unit: String?)] = [
        ("expert1", [.financeManagement, .informationTechnology], "复旦大学管理学院", nil),
        ("expert2", [.financeManagement], "上海国家会计学院", nil),
        ("expert3", [.engineeringTechnology, .informationTechnology], "同济大学土木工程学院", nil),
        ("expert4", [.biomedicine], "上海交通大学医学院", nil),
        ("expert5", [.financeManagement, .engineeringTechnology], "上海市注册会计师协会", nil),
        ("expert6", [.informationTechnology, .biomedicine], "华东理工大学", nil),
        ("expert7", [.financeManagement], enterpriseName, enterprise),
    ]

    /// Every account the demo makes; the README lists them all.
    public static let accounts: [DemoLogin] = people.map { DemoLogin(username: $0.username, role: $0.role.rawValue) }

    /// The logins `serve` prints: the role accounts and the holders a newcomer starts with —
    /// applicant1 (a passed verification, no file yet), applicant2 (nothing yet) and applicant3
    /// (a file that goes the whole way).
    public static let logins: [DemoLogin] = people.filter(\.printed).map { DemoLogin(username: $0.username, role: $0.role.rawValue) }
}
