/// The words of the account pages: my account, signing in, signing up and the administration of accounts and organisations.
enum DirectoryText: String, TextArea {
    static let area = "directory"

    // MARK: AccountPage

    case myAccount
    case name
    case username
    case idNumber
    case telephone
    case roles
    case organisation
    case encryptionNote
    case sessionsHeading
    case sessionsIntro
    case sessionKind
    case sessionBrowser
    case sessionAPI
    case sessionStarted
    case sessionLastUsed
    case thisSession
    case endSession
    case endOtherSessions

    // MARK: SignInPage

    case signIn
    case signInIntro
    case password
    case noAccountYet
    case signUp
    case openIDSignIn
    case openIDNote

    // MARK: RegisterPage

    case registerTitle
    case registerHeading
    case registerIntro
    case registerProblems
    case passwordAgain
    case usernameRules
    case passwordRules
    case mobileOptional
    case registerButton
    case haveAccount

    // MARK: AdminPages

    case organisationsHeading
    case organisationName
    case organisationKind
    case creditCode
    case registerOrganisation
    case nameZh
    case nameEn
    case creditCodeLabel
    case supervisingDepartment
    case fieldOverseen
    case registerOrganisationButton
    case accountsHeading
    case saveRoles
    case newAccount
    case initialPasswordRules
    case idDocument
    case idNumberOptional
    case telephoneOptional
    case createButton
}
