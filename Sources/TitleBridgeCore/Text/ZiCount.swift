/// 字数 — how "专业技术工作总结（不少于3000字）" (四(二)) is counted.
///
/// The notice does not define 字, so the count follows the 字数 of common word processors
/// (Word's 字数统计, which committees use to check by eye):
/// - each CJK ideograph, kana or hangul syllable counts 1;
/// - each full-width punctuation mark or symbol counts 1 (the CJK punctuation block
///   U+3000–U+303F, the full-width forms U+FF00–U+FFEF, and the marks Chinese text sets
///   full-width: — ‘ ’ “ ” … ·);
/// - each maximal run of other non-space characters counts 1 (`TitleBridge`, `2024`,
///   `v2.0,` are one each);
/// - white space, including the ideographic space U+3000, counts nothing.
///
/// Pages show this 字数 and, beside it, the number of Chinese characters alone (`han`).
public struct ZiCount: Sendable, Equatable {
    /// 字数 by the rule above.
    public let zi: Int
    /// 汉字数: CJK ideographs only.
    public let han: Int

    public init(_ text: some StringProtocol) {
        var zi = 0, han = 0, inRun = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if Self.isIdeograph(value) {
                zi += 1
                han += 1
                inRun = false
            } else if value == 0x3000 || scalar.properties.isWhitespace {
                inRun = false
            } else if Self.isFullWidthCounted(value) {
                zi += 1
                inRun = false
            } else if !inRun {
                zi += 1
                inRun = true
            }
        }
        self.zi = zi
        self.han = han
    }

    static func isIdeograph(_ v: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0xF900...0xFAFF).contains(v)
            || (0x20000...0x2FA1F).contains(v) || (0x30000...0x323AF).contains(v)
    }

    static func isFullWidthCounted(_ v: UInt32) -> Bool {
        (0x3000...0x303F).contains(v) || (0xFF00...0xFFEF).contains(v)
            || (0x3040...0x30FF).contains(v) || (0xAC00...0xD7AF).contains(v) || (0x1100...0x11FF).contains(v)
            || (0x3130...0x318F).contains(v)
            || v == 0x2014 || v == 0x2018 || v == 0x2019 || v == 0x201C || v == 0x201D || v == 0x2026 || v == 0x00B7
    }
}
