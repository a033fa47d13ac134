import TitleBridgeCore
import Vapor

/// A unit: its registration, its people, the institutions a department supervises, and the
/// contact form for those who keep it.
struct UnitPage: Encodable {
    struct Row: Encodable {
        let label: String
        let value: String
    }

    struct Member: Encodable {
        let name: String
        let username: String
    }

    struct Link: Encodable {
        let label: String
        let href: String
    }

    struct ContactForm: Encodable {
        let action: String
        let csrfToken: String
        let heading: String
        let phoneLabel: String
        let phone: String
        let addressLabel: String
        let address: String
        let submitLabel: String
    }

    let chrome: PageChrome
    let heading: String
    let rows: [Row]
    let membersHeading: String
    let nameHeader: String
    let usernameHeader: String
    let members: [Member]
    let institutionsHeading: String
    let institutions: [Link]
    let hasInstitutions: Bool
    let form: ContactForm?
    let problem: String?

    init(request: Request, unit: OrganisationRecord, supervising: OrganisationRecord?, members: [UserRecord],
         institutions: [OrganisationRecord], mayEdit: Bool, problem: String?) {
        let language = request.language
        func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
        let name = unit.name.text(in: language)
        chrome = PageChrome(request: request, title: name)
        heading = name
        var rows = [Row(label: t("类型", "Kind"), value: unit.organisationKind?.name.text(in: language) ?? unit.kind)]
        if let code = unit.creditCode { rows.append(Row(label: t("统一社会信用代码", "Unified social credit code"), value: code)) }
        if let supervising { rows.append(Row(label: t("主管部门", "Supervising department"), value: supervising.name.text(in: language))) }
        if let field = unit.field.flatMap(CertificateField.init(rawValue:)) {
            rows.append(Row(label: t("所管领域", "Field"), value: field.name.label(in: language)))
        }
        rows.append(Row(label: t("联系电话", "Telephone"), value: unit.contactPhone ?? "—"))
        rows.append(Row(label: t("地址", "Address"), value: unit.address ?? "—"))
        self.rows = rows
        membersHeading = t("本单位账户", "Accounts of this unit")
        nameHeader = t("姓名", "Name")
        usernameHeader = t("用户名", "User name")
        self.members = members.map { Member(name: $0.displayName, username: $0.username) }
        institutionsHeading = t("所属事业单位", "Public institutions supervised")
        self.institutions = institutions.compactMap { institution in
            institution.id.map { Link(label: institution.name.text(in: language), href: SiteURL.unit.path($0.uuidString)) }
        }
        hasInstitutions = !self.institutions.isEmpty
        form = mayEdit ? unit.id.map { id in
            ContactForm(action: SiteURL.unitUpdate.path(id.uuidString), csrfToken: CSRF.token(for: request),
                        heading: t("更新联系方式", "Update contact details"), phoneLabel: t("联系电话", "Telephone"),
                        phone: unit.contactPhone ?? "", addressLabel: t("地址", "Address"), address: unit.address ?? "",
                        submitLabel: t("保存", "Save"))
        } : nil
        self.problem = problem
    }
}
