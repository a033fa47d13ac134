import Foundation
import Testing
import TitleBridgeDocuments

@Suite("QR code of the acceptance number — printed on the form, read back by a scanner")
struct QRCodeTests {
    static let tools = ["pdftoppm", "zbarimg"].allSatisfy { FileManager.default.isExecutableFile(atPath: "/usr/bin/" + $0) }

    static func run(_ tool: String, _ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/" + tool)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("Sizes grow with the text; too long is refused", arguments: [("2024B2-IT-0042", 1), (String(repeating: "A", count: 20), 2),
                                                                        (String(repeating: "9", count: 100), 6)])
    func version(text: String, version: Int) throws {
        let code = try QRCode(text)
        #expect(code.version == version)
        #expect(code.size == 17 + 4 * version)
        // The three finder patterns are where a scanner looks for them.
        for (row, column) in [(0, 0), (0, code.size - 7), (code.size - 7, 0)] {
            #expect(code.modules[row][column] && code.modules[row + 6][column + 6] && !code.modules[row + 1][column + 1])
        }
        #expect(throws: QRCode.Failure.tooLong(bytes: 200)) { try QRCode(String(repeating: "x", count: 200)) }
    }

    @Test("zbarimg reads the acceptance number off the rendered form",
          .enabled(if: tools || ProcessInfo.processInfo.environment["CI"] != nil),
          arguments: ["2024B2-IT-0042", "2024B2-FM-1307", "受理号 2024B2-BIO-0001"])
    func scan(number: String) throws {
        let form = AssessmentForm(fileNumber: "SB2024-000042", batchName: "第二批", sections: [],
                                  eligibility: [], summary: "", summaryCount: "0", printedOn: "2024年9月25日", acceptanceNumber: number)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("titlebridge-qr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("form.pdf")
        try Data(form.render()).write(to: file)
        #expect(try Self.run("pdftoppm", ["-r", "150", "-f", "1", "-l", "1", "-png", file.path, folder.appendingPathComponent("page").path]).0 == 0)
        let page = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasSuffix(".png") })
        let (status, output) = try Self.run("zbarimg", ["--quiet", "--raw", folder.appendingPathComponent(page).path])
        #expect(status == 0)
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == number)
    }
}
