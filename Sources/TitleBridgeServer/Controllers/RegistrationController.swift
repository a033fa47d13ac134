import TitleBridgeCore
import Vapor

/// 注册: a certificate holder opens an applicant account (or signs in through 一网通办).
struct RegistrationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.register, use: page)
        routes.on(.registerSubmit, use: submit)
        routes.on(.apiAccountCreate, use: apiCreate)
    }

    struct Form: Content {
        var username: String?
        var displayName: String?
        var password: String?
        var phone: String?
    }

    func account(_ form: Form) -> NewAccount {
        NewAccount(username: form.username ?? "", displayName: form.displayName ?? "", password: form.password ?? "",
                   roles: [.applicant], organisationID: nil, idKind: nil, idNumber: nil, phone: form.phone)
    }

    /// An account without a password could never sign in here.
    func checkPassword(_ form: Form) throws {
        guard !(form.password ?? "").isEmpty else {
            throw APIProblem.badInput(code: "password_required", field: "password", LocalizedText(
                zh: "请设置密码。", en: "Choose a password."))
        }
    }

    @Sendable
    func page(_ request: Request) async throws -> View {
        try await request.view.render("account/register", RegisterPage(request: request, form: nil, problem: nil))
    }

    @Sendable
    func submit(_ request: Request) async throws -> Response {
        let form = try request.content.decode(Form.self)
        do {
            try checkPassword(form)
            let user = try await AccountDirectory(request: request).createAccount(account(form), by: .anonymous)
            let response = request.redirect(to: SiteURL.applications.path, redirectType: .normal)
            try await SessionStore.startWebSession(for: user, request: request, response: response)
            return response
        } catch let problem as APIProblem {
            let response = try await request.view.render("account/register", RegisterPage(
                request: request, form: form, problem: problem.message.text(in: request.language))).encodeResponse(for: request)
            response.status = problem.status
            return response
        }
    }

    @Sendable
    func apiCreate(_ request: Request) async throws -> Response {
        let form: Form
        do {
            form = try request.content.decode(Form.self)
        } catch let error as DecodingError {
            throw APIProblem.decoding(error)
        }
        try checkPassword(form)
        let user = try await AccountDirectory(request: request).createAccount(account(form), by: .anonymous)
        let viewer = Actor(userID: try user.requireID(), roles: [.applicant], organisationID: nil)
        return try await AccountView.make(user, roles: [.applicant], viewer: viewer, request: request)
            .encodeResponse(status: .created, for: request)
    }
}

/// 注册 page.
struct RegisterPage: Encodable {
    let chrome: PageChrome
    let heading: String
    let intro: String
    let action: String
    let csrfToken: String
    let problem: String?
    let usernameLabel: String
    let username: String
    let nameLabel: String
    let displayName: String
    let passwordLabel: String
    let phoneLabel: String
    let phone: String
    let submitLabel: String
    let signInNote: String
    let signInHref: String

    init(request: Request, form: RegistrationController.Form?, problem: String?) {
        let language = request.language
        func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
        chrome = PageChrome(request: request, title: t("注册", "Create an account"))
        heading = t("注册申报账户", "Create an applicant account")
        intro = t("持有清单内境外职业资格证书的专业技术人员可注册账户，进行证书查验和网上申报。",
                  "Holders of a recognised overseas qualification create an account here to verify their certificate and apply online.")
        action = SiteURL.registerSubmit.path
        csrfToken = CSRF.token(for: request)
        self.problem = problem
        usernameLabel = t("用户名（3–32位小写字母、数字或 . _ -）", "User name (3–32 lower-case letters, digits or . _ -)")
        username = form?.username ?? ""
        nameLabel = t("姓名", "Name")
        displayName = form?.displayName ?? ""
        passwordLabel = t("密码（至少\(PasswordRules.minimumLength)位，含字母和数字）",
                          "Password (at least \(PasswordRules.minimumLength) characters, letters and digits)")
        phoneLabel = t("手机号码（选填）", "Mobile number (optional)")
        phone = form?.phone ?? ""
        submitLabel = t("注册并登录", "Create the account and sign in")
        signInNote = t("已有账户？", "Already have an account?")
        signInHref = SiteURL.signIn.path
    }
}
