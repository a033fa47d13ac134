import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer

/// Every word of the site is in `Resources/Text/` in Chinese and in English, under a key a page
/// asks for, with the same placeholders in both languages.
@Suite("Text catalogue — every key in both languages")
struct TextCatalogueTests {
    @Test("The bundled catalogue has every key of every area in Chinese and English")
    func bundledIsComplete() {
        #expect(TextCatalogue.bundled.problems() == [])
        for area in TextCatalogue.areas {
            #expect(TextCatalogue.bundled.entries[area.area]?.count == area.keys.count, "\(area.area)")
        }
    }

    @Test("A missing language, a missing entry, an orphan and unequal placeholders are each named")
    func gapsAreFound() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("text-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var chrome = try #require(TextCatalogue.bundled.entries["chrome"])
        chrome["menu"] = TextCatalogue.Entry(zh: "菜单", en: " ")
        chrome["rehearsal"] = TextCatalogue.Entry(zh: "现在是 {now}", en: "It is {time}")
        chrome.removeValue(forKey: "signIn")
        chrome["retired"] = TextCatalogue.Entry(zh: "旧", en: "Old")
        try JSONEncoder().encode(chrome).write(to: folder.appendingPathComponent("chrome.json"))
        try Data("{}".utf8).write(to: folder.appendingPathComponent("stray.json"))

        let problems = TextCatalogue(loading: folder).problems()
        #expect(problems.contains("chrome.menu: no English"))
        #expect(problems.contains("chrome.signIn: no entry"))
        #expect(problems.contains("chrome.retired: no key in ChromeText asks for it"))
        #expect(problems.contains { $0.hasPrefix("chrome.rehearsal: placeholders differ") })
        #expect(problems.contains("Text/stray.json belongs to no area in TextCatalogue.areas"))
    }

    @Test("Placeholders are filled in the page's language")
    func placeholders() {
        let words = Words<ChromeText>(.en)
        #expect(words[.rehearsal, ["now": "2024-09-10 09:00"]].contains("it is now 2024-09-10 09:00 Beijing time"))
        #expect(Words<ChromeText>(.zh)[.signIn] == "登录")
        #expect(TextCatalogue.fill("{place}，{until}", ["place": "{until} 室", "until": "9 月"]) == "{until} 室，9 月")
    }
}
