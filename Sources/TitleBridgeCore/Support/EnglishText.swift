/// Small pieces of English grammar for sentences made from parts: the article before a
/// word and the plural after a number, so generated English reads as English.
public enum EnglishText {
    /// "a" or "an" for the word that follows, by its first sound as far as spelling tells:
    /// "an engineering …", "an information …", "a bachelor's …", "a university …".
    public static func article(_ following: String) -> String {
        let word = following.lowercased()
        // Vowel letters that sound like a consonant, and a silent h.
        for prefix in ["uni", "use", "usu", "one", "eu"] where word.hasPrefix(prefix) { return "a" }
        for prefix in ["hour", "honest", "honour"] where word.hasPrefix(prefix) { return "an" }
        guard let first = word.first else { return "a" }
        return "aeiou".contains(first) ? "an" : "a"
    }

    /// `1 year`, `2 years`: the count with its noun in the right number (nouns that take an
    /// "s" only).
    public static func count(_ value: Int, _ noun: String) -> String {
        "\(value) \(noun)\(value == 1 ? "" : "s")"
    }
}

extension String {
    /// The string with its first letter in upper case ("an" → "An").
    public var capitalisedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}

extension LocalizedText {
    /// The text where it begins a label, a choice, a table cell or a heading: the English with
    /// its first letter in upper case ("Senior accountant", "Engineering technology"), the
    /// Chinese as it is. Names of series, levels, fields, degrees and disciplines are kept in
    /// lower case because sentences use them mid-way; the page capitalises where they start.
    public func label(in language: Language) -> String {
        switch language {
        case .zh: zh
        case .en: en.capitalisedFirst
        }
    }
}
