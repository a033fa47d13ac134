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

    /// The fields of the form, in its order: the problems are listed as the person reads it.
    static let fieldOrder = ["username", "displayName", "password", "phone"]

    /// Every problem of the form at once: the fields as typed, a missing password, a taken user name.
    func problems(of form: Form, request: Request) async throws -> [APIProblem] {
        let input = account(form)
        var found = input.problems(today: request.domain.clock.today())
        do { try checkPassword(form) } catch let problem as APIProblem { found.append(problem) }
        let username = input.normalizedUsername
        if AccountDirectory.isUsername(username), try await AccountDirectory(request: request).isTaken(username: username) {
            found.append(.usernameTaken)
        }
        return found.enumerated().sorted { a, b in
            let (x, y) = (Self.fieldOrder.firstIndex(of: a.element.field ?? "") ?? Self.fieldOrder.count,
                          Self.fieldOrder.firstIndex(of: b.element.field ?? "") ?? Self.fieldOrder.count)
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
    }

    /// The form; after a refused sign-up (`?refused=`) with every problem beside its field and
    /// what was typed, the password excepted.
    @Sendable
    func page(_ request: Request) async throws -> Response {
        if let refusal = try await FormRefusals.take(request, page: SiteURL.register.path, as: Form.self) {
            let response = try await request.view.render("account/register", RegisterPage(
                request: request, form: refusal.input, problems: refusal.problems)).encodeResponse(for: request)
            response.status = refusal.httpStatus
            return response
        }
        return try await request.view.render("account/register", RegisterPage(request: request, form: nil, problems: []))
            .encodeResponse(for: request)
    }

    /// Creates the account and signs it in. A refusal goes back to the form (post/redirect/get)
    /// with all its problems, so reloading the page does not send the form again.
    @Sendable
    func submit(_ request: Request) async throws -> Response {
        let form = try request.content.decode(Form.self)
        var refusal = try await problems(of: form, request: request)
        if refusal.isEmpty {
            do {
                let user = try await AccountDirectory(request: request).createAccount(account(form), by: .anonymous)
                let response = request.redirect(to: SiteURL.applications.path, redirectType: .normal)
                try await SessionStore.startWebSession(for: user, request: request, response: response)
                return response
            } catch let problem as APIProblem where problem.status.code < 500 {
                refusal = [problem]
            }
        }
        // A bad field makes it 400 even when the name is also taken (409).
        let status = refusal.contains { $0.status == .badRequest } ? HTTPResponseStatus.badRequest : refusal[0].status
        let problems = refusal.map(FieldProblem.init)
        var typed = form
        typed.password = nil
        if let redirect = try await FormRefusals.redirect(request, to: SiteURL.register.path, status: status, problems: problems, input: typed) {
            return redirect
        }
        let response = try await request.view.render("account/register", RegisterPage(request: request, form: typed, problems: problems))
            .encodeResponse(for: request)
        response.status = status
        return response
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
    /// A refused sign-up: every problem listed at the top, each also beside its field.
    let problems: PageProblems?
    let errors: [String: String]
    /// The password is never sent back into the form: it has to be typed again.
    let passwordAgain: String?
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

    init(request: Request, form: RegistrationController.Form?, problems: [FieldProblem]) {
        let language = request.language
        let w = Words<DirectoryText>(language)
        chrome = PageChrome(request: request, title: w[.registerTitle])
        heading = w[.registerHeading]
        intro = w[.registerIntro]
        action = SiteURL.registerSubmit.path
        csrfToken = CSRF.token(for: request)
        let shown = PageProblems(problems, heading: w[.registerProblems],
                                 language: language)
        self.problems = shown
        errors = shown?.byField ?? [:]
        passwordAgain = shown == nil ? nil : w[.passwordAgain]
        usernameLabel = w[.usernameRules]
        username = form?.username ?? ""
        nameLabel = w[.name]
        displayName = form?.displayName ?? ""
        passwordLabel = w[.passwordRules, ["minimum": "\(PasswordRules.minimumLength)"]]
        phoneLabel = w[.mobileOptional]
        phone = form?.phone ?? ""
        submitLabel = w[.registerButton]
        signInNote = w[.haveAccount]
        signInHref = SiteURL.signIn.path
    }
}
