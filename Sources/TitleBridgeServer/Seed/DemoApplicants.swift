import TitleBridgeCore

/// A certificate as its holder asks for it to be verified: the list item, the number, the
/// holder's name as printed on it, and its dates (ISO days).
struct DemoCertificate {
    let code: String
    let number: String
    let holder: String
    let issuedOn: String
    var expiresOn: String? = nil
}

/// A degree as the education step takes it.
struct DemoDegree {
    let degree: Degree
    let discipline: Discipline
    let school: String
    let country: String
    let awardedOn: String
    /// 学历认证 of an overseas degree.
    var recognition: String? = nil
}

/// A period of work as the work step takes it; no end while it goes on.
struct DemoJob {
    let from: String
    var to: String? = nil
    let employer: String
    let position: String
    let inShanghai: Bool
    let related: Bool
}

/// A demo holder who applies: the account, the certificate, and what the file says. Every one
/// meets the conditions of the title applied for (二, 三), so the real desks let each step
/// through; the numbers are made up and belong to nobody.
struct DemoApplicant {
    let username: String
    let name: String
    let gender: ApplicationContent.Gender
    let birthDate: String
    let nationality: String
    let idKind: IdentityDocumentKind
    let idNumber: String
    let phone: String
    /// The demo unit the holder works at (`DemoSeed.enterprise` or `DemoSeed.institution`).
    let unit: String
    let field: CertificateField
    let certificate: DemoCertificate
    /// The title a public-institution employee holds (one level below the one applied for).
    var currentTitle: ApplicantProfile.Title? = nil
    let education: [DemoDegree]
    let work: [DemoJob]
    let target: ApplicantProfile.Title
}

/// A junior title a demo unit appoints (初级职称聘任, 四).
struct DemoAppointee {
    /// The demo unit (`DemoSeed.enterprise` or `DemoSeed.institution`).
    let unit: String
    let name: String
    let gender: ApplicationContent.Gender
    let birthDate: String
    let certificateCode: String
    let certificateNumber: String
    let degree: DemoDegree
    let job: DemoJob
    let position: String
}

extension DemoSeed {
    static let enterpriseName = "上海浦江示例科技有限公司"
    static let institutionName = "上海示例工程技术研究院"

    static let engineer = ApplicantProfile.Title(series: .engineering, level: .intermediate)
    static let seniorEngineer = ApplicantProfile.Title(series: .engineering, level: .associateSenior)
    static let assistantEngineer = ApplicantProfile.Title(series: .engineering, level: .junior)
    static let seniorAccountant = ApplicantProfile.Title(series: .accounting, level: .associateSenior)

    /// The holders with a file, applicant3 … applicant14, and the committee's applicant16 … 18.
    static let applicants: [DemoApplicant] = listedApplicants + committeeApplicants

    static let listedApplicants: [DemoApplicant] = [
        DemoApplicant(
            username: "applicant3", name: "王嘉怡", gender: .female, birthDate: "1987-03-15", nationality: "中国", idKind: .residentID,
            idNumber: "310104198703152423", phone: "13916620418", unit: enterprise, field: .financeManagement,
            certificate: DemoCertificate(code: "acca-fcca", number: "ACCA-2463107", holder: "WANG Jiayi", issuedOn: "2016-05-12"),
            currentTitle: ApplicantProfile.Title(series: .accounting, level: .intermediate),
            education: [DemoDegree(degree: .bachelor, discipline: .management, school: "上海财经大学", country: "中国", awardedOn: "2010-06-30"),
                        DemoDegree(degree: .master, discipline: .management, school: "The University of Manchester", country: "英国",
                                   awardedOn: "2011-07-01", recognition: "教留服认英[2011]08531号")],
            work: [DemoJob(from: "2011-09-01", to: "2016-06-30", employer: "普华永道中天会计师事务所上海分所", position: "审计师、高级审计师",
                           inShanghai: true, related: true),
                   DemoJob(from: "2016-07-01", employer: enterpriseName, position: "财务经理", inShanghai: true, related: true)],
            target: seniorAccountant),
        DemoApplicant(
            username: "applicant4", name: "Daniel Hughes", gender: .male, birthDate: "1985-11-02", nationality: "英国", idKind: .passport,
            idNumber: "548213907", phone: "13761842093", unit: enterprise, field: .informationTechnology,
            certificate: DemoCertificate(code: "demo-cissp", number: "CISSP-458921", holder: "Daniel Hughes", issuedOn: "2014-03-28",
                                         expiresOn: "2027-03-31"),
            education: [DemoDegree(degree: .bachelor, discipline: .engineering, school: "University of Bristol", country: "英国", awardedOn: "2008-06-30"),
                        DemoDegree(degree: .master, discipline: .engineering, school: "The University of Edinburgh", country: "英国",
                                   awardedOn: "2009-11-30", recognition: "教留服认英[2017]11246号")],
            work: [DemoJob(from: "2010-01-04", to: "2017-08-31", employer: "Barclays Technology Centre（英国伦敦）", position: "高级软件工程师",
                           inShanghai: false, related: true),
                   DemoJob(from: "2017-09-11", employer: enterpriseName, position: "信息安全架构师", inShanghai: true, related: true)],
            target: seniorEngineer),
        DemoApplicant(
            username: "applicant5", name: "刘洋", gender: .male, birthDate: "1982-06-20", nationality: "中国", idKind: .residentID,
            idNumber: "310110198206204816", phone: "13601937825", unit: institution, field: .engineeringTechnology,
            certificate: DemoCertificate(code: "demo-ceng", number: "CEng-612045", holder: "LIU Yang", issuedOn: "2013-11-20"),
            currentTitle: engineer,
            education: [DemoDegree(degree: .bachelor, discipline: .engineering, school: "同济大学", country: "中国", awardedOn: "2004-07-01"),
                        DemoDegree(degree: .master, discipline: .engineering, school: "The University of Sheffield", country: "英国",
                                   awardedOn: "2006-12-15", recognition: "教留服认英[2007]02318号")],
            work: [DemoJob(from: "2007-03-01", employer: institutionName, position: "结构工程师、结构专业负责人", inShanghai: true, related: true)],
            target: seniorEngineer),
        DemoApplicant(
            username: "applicant6", name: "Sophie Laurent", gender: .female, birthDate: "1990-04-08", nationality: "法国", idKind: .passport,
            idNumber: "19FD47213", phone: "13817406629", unit: institution, field: .biomedicine,
            certificate: DemoCertificate(code: "demo-cbiol", number: "CBiol-20871", holder: "Sophie Laurent", issuedOn: "2019-02-14"),
            currentTitle: assistantEngineer,
            education: [DemoDegree(degree: .master, discipline: .science, school: "Université Paris-Saclay", country: "法国",
                                   awardedOn: "2015-09-30", recognition: "教留服认法[2020]00417号")],
            work: [DemoJob(from: "2015-11-02", to: "2019-12-20", employer: "Institut Pasteur（法国巴黎）", position: "研究工程师",
                           inShanghai: false, related: true),
                   DemoJob(from: "2020-01-06", employer: institutionName, position: "生物医学工程研究室助理工程师", inShanghai: true, related: true)],
            target: engineer),
        DemoApplicant(
            username: "applicant7", name: "张伟", gender: .male, birthDate: "1988-09-25", nationality: "中国", idKind: .residentID,
            idNumber: "310115198809251031", phone: "13916358702", unit: enterprise, field: .informationTechnology,
            certificate: DemoCertificate(code: "demo-cissp", number: "CISSP-702316", holder: "ZHANG Wei", issuedOn: "2017-06-09",
                                         expiresOn: "2026-06-30"),
            education: [DemoDegree(degree: .bachelor, discipline: .engineering, school: "上海交通大学", country: "中国", awardedOn: "2010-07-01"),
                        DemoDegree(degree: .master, discipline: .engineering, school: "Carnegie Mellon University", country: "美国",
                                   awardedOn: "2012-05-20", recognition: "教留服认美[2016]15022号")],
            work: [DemoJob(from: "2012-08-06", to: "2016-03-25", employer: "Amazon Web Services（美国西雅图）", position: "软件开发工程师",
                           inShanghai: false, related: true),
                   DemoJob(from: "2016-04-11", employer: enterpriseName, position: "云平台研发组长", inShanghai: true, related: true)],
            target: seniorEngineer),
        DemoApplicant(
            username: "applicant8", name: "赵敏", gender: .female, birthDate: "1984-12-03", nationality: "中国", idKind: .residentID,
            idNumber: "310106198412032627", phone: "13564728190", unit: enterprise, field: .biomedicine,
            certificate: DemoCertificate(code: "demo-cbiol", number: "CBiol-18342", holder: "ZHAO Min", issuedOn: "2016-10-05"),
            education: [DemoDegree(degree: .bachelor, discipline: .science, school: "复旦大学", country: "中国", awardedOn: "2006-07-01"),
                        DemoDegree(degree: .doctorate, discipline: .science, school: "Karolinska Institutet", country: "瑞典",
                                   awardedOn: "2013-06-14", recognition: "教留服认瑞[2016]00862号")],
            work: [DemoJob(from: "2013-09-02", to: "2016-08-26", employer: "Karolinska Institutet（瑞典斯德哥尔摩）", position: "博士后研究员",
                           inShanghai: false, related: true),
                   DemoJob(from: "2016-09-12", employer: enterpriseName, position: "医疗器械与生物信息研发部高级研究员", inShanghai: true, related: true)],
            target: seniorEngineer),
        DemoApplicant(
            username: "applicant9", name: "Kenji Watanabe", gender: .male, birthDate: "1983-02-17", nationality: "日本", idKind: .passport,
            idNumber: "TR4829136", phone: "13301672854", unit: enterprise, field: .financeManagement,
            certificate: DemoCertificate(code: "cgma-fellow", number: "CGMA-1007345", holder: "Kenji Watanabe", issuedOn: "2013-09-01"),
            education: [DemoDegree(degree: .bachelor, discipline: .economics, school: "Keio University", country: "日本", awardedOn: "2005-03-23"),
                        DemoDegree(degree: .master, discipline: .management, school: "Waseda University", country: "日本",
                                   awardedOn: "2008-03-25", recognition: "教留服认日[2014]03377号")],
            work: [DemoJob(from: "2008-04-01", to: "2014-03-31", employer: "Deloitte Tohmatsu（日本东京）", position: "审计经理",
                           inShanghai: false, related: true),
                   DemoJob(from: "2014-04-14", employer: enterpriseName, position: "财务共享服务中心高级财务分析师", inShanghai: true, related: true)],
            target: seniorAccountant),
        DemoApplicant(
            username: "applicant10", name: "孙浩", gender: .male, birthDate: "1986-07-11", nationality: "中国", idKind: .residentID,
            idNumber: "310107198607113917", phone: "13816093547", unit: institution, field: .engineeringTechnology,
            certificate: DemoCertificate(code: "demo-ceng", number: "CEng-587233", holder: "SUN Hao", issuedOn: "2016-04-18"),
            currentTitle: engineer,
            education: [DemoDegree(degree: .bachelor, discipline: .engineering, school: "哈尔滨工业大学", country: "中国", awardedOn: "2008-07-01"),
                        DemoDegree(degree: .master, discipline: .engineering, school: "Technische Universität München", country: "德国",
                                   awardedOn: "2011-10-31", recognition: "教留服认德[2015]01936号")],
            work: [DemoJob(from: "2011-12-01", to: "2015-06-30", employer: "Siemens AG（德国慕尼黑）", position: "机电系统工程师",
                           inShanghai: false, related: true),
                   DemoJob(from: "2015-07-13", employer: institutionName, position: "机电系统研究室工程师", inShanghai: true, related: true)],
            target: seniorEngineer),
        DemoApplicant(
            username: "applicant11", name: "Priya Nair", gender: .female, birthDate: "1989-01-30", nationality: "印度", idKind: .passport,
            idNumber: "Z4829137", phone: "18621730486", unit: enterprise, field: .informationTechnology,
            certificate: DemoCertificate(code: "demo-cissp", number: "CISSP-815402", holder: "Priya Nair", issuedOn: "2019-08-22",
                                         expiresOn: "2025-08-31"),
            education: [DemoDegree(degree: .bachelor, discipline: .engineering, school: "Indian Institute of Technology Bombay", country: "印度",
                                   awardedOn: "2010-07-31"),
                        DemoDegree(degree: .master, discipline: .science, school: "National University of Singapore", country: "新加坡",
                                   awardedOn: "2012-07-15", recognition: "教留服认新[2018]00725号")],
            work: [DemoJob(from: "2012-08-01", to: "2018-05-31", employer: "Infosys Limited（印度班加罗尔）", position: "软件测试与数据工程师",
                           inShanghai: false, related: true),
                   DemoJob(from: "2018-06-11", employer: enterpriseName, position: "数据平台工程师", inShanghai: true, related: true)],
            target: engineer),
        DemoApplicant(
            username: "applicant12", name: "周宇", gender: .male, birthDate: "1991-05-06", nationality: "中国", idKind: .residentID,
            idNumber: "310112199105065738", phone: "15901762349", unit: enterprise, field: .financeManagement,
            certificate: DemoCertificate(code: "acca-fcca", number: "ACCA-3120458", holder: "ZHOU Yu", issuedOn: "2020-03-10"),
            education: [DemoDegree(degree: .bachelor, discipline: .economics, school: "University of Warwick", country: "英国", awardedOn: "2012-07-16"),
                        DemoDegree(degree: .master, discipline: .management, school: "London School of Economics and Political Science",
                                   country: "英国", awardedOn: "2014-12-01", recognition: "教留服认英[2015]06612号")],
            work: [DemoJob(from: "2015-01-05", employer: enterpriseName, position: "财务主管", inShanghai: true, related: true)],
            target: seniorAccountant),
        DemoApplicant(
            username: "applicant13", name: "黄丽", gender: .female, birthDate: "1993-10-21", nationality: "中国", idKind: .residentID,
            idNumber: "310109199310214845", phone: "17721046583", unit: institution, field: .biomedicine,
            certificate: DemoCertificate(code: "demo-cbiol", number: "CBiol-23519", holder: "HUANG Li", issuedOn: "2021-07-01"),
            currentTitle: assistantEngineer,
            education: [DemoDegree(degree: .bachelor, discipline: .science, school: "华东师范大学", country: "中国", awardedOn: "2015-07-01"),
                        DemoDegree(degree: .master, discipline: .science, school: "University College London", country: "英国",
                                   awardedOn: "2016-11-15", recognition: "教留服认英[2017]02241号")],
            work: [DemoJob(from: "2017-01-09", employer: institutionName, position: "生物医学工程研究室助理工程师", inShanghai: true, related: true)],
            target: engineer),
        DemoApplicant(
            username: "applicant14", name: "Lukas Becker", gender: .male, birthDate: "1987-08-14", nationality: "德国",
            idKind: .foreignPermanentResidentID, idNumber: "931276198708140118", phone: "13918824605", unit: institution,
            field: .informationTechnology,
            certificate: DemoCertificate(code: "demo-cissp", number: "CISSP-390177", holder: "Lukas Becker", issuedOn: "2016-01-15",
                                         expiresOn: "2028-01-31"),
            currentTitle: engineer,
            education: [DemoDegree(degree: .master, discipline: .engineering, school: "RWTH Aachen University", country: "德国", awardedOn: "2011-09-30"),
                        DemoDegree(degree: .doctorate, discipline: .engineering, school: "RWTH Aachen University", country: "德国",
                                   awardedOn: "2015-03-31", recognition: "教留服认德[2019]00288号")],
            work: [DemoJob(from: "2015-04-01", to: "2018-09-30", employer: "Fraunhofer-Institut（德国亚琛）", position: "研究员",
                           inShanghai: false, related: true),
                   DemoJob(from: "2018-10-15", employer: institutionName, position: "智能系统研究室工程师", inShanghai: true, related: true)],
            target: seniorEngineer),
    ]

    /// A holder whose request still waits for the verifier, for a later batch.
    static let pendingHolder = Person(username: "applicant15", name: "Olivia Bennett", role: .applicant, unit: nil, idKind: .passport,
                                      idNumber: "PA7654321", phone: "13122958741", printed: false)
    static let pendingCertificate = DemoCertificate(code: "demo-ceng", number: "CEng-743018", holder: "Olivia Bennett", issuedOn: "2018-09-03")

    /// Six more holders of the ACCA qualification at the demo enterprise, applying as
    /// applicant3 does, so the committee has a session of files to judge and the results
    /// have more than one outcome: applicant16 … applicant21 (their files are applicant3's,
    /// with their own names, documents and certificate numbers).
    static let committeeApplicants: [DemoApplicant] = [
        ("applicant16", "Chloe Martin", ApplicationContent.Gender.female, "1986-05-21", "加拿大", "AB4471820", "13917730516", "ACCA-2519834", "Chloe Martin"),
        ("applicant17", "李慧", .female, "1985-09-09", "中国", "", "13817745201", "ACCA-2390112", "LI Hui"),
        ("applicant18", "Marco Rossi", .male, "1984-01-27", "意大利", "YA8830417", "13601772293", "ACCA-2287365", "Marco Rossi"),
        ("applicant19", "Sophie Dubois", .female, "1987-03-14", "法国", "19FR82641", "13764401928", "ACCA-2461177", "Sophie Dubois"),
        ("applicant20", "Kenji Sato", .male, "1983-11-02", "日本", "TR5518203", "13524409736", "ACCA-2376620", "Kenji Sato"),
        ("applicant21", "Ahmed Khan", .male, "1982-07-19", "英国", "533817264", "13661208845", "ACCA-2298841", "Ahmed Khan"),
    ].compactMap { username, name, gender, born, nationality, passport, phone, number, holder in
        guard let model = listedApplicants.first(where: { $0.username == "applicant3" }) else { return nil }
        return DemoApplicant(
            username: username, name: name, gender: gender, birthDate: born, nationality: nationality,
            idKind: passport.isEmpty ? .residentID : .passport, idNumber: passport.isEmpty ? "310110198509094423" : passport, phone: phone,
            unit: model.unit, field: model.field,
            certificate: DemoCertificate(code: "acca-fcca", number: number, holder: holder, issuedOn: model.certificate.issuedOn),
            currentTitle: model.currentTitle, education: model.education, work: model.work, target: model.target)
    }

    /// applicant1 (陈思远), the rehearsal's newcomer: the ID number and the certificate the
    /// verification platform passed.
    static let newcomerIDNumber = "11010519491231002X"
    static let newcomerCertificate = DemoCertificate(code: "acca-fcca", number: "ACCA-2218845", holder: "陈思远", issuedOn: "2017-11-06")

    static let appointees: [DemoAppointee] = [
        DemoAppointee(unit: enterprise, name: "吴思琪", gender: .female, birthDate: "1999-02-11", certificateCode: "demo-rsci",
                      certificateNumber: "RSci-30412",
                      degree: DemoDegree(degree: .master, discipline: .science, school: "The University of Melbourne", country: "澳大利亚",
                                         awardedOn: "2023-06-30"),
                      job: DemoJob(from: "2023-07-10", employer: enterpriseName, position: "医疗器械研发部助理研究员", inShanghai: true, related: true),
                      position: "医疗器械研发岗"),
        DemoAppointee(unit: institution, name: "马骁", gender: .male, birthDate: "1997-10-03", certificateCode: "demo-ieng",
                      certificateNumber: "IEng-671920",
                      degree: DemoDegree(degree: .bachelor, discipline: .engineering, school: "University of Leeds", country: "英国",
                                         awardedOn: "2020-06-30"),
                      job: DemoJob(from: "2020-08-03", employer: institutionName, position: "机电系统研究室技术员", inShanghai: true, related: true),
                      position: "机电系统设计岗"),
    ]
}
