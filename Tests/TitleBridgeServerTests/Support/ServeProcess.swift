import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import NIOConcurrencyHelpers
import TitleBridgeServer

/// The built `titlebridge serve` running on a free loopback port, on the embedded database, as
/// a newcomer starts it: what it printed up to the English address, what it wrote on standard
/// error, and requests to it.
final class ServeProcess: @unchecked Sendable {
    let base: String
    let process: Process
    /// What the server printed, up to its English address (the banner is one write).
    let banner: Task<String, Never>
    private let standardError: NIOLockedValueBox<StandardError>

    private struct StandardError: Sendable {
        var data = Data()
        /// The server closed it: it has exited, and everything it wrote is in `data`.
        var closed = false
    }

    init(arguments: [String], in folder: URL? = nil, environment overrides: [String: String] = [:]) throws {
        let port = try freeLoopbackPort()
        base = "http://127.0.0.1:\(port)"
        process = Process()
        process.executableURL = ServeCommandTests.executable
        if let folder { process.currentDirectoryURL = folder }
        process.arguments = ["serve", "--port", String(port)] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = nil
        environment["LOG_LEVEL"] = "warning"
        // A fresh clone has none of these: the rehearsal clock and the batch come from the arguments.
        for name in ["TITLEBRIDGE_CLOCK", "TITLEBRIDGE_POLICY_DIR", "TITLEBRIDGE_BATCH"] { environment[name] = nil }
        environment.merge(overrides) { _, given in given }
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        let errorOutput = Pipe()
        process.standardError = errorOutput
        try process.run()
        // Read on a thread of its own to the end: a task blocked in a read for the server's
        // whole life would hold one of the few threads the tests share.
        let collected = NIOLockedValueBox(StandardError())
        standardError = collected
        Thread {
            while case let chunk = errorOutput.fileHandleForReading.availableData, !chunk.isEmpty {
                collected.withLockedValue { $0.data.append(chunk) }
            }
            collected.withLockedValue { $0.closed = true }
        }.start()
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

    /// What the server wrote on standard error so far (its log; a refused start's reason).
    var errors: String { standardError.withLockedValue { String(decoding: $0.data, as: UTF8.self) } }

    /// Waits up to `seconds` for a server that stops by itself (a start it refuses): its exit
    /// status and all it wrote on standard error; nil while it still runs.
    func exited(within seconds: Double = 30) async throws -> (status: Int32, errors: String)? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning || !standardError.withLockedValue({ $0.closed }) {
            guard Date() < deadline else { return nil }
            try await Task.sleep(for: .milliseconds(50))
        }
        return (process.terminationStatus, errors)
    }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}
