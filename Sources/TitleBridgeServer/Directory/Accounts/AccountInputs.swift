import TitleBridgeCore
import Vapor

/// A new organisation, from the admin page, the API or the demo seed.
struct NewOrganisation: Content, Sendable {
    var kind: OrganisationKind
    var nameZh: String
    var nameEn: String
    var creditCode: String?
    /// 主管部门, required for a public institution.
    var supervisingID: UUID?
    /// The field an industry authority looks after.
    var field: String?
}

/// A new account, from the admin page, the command line or the demo seed.
struct NewAccount: Content, Sendable {
    var username: String
    var displayName: String
    var password: String?
    var roles: [Role]
    var organisationID: UUID?
    var idKind: IdentityDocumentKind?
    var idNumber: String?
    var phone: String?
    /// The 一网通办 identity the account signs in with, if any.
    var oidcIssuer: String? = nil
    var oidcSubject: String? = nil
}

/// A unit's contact details, the part its employer keeps up to date.
struct UnitContact: Content, Sendable {
    var contactPhone: String?
    var address: String?
}

extension NewAccount {
    /// The user name as it is stored: trimmed, lower case.
    var normalizedUsername: String { username.trimmingCharacters(in: .whitespaces).lowercased() }

    /// Every problem of the fields as typed, in the order of the forms, so a person corrects
    /// them all at once; the account is created only when there is none. `checksPassword` is
    /// false when the caller brings its own hash. Whether the user name is taken is the
    /// database's to say (`AccountDirectory`).
    func problems(today: LocalDate, checksPassword: Bool = true) -> [APIProblem] {
        var found: [APIProblem] = []
        let username = normalizedUsername
        if !AccountDirectory.isUsername(username) {
            found.append(.badInput(code: "username_format", field: "username", LocalizedText(
                zh: "用户名须为3–32位小写字母、数字或 . _ -，以字母或数字开头。",
                en: "A user name has 3–32 lower-case letters, digits or . _ -, starting with a letter or digit.")))
        }
        let name = displayName.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty || name.count > 100 {
            found.append(.badInput(code: "name_required", field: "displayName", LocalizedText(
                zh: "请填写姓名（不超过100字）。", en: "Enter the person's name (at most 100 characters).")))
        }
        if roles.isEmpty {
            found.append(.badInput(code: "role_required", field: "roles", LocalizedText(
                zh: "请至少选择一个角色。", en: "Choose at least one role.")))
        }
        if checksPassword, let password, !password.isEmpty, let problem = PasswordRules.problem(password: password, username: username) {
            found.append(.badInput(code: "password_\(problem.rawValue)", field: "password", problem.message))
        }
        if let text = idNumber, !text.trimmingCharacters(in: .whitespaces).isEmpty,
           case .failure(let error) = IdentityNumber.validate(text, as: idKind ?? .residentID, today: today) {
            found.append(.badInput(code: "id_number_\(error.problem.rawValue)", field: "idNumber", error.message))
        }
        if let phone = phone?.trimmingCharacters(in: .whitespaces), !phone.isEmpty, !AccountDirectory.isPhone(phone) {
            found.append(.badInput(code: "phone_format", field: "phone", LocalizedText(
                zh: "手机号码格式不正确。", en: "The telephone number is not in a valid form.")))
        }
        return found
    }
}

extension APIProblem {
    /// A user name somebody already has.
    static let usernameTaken = APIProblem(status: .conflict, code: "username_taken", message: LocalizedText(
        zh: "该用户名已被使用。", en: "This user name is already taken."), field: "username")
}
