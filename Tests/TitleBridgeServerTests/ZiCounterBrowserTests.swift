import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer

/// The page's live counter and the server count the same text the same way: the served
/// script runs in a real headless Chromium over the same samples the core counts.
@Suite("字 counter — page and server agree")
struct ZiCounterBrowserTests {
    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    static let samples: [String] = [
        String(repeating: "账", count: 2999),
        String(repeating: "账", count: 3000),
        "本人于2016年加入TitleBridge项目组，负责v2.0版本的财务系统设计——包括“预算”“核算”两个模块……",
        "Ｆｕｌｌ－ｗｉｄｔｈ　ＡＢＣ，半角 abc, def.\u{0085}ghi\u{FEFF}jkl 𠀀𪜀 かな 한글",
        "   \n\t ",
    ]

    @Test("The same samples give the same 字数 in Chromium and in ZiCount",
          .enabled(if: chromium != nil || ProcessInfo.processInfo.environment["CI"] != nil))
    func sameCount() throws {
        let browser = try #require(Self.chromium, "CI installs chromium")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("titlebridge-zi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try ServerResources.text("Public/assets/zi-count.js").write(to: folder.appendingPathComponent("zi-count.js"), atomically: true, encoding: .utf8)
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        }
        // The same markup as the summary step: a textarea, its output, the deferred script.
        var html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>"
        for (index, sample) in Self.samples.enumerated() {
            html += "<textarea data-zi-counter=\"out\(index)\" data-zi-minimum=\"3000\">\(escape(sample))</textarea>"
            html += "<p id=\"out\(index)\"><strong data-zi-value>-1</strong></p>"
        }
        html += "<script src=\"zi-count.js\" defer></script></body></html>"
        let page = folder.appendingPathComponent("summary.html")
        try html.write(to: page, atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(folder.path)/profile",
                             "--dump-dom", page.absoluteString]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let dom = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()

        for (index, sample) in Self.samples.enumerated() {
            guard let paragraph = dom.range(of: "id=\"out\(index)\""),
                  let value = dom.range(of: "data-zi-value=\"\">", range: paragraph.upperBound..<dom.endIndex) else {
                Issue.record("no counter \(index) in the page")
                continue
            }
            let shown = Int(dom[value.upperBound...].prefix { $0.isNumber || $0 == "-" })
            #expect(shown == ZiCount(sample).zi, "sample \(index): page \(shown.map(String.init) ?? "?") vs server \(ZiCount(sample).zi)")
        }
        #expect(ZiCount(Self.samples[0]).zi == 2999)
        #expect(ZiCount(Self.samples[1]).zi == 3000)
    }
}
