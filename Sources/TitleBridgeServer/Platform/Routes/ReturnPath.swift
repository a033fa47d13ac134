import Foundation

/// A path on this site that a browser may be sent to when the path came from outside: the
/// `next=` of the sign-in, the page the language switch returns to. Browsers are lenient with
/// what they are sent (they drop tabs and line breaks, read `\` as `/`, and a `//` start names
/// another host), and a proxy or another server may decode the path once more; so anything
/// that could become another host under one of those readings is refused, not repaired.
enum ReturnPath {
    /// How many layers of percent-encoding are looked through; a real address of this site
    /// has at most one (the browser's), so more than this is refused.
    static let decodingLayers = 3

    /// `candidate` when it is a path of this site in every reading, nil otherwise: it starts
    /// with one `/`, holds no backslash and no control character (tab, line break, NUL, …),
    /// and no encoded slash or backslash (`%2F`, `%5C`); the same holds after each layer of
    /// percent-decoding, so `/%09/evil.example/` (a tab once decoded) and `/%252F…` are refused
    /// as well. The caller falls back to a page of its own, never repairs the value.
    static func validated(_ candidate: String?) -> String? {
        guard let candidate, !candidate.isEmpty else { return nil }
        var layer = candidate
        for _ in 0..<decodingLayers {
            guard isPlainPath(layer) else { return nil }
            // A malformed escape (`%zz`, bytes that are not UTF-8) is not an address this site made.
            guard let decoded = layer.removingPercentEncoding else { return nil }
            if decoded == layer { return candidate }
            layer = decoded
        }
        return nil
    }

    /// One reading of the value: a single leading `/`, nothing a browser would drop or turn
    /// into a slash, and no slash or backslash hidden behind an escape.
    private static func isPlainPath(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        guard scalars.first == "/" else { return false }
        if let second = scalars.dropFirst().first, second == "/" { return false }
        for scalar in scalars {
            if scalar == "\\" || scalar.properties.generalCategory == .control { return false }
        }
        let lowered = text.lowercased()
        return !lowered.contains("%2f") && !lowered.contains("%5c")
    }
}
