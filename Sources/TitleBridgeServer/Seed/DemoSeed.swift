import Fluent
import TitleBridgeCore
import Vapor

/// A demo login printed at start-up.
public struct DemoLogin: Sendable, Equatable {
    public let username: String
    public let role: String
}

/// Demo data for a newcomer's first `serve`: only into a database with no account yet (or on
/// `seed --demo`), never when `--no-demo` is given. Each part of the procedure adds
/// its own demo records here as it is built. The numbers are made up: credit codes and ID
/// numbers pass their check characters but belong to nobody.
public enum DemoSeed {
    /// The one password of every demo account.
    public static let password = "TitleBridge-demo-2024"

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
    }

    static let enterprise = "enterprise", institution = "institution", department = "department", bureau = "bureau",
               committee = "committee", platform = "platform"

    static let units: [Unit] = [
        Unit(key: enterprise, organisation: NewOrganisation(kind: .enterprise, nameZh: "上海浦江示例科技有限公司",
                                                            nameEn: "Pujiang Demo Technology Co., Ltd.", creditCode: "91310115MA1H7ABCDF")),
        Unit(key: department, organisation: NewOrganisation(kind: .supervisingDepartment, nameZh: "上海市示例主管委员会",
                                                            nameEn: "Shanghai Demo Supervising Commission")),
        Unit(key: institution, organisation: NewOrganisation(kind: .publicInstitution, nameZh: "上海示例工程技术研究院",
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

    static let people: [Person] = [
        Person(username: "applicant1", name: "陈思远", role: .applicant, unit: nil, idKind: .residentID,
               idNumber: "11010519491231002X", phone: "13800001234"),
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

    /// The logins demo data provides; listed in the README.
    public static let logins: [DemoLogin] = people.map { DemoLogin(username: $0.username, role: $0.role.rawValue) }

    /// The demo logins whose accounts the demo seed made and that are still enabled, in the
    /// order of `logins`: `serve` prints these and no other, so a printed login signs in. An
    /// account of the same name made otherwise (an administrator called `admin` created by
    /// `users create`) is not the demo's and is not printed with the demo password.
    public static func presentLogins(on database: any Database) async throws -> [DemoLogin] {
        let seeded = Set(try await AuditEventRecord.query(on: database).filter(\.$action == "user.create")
            .filter(\.$actorName == actorName).all().map(\.recordID))
        guard !seeded.isEmpty else { return [] }
        let present = try await UserRecord.query(on: database).filter(\.$username ~~ logins.map(\.username))
            .filter(\.$isDisabled == false).all()
            .filter { user in user.id.map { seeded.contains($0.uuidString) } ?? false }
        let names = Set(present.map(\.username))
        return logins.filter { names.contains($0.username) }
    }

    /// The audit log's actor for everything the demo seed writes.
    static let actorName = "demo-seed"

    public static func run(on app: Application) async throws {
        let directory = AccountDirectory(app: app)
        let actor = AuditActor.system(actorName)
        var ids: [String: UUID] = [:]
        // Seeding twice (`seed --demo` on a demo database) adds nothing the second time.
        for unit in units {
            var organisation = unit.organisation
            if let existing = try await OrganisationRecord.query(on: app.db).filter(\.$nameZh == organisation.nameZh).first() {
                ids[unit.key] = try existing.requireID()
                continue
            }
            if organisation.kind == .publicInstitution { organisation.supervisingID = ids[department] }
            ids[unit.key] = try await directory.createOrganisation(organisation, by: actor).requireID()
        }
        // One bcrypt for all: every demo account has the same password.
        let hash = try await app.password.async.hash(password).get()
        for person in people {
            if try await UserRecord.query(on: app.db).filter(\.$username == person.username).count() > 0 { continue }
            let account = NewAccount(username: person.username, displayName: person.name, password: nil, roles: [person.role],
                                     organisationID: person.unit.flatMap { ids[$0] }, idKind: person.idKind,
                                     idNumber: person.idNumber, phone: person.phone)
            _ = try await directory.createAccount(account, by: actor, passwordHash: hash)
        }
        app.logger.info("demo data added", metadata: ["logins": "\(logins.count)"])
    }
}
