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
        func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
        chrome = PageChrome(request: request, title: t("我的账户", "My account"))
        heading = t("我的账户", "My account")
        var rows = [Row(label: t("姓名", "Name"), value: account.displayName),
                    Row(label: t("用户名", "User name"), value: account.username)]
        if let number = account.idNumber {
            rows.append(Row(label: account.idKind.map { $0.name.text(in: language) } ?? t("证件号码", "ID number"), value: number))
        }
        if let phone = account.phone {
            rows.append(Row(label: t("手机号码", "Telephone"), value: phone))
        }
        self.rows = rows
        rolesLabel = t("角色", "Roles")
        roles = account.roles.map { $0.name.text(in: language) }
        unitLabel = t("所在单位", "Organisation")
        unitName = account.organisation.map { language == .zh ? $0.nameZh : $0.nameEn }
        let canOpenUnit = RoutePolicy.audience(for: .unit)?.answer(for: request.principal?.actor) == .admitted
        unitHref = canOpenUnit ? account.organisation.map { SiteURL.unit.path($0.id.uuidString) } : nil
        note = t("证件号码和手机号码加密保存，仅向本人及依职责需要的工作人员完整显示。",
                 "ID and telephone numbers are stored encrypted and shown whole only to you and to staff whose duties need them.")
    }
}
