import Testing
import TitleBridgeCore

@Suite("字 count (四(二) 不少于3000字)")
struct ZiCountTests {
    @Test("Counting rule on mixed text", arguments: [
        ("你好", 2, 2),
        ("Hello 你好", 3, 2),
        ("Hello,world", 1, 0),
        ("2024年9月6日", 6, 3),
        ("我在 Shanghai 工作了 10 年。", 9, 6),
        ("“工程师”——认定……", 11, 5),
        ("ＡＢＣ１２", 5, 0),
        ("版本 v2.0, 完成", 5, 4),
        ("　全角空格　", 4, 4),
        ("", 0, 0),
        ("   \n\t ", 0, 0),
        ("𠀀𠀁", 2, 2),
    ])
    func mixed(text: String, zi: Int, han: Int) {
        let count = ZiCount(text)
        #expect(count.zi == zi, "字数 of “\(text)”")
        #expect(count.han == han, "汉字 of “\(text)”")
    }

    @Test("2999 字 is short of 3000, 3000 meets it")
    func threshold() {
        // 1000 × (两个汉字 + 一个英文词) = 3000; drop one word for 2999.
        let unit = "工作 summary "
        let full = String(repeating: unit, count: 1000)
        #expect(ZiCount(full).zi == 3000)
        #expect(ZiCount(full).han == 2000)
        let short = String(full.dropLast("summary ".count))
        #expect(ZiCount(short).zi == 2999)
        let punctuated = String(repeating: "技术，", count: 999) + "完成。"
        #expect(ZiCount(punctuated).zi == 3000)
    }
}
