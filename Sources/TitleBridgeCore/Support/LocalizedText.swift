/// A short text in both languages of the service: Chinese first, English second.
public struct LocalizedText: Hashable, Codable, Sendable {
    public let zh: String
    public let en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    public func text(in language: Language) -> String {
        switch language {
        case .zh: zh
        case .en: en
        }
    }
}

/// The languages pages and messages are offered in. Chinese is the default.
public enum Language: String, CaseIterable, Codable, Sendable {
    case zh
    case en

    /// The BCP 47 tag for the `lang` attribute of a page.
    public var tag: String {
        switch self {
        case .zh: "zh-CN"
        case .en: "en"
        }
    }

    /// Reads `zh`, `zh-CN`, `zh-Hans`, `en`, `en-GB` … ; anything else is not a choice.
    public init?(tag: String) {
        let primary = tag.split(separator: "-").first.map { $0.lowercased() } ?? ""
        guard let language = Language(rawValue: primary) else { return nil }
        self = language
    }
}
