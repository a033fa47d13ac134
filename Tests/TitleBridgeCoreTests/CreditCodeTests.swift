import Testing
import TitleBridgeCore

@Suite("统一社会信用代码 — unified social credit code (GB 32100-2015)")
struct CreditCodeTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let code: String
        let problem: CreditCode.Problem?
        var testDescription: String { code }
    }

    @Test("Check character and alphabet", arguments: [
        Row(code: "91310000MA1FL0000N", problem: nil),
        Row(code: "12310000425003567F", problem: nil),
        Row(code: "113100000024200878", problem: nil),
        Row(code: " 91310115ma1h7abcdf ", problem: nil),
        Row(code: "91310000MA1FL0000M", problem: .checkCharacter),
        Row(code: "12310000425003567G", problem: .checkCharacter),
        Row(code: "91310000MA1FL000IN", problem: .character),
        Row(code: "91310000MA1FL000ON", problem: .character),
        Row(code: "91310000MA1FL0000", problem: .length),
        Row(code: "", problem: .length),
    ])
    func validate(row: Row) {
        switch CreditCode.validate(row.code) {
        case .success(let code):
            #expect(row.problem == nil)
            #expect(code.normalized == code.normalized.uppercased())
            #expect(code.normalized.count == 18)
        case .failure(let error):
            #expect(error.problem == row.problem)
            #expect(!error.message.zh.isEmpty && !error.message.en.isEmpty)
        }
    }
}
