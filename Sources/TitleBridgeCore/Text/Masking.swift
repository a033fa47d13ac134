/// How personal numbers are shown to those who need not see them whole.
public enum Masking {
    /// A quarter of the characters at each end stay, at most four: `3101**********123X`.
    public static func identityNumber(_ normalized: String) -> String {
        let keep = min(4, normalized.count / 4)
        return String(normalized.prefix(keep)) + String(repeating: "*", count: normalized.count - 2 * keep)
            + String(normalized.suffix(keep))
    }

    /// The first three digits and the last four stay: `138****5678`.
    public static func phone(_ phone: String) -> String {
        let digits = Array(phone)
        guard digits.count > 7 else { return String(repeating: "*", count: digits.count) }
        return String(digits.prefix(3)) + String(repeating: "*", count: digits.count - 7) + String(digits.suffix(4))
    }
}
