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
    let sessions: Sessions

    /// 登录会话: where the account is signed in, so a stranger's session can be seen and ended.
    struct Sessions: Encodable {
        struct Row: Encodable {
            let kind: String
            let started: String
            let lastUsed: String
            let isCurrent: Bool
            let endAction: String
        }
        let heading: String
        let intro: String
        let headers: [String]
        let rows: [Row]
        let currentLabel: String
        let endLabel: String
        let endOthersLabel: String
        let endOthersAction: String
        let hasOthers: Bool
        let csrfToken: String
    }

    init(request: Request, account: AccountView, sessions records: [UserSessionRecord]) {
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
        let current = request.principal?.sessionID
        let sessionRows = records.map { record in
            Sessions.Row(kind: record.kind == UserSessionRecord.Kind.api.rawValue ? w[.sessionAPI] : w[.sessionBrowser],
                         started: ShanghaiTime.clockText(record.createdAt),
                         lastUsed: ShanghaiTime.clockText(record.lastSeenAt ?? record.createdAt),
                         isCurrent: record.id == current,
                         endAction: SiteURL.accountSessionEnd.path(record.id?.uuidString ?? ""))
        }
        sessions = Sessions(
            heading: w[.sessionsHeading],
            intro: w[.sessionsIntro, ["minutes": String(request.security.settings.sessionIdleMinutes)]],
            headers: [w[.sessionKind], w[.sessionStarted], w[.sessionLastUsed], ""],
            rows: sessionRows, currentLabel: w[.thisSession], endLabel: w[.endSession], endOthersLabel: w[.endOtherSessions],
            endOthersAction: SiteURL.accountSessionsEndOthers.path, hasOthers: sessionRows.contains { !$0.isCurrent },
            csrfToken: CSRF.token(for: request))
    }
}
