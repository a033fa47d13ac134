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
        let w = Words<EmployerReviewText>(language)
        let name = unit.name.text(in: language)
        chrome = PageChrome(request: request, title: name)
        heading = name
        var rows = [Row(label: w[.kind], value: unit.organisationKind?.name.text(in: language) ?? unit.kind)]
        if let code = unit.creditCode { rows.append(Row(label: w[.creditCode], value: code)) }
        if let supervising { rows.append(Row(label: w[.supervisingDepartment], value: supervising.name.text(in: language))) }
        if let field = unit.field.flatMap(CertificateField.init(rawValue:)) {
            rows.append(Row(label: w[.field], value: field.name.label(in: language)))
        }
        rows.append(Row(label: w[.telephone], value: unit.contactPhone ?? "—"))
        rows.append(Row(label: w[.address], value: unit.address ?? "—"))
        self.rows = rows
        membersHeading = w[.unitAccounts]
        nameHeader = w[.name]
        usernameHeader = w[.username]
        self.members = members.map { Member(name: $0.displayName, username: $0.username) }
        institutionsHeading = w[.supervisedInstitutions]
        self.institutions = institutions.compactMap { institution in
            institution.id.map { Link(label: institution.name.text(in: language), href: SiteURL.unit.path($0.uuidString)) }
        }
        hasInstitutions = !self.institutions.isEmpty
        form = mayEdit ? unit.id.map { id in
            ContactForm(action: SiteURL.unitUpdate.path(id.uuidString), csrfToken: CSRF.token(for: request),
                        heading: w[.updateContact], phoneLabel: w[.telephone],
                        phone: unit.contactPhone ?? "", addressLabel: w[.address], address: unit.address ?? "",
                        submitLabel: w[.save])
        } : nil
        self.problem = problem
    }
}
