import Foundation

/// 统一社会信用代码 — unified social credit code of an organisation (GB 32100-2015).
///
/// 18 characters from `0123456789ABCDEFGHJKLMNPQRTUWXY` (no I, O, S, V, Z); the last is a
/// check character: weights 3^i mod 31, check = 31 − (Σ mod 31), with 31 → 0.
/// Some early pilot codes fail the check although they were issued; the reading chosen here
/// is that a registration refuses them and names the problem, so the bureau corrects or
/// confirms the code instead of an employer typing it wrong unnoticed.
public struct CreditCode: Sendable, Hashable, CustomStringConvertible {
    public let normalized: String

    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    public enum Problem: String, Sendable, Equatable {
        case length
        case character
        case checkCharacter

        public var message: LocalizedText {
            switch self {
            case .length: LocalizedText(zh: "统一社会信用代码应为18位。", en: "A unified social credit code has 18 characters.")
            case .character: LocalizedText(zh: "统一社会信用代码含有不允许的字符（不使用 I、O、S、V、Z）。",
                                           en: "The unified social credit code has a character it cannot contain (I, O, S, V and Z are not used).")
            case .checkCharacter: LocalizedText(zh: "统一社会信用代码校验位不符，请核对。",
                                                en: "The check character of the unified social credit code does not match; please check the code.")
            }
        }
    }

    public static func validate(_ text: String) -> Result<CreditCode, CreditCodeError> {
        let characters = Array(text.trimmingCharacters(in: .whitespaces).uppercased())
        guard characters.count == 18 else { return .failure(CreditCodeError(problem: .length)) }
        var values: [Int] = []
        for character in characters {
            guard let value = alphabet.firstIndex(of: character) else { return .failure(CreditCodeError(problem: .character)) }
            values.append(value)
        }
        guard values[17] == checkValue(values[0..<17]) else { return .failure(CreditCodeError(problem: .checkCharacter)) }
        return .success(CreditCode(normalized: String(characters)))
    }

    /// The check character for the first 17 characters.
    static func checkValue(_ values: ArraySlice<Int>) -> Int {
        let sum = zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 }
        let check = 31 - sum % 31
        return check == 31 ? 0 : check
    }

    public var description: String { normalized }
}

public struct CreditCodeError: Error, Sendable, Equatable {
    public let problem: CreditCode.Problem
    public var message: LocalizedText { problem.message }
}
