/// The rules a local account's password must meet. Length matters most (OWASP ASVS 2.1):
/// at least 10 characters, letters and digits both present, not the user name, and not one
/// of the passwords every attacker tries first.
public enum PasswordRules {
    public static let minimumLength = 10
    public static let maximumLength = 128

    static let common: Set<String> = [
        "password123", "password1234", "1234567890", "12345678910", "qwertyuiop", "qwerty123456",
        "abc1234567", "a123456789", "1qaz2wsx3edc", "passw0rd123", "iloveyou123", "admin12345",
        "administrator1", "welcome1234", "shanghai2024", "woaini1314520",
    ]

    public enum Problem: String, Sendable, Equatable, CaseIterable {
        case tooShort
        case tooLong
        case needsLetterAndDigit
        case containsUsername
        case tooCommon

        public var message: LocalizedText {
            switch self {
            case .tooShort: LocalizedText(zh: "密码至少需要\(PasswordRules.minimumLength)个字符。",
                                          en: "A password needs at least \(PasswordRules.minimumLength) characters.")
            case .tooLong: LocalizedText(zh: "密码不能超过\(PasswordRules.maximumLength)个字符。",
                                         en: "A password can have at most \(PasswordRules.maximumLength) characters.")
            case .needsLetterAndDigit: LocalizedText(zh: "密码须同时包含字母和数字。", en: "A password needs both letters and digits.")
            case .containsUsername: LocalizedText(zh: "密码不能包含用户名。", en: "A password cannot contain the user name.")
            case .tooCommon: LocalizedText(zh: "这个密码过于常见，请换一个。", en: "This password is too common; please choose another.")
            }
        }
    }

    /// The first rule `password` breaks, or nil when it meets them all.
    public static func problem(password: String, username: String) -> Problem? {
        if password.count < minimumLength { return .tooShort }
        if password.count > maximumLength { return .tooLong }
        guard password.contains(where: \.isLetter), password.contains(where: \.isNumber) else { return .needsLetterAndDigit }
        let lowered = password.lowercased()
        if !username.isEmpty, lowered.contains(username.lowercased()) { return .containsUsername }
        if common.contains(lowered) { return .tooCommon }
        return nil
    }
}
