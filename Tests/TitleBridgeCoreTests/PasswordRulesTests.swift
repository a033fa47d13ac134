import Testing
import TitleBridgeCore

@Suite("Password rules of local accounts")
struct PasswordRulesTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let password: String
        let username: String
        let problem: PasswordRules.Problem?
        var testDescription: String { "\(password) for \(username)" }
    }

    @Test("Length first, then letters and digits, the user name, common passwords", arguments: [
        Row(password: "TitleBridge-demo-2024", username: "applicant1", problem: nil),
        Row(password: "abcdefghi1", username: "zhang", problem: nil),
        Row(password: "abcdefgh1", username: "zhang", problem: .tooShort),
        Row(password: String(repeating: "a1", count: 65), username: "zhang", problem: .tooLong),
        Row(password: "abcdefghijkl", username: "zhang", problem: .needsLetterAndDigit),
        Row(password: "123456789012", username: "zhang", problem: .needsLetterAndDigit),
        Row(password: "Employer1-secret", username: "employer1", problem: .containsUsername),
        Row(password: "Password123", username: "zhang", problem: .tooCommon),
        Row(password: "密码很长但是没有数字呀", username: "zhang", problem: .needsLetterAndDigit),
    ])
    func rules(row: Row) {
        #expect(PasswordRules.problem(password: row.password, username: row.username) == row.problem)
    }
}
