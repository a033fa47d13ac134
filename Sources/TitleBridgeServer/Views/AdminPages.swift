import TitleBridgeCore
import Vapor

/// One `<option>` or checkbox of an admin form.
struct FormChoice: Encodable {
    let value: String
    let label: String
    let selected: Bool
}

/// The admin area's shared parts: its tabs and the CSRF token of its forms.
struct AdminChrome: Encodable {
    struct Tab: Encodable {
        let label: String
        let href: String
        let current: Bool
    }

    let tabs: [Tab]
    let csrfToken: String

    /// Every tab of the admin area, in order.
    static let all: [(url: SiteURL, label: LocalizedText)] = [
        (.adminUsers, LocalizedText(zh: "账户", en: "Accounts")),
        (.adminOrganisations, LocalizedText(zh: "单位", en: "Organisations")),
        (.adminCatalogue, LocalizedText(zh: "证书清单", en: "Certificate list")),
    ]

    /// The tabs `actor` may open: the bureau keeps the certificate list but not the accounts,
    /// so it is offered only that tab, never one that answers 403.
    static func reachable(by actor: Actor?) -> [(url: SiteURL, label: LocalizedText)] {
        all.filter { RoutePolicy.audience(for: $0.url)?.answer(for: actor) == .admitted }
    }

    init(request: Request, current: SiteURL) {
        let language = request.language
        tabs = Self.reachable(by: request.principal?.actor)
            .map { Tab(label: $0.label.text(in: language), href: $0.url.path, current: $0.url == current) }
        csrfToken = CSRF.token(for: request)
    }
}

/// 系统管理 · 单位: every organisation and the form to register one.
struct AdminOrganisationsPage: Encodable {
    struct Row: Encodable {
        let name: String
        let kind: String
        let creditCode: String
        let href: String?
    }

    let chrome: PageChrome
    let admin: AdminChrome
    let heading: String
    let headers: [String]
    let rows: [Row]
    let formHeading: String
    let action: String
    let problem: String?
    let kindLabel: String
    let kinds: [FormChoice]
    let nameZhLabel: String
    let nameZh: String
    let nameEnLabel: String
    let nameEn: String
    let creditCodeLabel: String
    let creditCode: String
    let supervisingLabel: String
    let departments: [FormChoice]
    let fieldLabel: String
    let fields: [FormChoice]
    let submitLabel: String

    init(request: Request, organisations: [OrganisationRecord], problem: String?, kind: String?, nameZh: String?,
         nameEn: String?, creditCode: String?) {
        let language = request.language
        func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
        chrome = PageChrome(request: request, title: t("单位管理", "Organisations"))
        admin = AdminChrome(request: request, current: .adminOrganisations)
        heading = t("单位管理", "Organisations")
        headers = [t("名称", "Name"), t("类型", "Kind"), t("统一社会信用代码", "Credit code")]
        rows = organisations.map { record in
            Row(name: record.name.text(in: language), kind: record.organisationKind?.name.text(in: language) ?? record.kind,
                creditCode: record.creditCode ?? "—", href: record.id.map { SiteURL.unit.path($0.uuidString) })
        }
        formHeading = t("登记单位", "Register an organisation")
        action = SiteURL.adminOrganisationCreate.path
        self.problem = problem
        kindLabel = t("类型", "Kind")
        kinds = OrganisationKind.allCases.map { FormChoice(value: $0.rawValue, label: $0.name.text(in: language), selected: $0.rawValue == kind) }
        nameZhLabel = t("中文名称", "Name in Chinese")
        self.nameZh = nameZh ?? ""
        nameEnLabel = t("英文名称", "Name in English")
        self.nameEn = nameEn ?? ""
        creditCodeLabel = t("统一社会信用代码（企业、事业单位必填）", "Unified social credit code (employers)")
        self.creditCode = creditCode ?? ""
        supervisingLabel = t("主管部门（事业单位必选）", "Supervising department (public institutions)")
        departments = [FormChoice(value: "", label: "—", selected: true)] + organisations
            .filter { $0.organisationKind == .supervisingDepartment }
            .compactMap { record in record.id.map { FormChoice(value: $0.uuidString, label: record.name.text(in: language), selected: false) } }
        fieldLabel = t("所管领域（行业主管部门）", "Field (industry authorities)")
        fields = [FormChoice(value: "", label: "—", selected: true)]
            + CertificateField.allCases.map { FormChoice(value: $0.rawValue, label: $0.name.label(in: language), selected: false) }
        submitLabel = t("登记", "Register")
    }
}

/// 系统管理 · 账户: every account with its roles, and the form to create one.
struct AdminUsersPage: Encodable {
    struct Row: Encodable {
        let name: String
        let username: String
        let unit: String
        let rolesAction: String
        let roles: [FormChoice]
    }

    let chrome: PageChrome
    let admin: AdminChrome
    let heading: String
    let headers: [String]
    let rows: [Row]
    let saveRolesLabel: String
    let formHeading: String
    let action: String
    let problem: String?
    let usernameLabel: String
    let username: String
    let displayNameLabel: String
    let displayName: String
    let passwordLabel: String
    let rolesLabel: String
    let roleChoices: [FormChoice]
    let organisationLabel: String
    let organisations: [FormChoice]
    let idKindLabel: String
    let idKinds: [FormChoice]
    let idNumberLabel: String
    let phoneLabel: String
    let submitLabel: String

    init(request: Request, users: [UserRecord], roles: [UserRoleRecord], organisations: [OrganisationRecord],
         problem: String?, username: String?, displayName: String?) {
        let language = request.language
        func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
        chrome = PageChrome(request: request, title: t("账户管理", "Accounts"))
        admin = AdminChrome(request: request, current: .adminUsers)
        heading = t("账户管理", "Accounts")
        headers = [t("姓名", "Name"), t("用户名", "User name"), t("所在单位", "Organisation"), t("角色", "Roles")]
        let names = Dictionary(organisations.compactMap { record in record.id.map { ($0, record.name.text(in: language)) } },
                               uniquingKeysWith: { first, _ in first })
        let held = Dictionary(grouping: roles, by: \.userID).mapValues { Set($0.map(\.role)) }
        rows = users.compactMap { user in
            guard let id = user.id else { return nil }
            return Row(name: user.displayName, username: user.username,
                       unit: user.organisationID.flatMap { names[$0] } ?? "—",
                       rolesAction: SiteURL.adminUserRoles.path(id.uuidString),
                       roles: Role.allCases.map { FormChoice(value: $0.rawValue, label: $0.name.text(in: language),
                                                             selected: held[id]?.contains($0.rawValue) ?? false) })
        }
        saveRolesLabel = t("保存角色", "Save roles")
        formHeading = t("新建账户", "Create an account")
        action = SiteURL.adminUserCreate.path
        self.problem = problem
        usernameLabel = t("用户名", "User name")
        self.username = username ?? ""
        displayNameLabel = t("姓名", "Name")
        self.displayName = displayName ?? ""
        passwordLabel = t("初始密码（至少\(PasswordRules.minimumLength)位，含字母和数字）",
                          "Initial password (at least \(PasswordRules.minimumLength) characters, letters and digits)")
        rolesLabel = t("角色", "Roles")
        roleChoices = Role.allCases.map { FormChoice(value: $0.rawValue, label: $0.name.text(in: language), selected: false) }
        organisationLabel = t("所在单位", "Organisation")
        self.organisations = [FormChoice(value: "", label: "—", selected: true)] + organisations.compactMap { record in
            record.id.map { FormChoice(value: $0.uuidString, label: record.name.text(in: language), selected: false) }
        }
        idKindLabel = t("证件类型", "ID document")
        idKinds = IdentityDocumentKind.allCases.map { FormChoice(value: $0.rawValue, label: $0.name.text(in: language), selected: $0 == .residentID) }
        idNumberLabel = t("证件号码（选填）", "ID number (optional)")
        phoneLabel = t("手机号码（选填）", "Telephone (optional)")
        submitLabel = t("创建", "Create")
    }
}
