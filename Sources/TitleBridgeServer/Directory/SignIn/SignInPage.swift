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
        let w = Words<DirectoryText>(language)
        chrome = PageChrome(request: request, title: w[.signIn])
        heading = w[.signIn]
        intro = w[.signInIntro]
        action = SiteURL.signInSubmit.path
        csrfToken = CSRF.token(for: request)
        self.username = username
        self.next = next
        self.problem = problem
        usernameLabel = w[.username]
        passwordLabel = w[.password]
        submitLabel = w[.signIn]
        registerNote = w[.noAccountYet]
        registerHref = SiteURL.register.path
        registerLabel = w[.signUp]
        openID = request.security.openID == nil ? nil : OpenIDLink(
            href: SiteURL.openIDStart.path, label: w[.openIDSignIn],
            note: w[.openIDNote])
    }
}
