/// Why an imported table was refused, pointing at the place: line (1 is the header) and
/// column. An import is all or nothing, so the first problem stops it and nothing is written.
public struct TableProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public let line: Int?
    public let column: String?
    public let message: LocalizedText

    public init(line: Int?, column: String?, _ message: LocalizedText) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// `第 3 行，“field”列：…` / `line 3, column “field”: …`
    public var located: LocalizedText {
        let zhPlace = [line.map { "第 \($0) 行" }, column.map { "“\($0)”列" }].compactMap { $0 }.joined(separator: "，")
        let enPlace = [line.map { "line \($0)" }, column.map { "column “\($0)”" }].compactMap { $0 }.joined(separator: ", ")
        return LocalizedText(zh: zhPlace.isEmpty ? message.zh : zhPlace + "：" + message.zh,
                             en: enPlace.isEmpty ? message.en : enPlace + ": " + message.en)
    }

    public var description: String { located.en }
}
