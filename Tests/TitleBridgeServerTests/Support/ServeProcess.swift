import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TitleBridgeServer

/// The built `titlebridge serve` running on a free loopback port, on the embedded database, as
/// a newcomer starts it: what it printed up to the English address, and requests to it.
final class ServeProcess: @unchecked Sendable {
    let base: String
    let process: Process
    /// What the server printed, up to its English address (the banner is one write).
    let banner: Task<String, Never>

    init(arguments: [String], in folder: URL? = nil) throws {
        let port = try freeLoopbackPort()
        base = "http://127.0.0.1:\(port)"
        process = Process()
        process.executableURL = ServeCommandTests.executable
        if let folder { process.currentDirectoryURL = folder }
        process.arguments = ["serve", "--port", String(port)] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = nil
        environment["LOG_LEVEL"] = "warning"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        banner = Task.detached { () -> String in
            var seen = Data()
            // availableData returns what is there; read(upToCount:) would wait for the count or EOF.
            while case let chunk = output.fileHandleForReading.availableData, !chunk.isEmpty {
                seen.append(chunk)
                if String(decoding: seen, as: UTF8.self).contains("English:") { break }
            }
            return String(decoding: seen, as: UTF8.self)
        }
    }

    /// Waits up to 30 s for `/healthz` to answer 200.
    func healthy() async throws -> Bool {
        for _ in 0..<300 where process.isRunning {
            if let url = URL(string: base + "/healthz"), let (_, response) = try? await URLSession.shared.data(from: url),
               (response as? HTTPURLResponse)?.statusCode == 200 {
                return true
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// Whether `username` signs in by the API with the demo password.
    func signsIn(_ username: String) async throws -> Bool {
        guard let url = URL(string: base + "/api/v1/session") else { return false }
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(#"{"username":"\#(username)","password":"\#(DemoSeed.password)"}"#.utf8)
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode == 201
    }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}
