import TitleBridgeCore
import Vapor

/// 登录 page: user name and password, or 一网通办 when it is configured.
struct SignInPage: Encodable {
    let chrome: PageChrome
    let heading: String
    let intro: String
    let action: String
    let csrfToken: String
    let username: String
    let next: String?
    let problem: String?
    let usernameLabel: String
    let passwordLabel: String
    let submitLabel: String
    let openID: OpenIDLink?
    /// A holder without an account yet signs up here; the page says where.
    let registerNote: String
    let registerHref: String
    let registerLabel: String

    struct OpenIDLink: Encodable {
        let href: String
        let label: String
        let note: String
    }

    init(request: Request, username: String, next: String?, problem: String?) {
        let language = request.language
        func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
        chrome = PageChrome(request: request, title: t("登录", "Sign in"))
        heading = t("登录", "Sign in")
        intro = t("申报人、用人单位、主管部门、评审与管理人员请使用本系统账户登录。",
                  "Applicants, employers, supervising departments, reviewers and staff sign in with their account.")
        action = SiteURL.signInSubmit.path
        csrfToken = CSRF.token(for: request)
        self.username = username
        self.next = next
        self.problem = problem
        usernameLabel = t("用户名", "User name")
        passwordLabel = t("密码", "Password")
        submitLabel = t("登录", "Sign in")
        registerNote = t("还没有账户？持证人可注册后在线申报。", "No account yet? Certificate holders sign up to apply online.")
        registerHref = SiteURL.register.path
        registerLabel = t("注册账户", "Sign up")
        openID = request.security.openID == nil ? nil : OpenIDLink(
            href: SiteURL.openIDStart.path, label: t("使用“一网通办”账户登录", "Sign in with the city's unified login (一网通办)"),
            note: t("个人申报人可使用上海市“一网通办”统一身份认证登录。",
                    "Individual applicants may sign in through Shanghai's unified identity service."))
    }
}
