import Foundation
import Testing
@testable import TitleBridgeServer

/// The server's folders are the procedure's steps in order, and no file grows past what one
/// reader holds at once (docs/architecture.md, "The server's tree").
@Suite("The server's tree follows the procedure")
struct ServerTreeTests {
    static let server = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/TitleBridgeServer")

    @Test("No Swift file of the server is longer than 300 lines")
    func shortFiles() throws {
        let files = try #require(FileManager.default.enumerator(at: Self.server, includingPropertiesForKeys: nil))
        var checked = 0
        for case let url as URL in files where url.pathExtension == "swift" {
            let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).count - 1
            #expect(lines <= 300, "\(url.path.replacingOccurrences(of: Self.server.path + "/", with: "")): \(lines) lines")
            checked += 1
        }
        #expect(checked > 100)
    }

    @Test("Procedure/ holds the steps of 四 numbered in their order, beside the file's shared part")
    func stepsInOrder() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.server.appendingPathComponent("Procedure").path).sorted()
        #expect(folders == ["01-Verification", "02-Application", "03-EmployerReview", "04-UnitPublicity", "05-Reporting",
                            "06-Acceptance", "07-Interview", "08-Vote", "09-ResultPublicity", "10-Certificates", "File"])
        let top = try FileManager.default.contentsOfDirectory(atPath: Self.server.path).sorted()
        #expect(top == ["Bureau", "Directory", "JuniorAppointments", "Platform", "Procedure", "Public", "Resources", "Schema", "Seed"])
    }
}
