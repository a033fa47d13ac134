import TitleBridgeCore
import Vapor

/// 我的账户: who is signed in, in which roles and unit, with personal numbers as this
/// person may see them.
struct AccountPage: Encodable {
    struct Row: Encodable {
        let label: String
        let value: String
    }

    let chrome: PageChrome
    let heading: String
    let rows: [Row]
    let rolesLabel: String
    let roles: [String]
    let unitLabel: String
    let unitName: String?
    let unitHref: String?
    let note: String

    init(request: Request, account: AccountView) {
        let language = request.language
        let w = Words<DirectoryText>(language)
        chrome = PageChrome(request: request, title: w[.myAccount])
        heading = w[.myAccount]
        var rows = [Row(label: w[.name], value: account.displayName),
                    Row(label: w[.username], value: account.username)]
        if let number = account.idNumber {
            rows.append(Row(label: account.idKind.map { $0.name.text(in: language) } ?? w[.idNumber], value: number))
        }
        if let phone = account.phone {
            rows.append(Row(label: w[.telephone], value: phone))
        }
        self.rows = rows
        rolesLabel = w[.roles]
        roles = account.roles.map { $0.name.text(in: language) }
        unitLabel = w[.organisation]
        unitName = account.organisation.map { language == .zh ? $0.nameZh : $0.nameEn }
        let canOpenUnit = RoutePolicy.audience(for: .unit)?.answer(for: request.principal?.actor) == .admitted
        unitHref = canOpenUnit ? account.organisation.map { SiteURL.unit.path($0.id.uuidString) } : nil
        note = w[.encryptionNote]
    }
}
