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
        let port = try freeLoopbackPort()

        let process = Process()
        process.executableURL = binary
        process.currentDirectoryURL = folder
        process.arguments = ["serve", "--port", String(port)]
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = nil
        environment["LOG_LEVEL"] = "warning"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }

        let base = "http://127.0.0.1:\(port)"
        let banner = Task.detached { () -> String in
            var seen = Data()
            // availableData returns what is there; read(upToCount:) would wait for the count or EOF.
            while case let chunk = output.fileHandleForReading.availableData, !chunk.isEmpty {
                seen.append(chunk)
                if String(decoding: seen, as: UTF8.self).contains("English:") { break }
            }
            return String(decoding: seen, as: UTF8.self)
        }
        var healthy = false
        for _ in 0..<300 where !healthy && process.isRunning {
            if let (_, response) = try? await URLSession.shared.data(from: URL(string: base + "/healthz")!),
               (response as? HTTPURLResponse)?.statusCode == 200 {
                healthy = true
            } else {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
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
        var request = URLRequest(url: URL(string: base + "/api/v1/session")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(#"{"username":"employer1","password":"\#(DemoSeed.password)"}"#.utf8)
        let (_, signIn) = try await URLSession.shared.data(for: request)
        #expect((signIn as? HTTPURLResponse)?.statusCode == 201)
    }
}
