import Foundation

/// What a file that is not UTF-8 most likely is, so the refusal can say what to do.
public enum TextEncodingGuess: Sendable, Equatable {
    /// Every non-ASCII byte pairs up as a GBK/GB18030 double-byte character: what Excel and
    /// WPS save as “CSV” on a Chinese system.
    case gbk
    case unknown

    public static func guess(_ bytes: some Collection<UInt8>) -> TextEncodingGuess {
        var iterator = bytes.makeIterator()
        var sawDoubleByte = false
        while let byte = iterator.next() {
            if byte < 0x80 { continue }
            guard (0x81...0xFE).contains(byte), let trail = iterator.next(),
                  (0x40...0xFE).contains(trail), trail != 0x7F else { return .unknown }
            sawDoubleByte = true
        }
        return sawDoubleByte ? .gbk : .unknown
    }

    public var refusal: LocalizedText {
        switch self {
        case .gbk:
            LocalizedText(zh: "文件不是 UTF-8 编码，看起来是 GBK（Excel/WPS 默认保存的“CSV”）。请在另存为时选择“CSV UTF-8（逗号分隔）”后重新导入，未导入任何内容。",
                          en: "The file is not UTF-8; it looks like GBK, which Excel and WPS save as “CSV” by default. Save it as “CSV UTF-8 (comma delimited)” and import it again. Nothing was imported.")
        case .unknown:
            LocalizedText(zh: "文件不是 UTF-8 编码的文本，未导入任何内容。", en: "The file is not UTF-8 text. Nothing was imported.")
        }
    }
}
