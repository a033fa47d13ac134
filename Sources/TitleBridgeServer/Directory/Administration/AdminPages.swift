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
        (.adminBatches, LocalizedText(zh: "批次", en: "Batches")),
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
        let w = Words<DirectoryText>(language)
        chrome = PageChrome(request: request, title: w[.organisationsHeading])
        admin = AdminChrome(request: request, current: .adminOrganisations)
        heading = w[.organisationsHeading]
        headers = [w[.organisationName], w[.organisationKind], w[.creditCode]]
        rows = organisations.map { record in
            Row(name: record.name.text(in: language), kind: record.organisationKind?.name.text(in: language) ?? record.kind,
                creditCode: record.creditCode ?? "—", href: record.id.map { SiteURL.unit.path($0.uuidString) })
        }
        formHeading = w[.registerOrganisation]
        action = SiteURL.adminOrganisationCreate.path
        self.problem = problem
        kindLabel = w[.organisationKind]
        kinds = OrganisationKind.allCases.map { FormChoice(value: $0.rawValue, label: $0.name.text(in: language), selected: $0.rawValue == kind) }
        nameZhLabel = w[.nameZh]
        self.nameZh = nameZh ?? ""
        nameEnLabel = w[.nameEn]
        self.nameEn = nameEn ?? ""
        creditCodeLabel = w[.creditCodeLabel]
        self.creditCode = creditCode ?? ""
        supervisingLabel = w[.supervisingDepartment]
        departments = [FormChoice(value: "", label: "—", selected: true)] + organisations
            .filter { $0.organisationKind == .supervisingDepartment }
            .compactMap { record in record.id.map { FormChoice(value: $0.uuidString, label: record.name.text(in: language), selected: false) } }
        fieldLabel = w[.fieldOverseen]
        fields = [FormChoice(value: "", label: "—", selected: true)]
            + CertificateField.allCases.map { FormChoice(value: $0.rawValue, label: $0.name.label(in: language), selected: false) }
        submitLabel = w[.registerOrganisationButton]
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
        let w = Words<DirectoryText>(language)
        chrome = PageChrome(request: request, title: w[.accountsHeading])
        admin = AdminChrome(request: request, current: .adminUsers)
        heading = w[.accountsHeading]
        headers = [w[.name], w[.username], w[.organisation], w[.roles]]
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
        saveRolesLabel = w[.saveRoles]
        formHeading = w[.newAccount]
        action = SiteURL.adminUserCreate.path
        self.problem = problem
        usernameLabel = w[.username]
        self.username = username ?? ""
        displayNameLabel = w[.name]
        self.displayName = displayName ?? ""
        passwordLabel = w[.initialPasswordRules, ["minimum": "\(PasswordRules.minimumLength)"]]
        rolesLabel = w[.roles]
        roleChoices = Role.allCases.map { FormChoice(value: $0.rawValue, label: $0.name.text(in: language), selected: false) }
        organisationLabel = w[.organisation]
        self.organisations = [FormChoice(value: "", label: "—", selected: true)] + organisations.compactMap { record in
            record.id.map { FormChoice(value: $0.uuidString, label: record.name.text(in: language), selected: false) }
        }
        idKindLabel = w[.idDocument]
        idKinds = IdentityDocumentKind.allCases.map { FormChoice(value: $0.rawValue, label: $0.name.text(in: language), selected: $0 == .residentID) }
        idNumberLabel = w[.idNumberOptional]
        phoneLabel = w[.telephoneOptional]
        submitLabel = w[.createButton]
    }
}
