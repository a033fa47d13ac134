import Leaf
import TitleBridgeCore
import Vapor

/// `#cite(reference)` in a view: a clause reference of the notice (`三(二)2(2)`) written as an
/// `<abbr>` whose title says what the clause is about (`NoticeClauses`), in the page's
/// language, so a reader who does not know the notice's numbering learns it by pointing at it.
/// A reference the notice does not have is written as plain text. The reference itself is
/// Chinese, and on an English page says so (`lang`, WCAG 3.1.2), so a screen reader reads it
/// in Chinese and not as letters.
struct CitationTag: UnsafeUnescapedLeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let citation = ctx.parameters.first?.string, !citation.isEmpty else { return .string("") }
        let language = ctx.request?.language ?? .zh
        let shown = language == .zh ? Self.escaped(citation) : "<span lang=\"zh-CN\">\(Self.escaped(citation))</span>"
        guard let gloss = NoticeClauses.gloss(citation) else { return .string(shown) }
        let title = citation + (language == .zh ? "：" : ": ") + gloss.text(in: language)
        return .string("<abbr title=\"\(Self.escaped(title))\">\(shown)</abbr>")
    }

    /// The tag writes HTML itself, so it escapes what it puts in.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
