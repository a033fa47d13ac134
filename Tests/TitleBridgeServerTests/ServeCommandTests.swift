import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TitleBridgeServer

/// Runs the real `titlebridge serve` binary as a newcomer would, in an empty folder.
@Suite("titlebridge serve — the quick start")
struct ServeCommandTests {
    /// The executable built beside the test bundle.
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("titlebridge")
    }

    @Test("serve on a fresh folder creates the SQLite database, prints the URL and answers / and /healthz")
    func quickStart() async throws {
        let binary = Self.executable
        try #require(FileManager.default.isExecutableFile(atPath: binary.path),
                     "build the titlebridge product first (swift build): \(binary.path)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("titlebridge-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let serve = try ServeProcess(arguments: [], in: folder)
        defer { serve.stop() }
        let process = serve.process, base = serve.base, banner = serve.banner
        let healthy = try await serve.healthy()
        #expect(healthy, "serve did not answer /healthz with 200 within 30 s")

        let (zh, _) = try await URLSession.shared.data(from: URL(string: base + "/")!)
        let home = String(decoding: zh, as: UTF8.self)
        #expect(home.contains("lang=\"zh-CN\""))
        #expect(home.contains("2024年9月6日（周五） 至 2024年9月19日（周四）"))
        let (en, _) = try await URLSession.shared.data(from: URL(string: base + "/?lang=en")!)
        #expect(String(decoding: en, as: UTF8.self).contains("Fri 6 September 2024 to Thu 19 September 2024"))

        let database = folder.appendingPathComponent("data/titlebridge.sqlite")
        #expect(FileManager.default.fileExists(atPath: database.path))
        #expect(FileManager.default.fileExists(atPath: database.path + "-wal"))

        // Read while the server is still running: the address must not wait in a buffer.
        #expect(process.isRunning)
        let printed = await banner.value
        #expect(printed.contains("URL:      \(base)/"))
        #expect(printed.contains("English:  \(base)/?lang=en"))
        // The banner is one write, so the demo logins arrive with the address.
        #expect(printed.contains("password: \(DemoSeed.password)"))
        for login in ["applicant1", "employer2", "supervisor1", "expert7", "secretary1", "admin"] {
            #expect(printed.contains("    \(login)  ("), "banner lacks \(login)")
        }

        // A printed login signs in on the running server.
        #expect(try await serve.signsIn("employer1"))
    }
}
