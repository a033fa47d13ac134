/// 持证人姓名 — whether two writings of a name are the same name, when a verification result
/// loaded from the platform is linked to the account of its holder. The ID number says who the
/// holder is; the name only confirms it, so what differs between two systems' records is
/// forgiven: letter case, spaces, the separators inside names (`·`, `.`, `-`, `,`) and the
/// order of the parts of a Latin-script name (`CHEN Siyuan`, `Siyuan Chen`). A name in Chinese
/// characters and its pinyin are different writings and do not match: such a result stays
/// unlinked rather than be given to an account on its number alone.
public enum HolderName {
    public static func matches(_ first: String, _ second: String) -> Bool {
        let a = parts(first), b = parts(second)
        guard !a.isEmpty, !b.isEmpty else { return false }
        return a.joined() == b.joined() || a.sorted() == b.sorted()
    }

    /// The parts of a name in lower case, without spaces and separators.
    static func parts(_ name: String) -> [String] {
        name.lowercased().split { $0.isWhitespace || separators.contains($0) }.map(String.init)
    }

    static let separators: Set<Character> = ["·", "•", "・", ".", "．", ",", "，", "-", "‐", "'", "’", "_"]
}
