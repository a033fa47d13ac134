#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing

@Suite("Graceful shutdown: SIGTERM finishes what is in flight, takes nothing new, and exits cleanly")
struct GracefulShutdownTests {
    @Test("A request half-sent when SIGTERM arrives is answered; then the port is closed and the server exits 0")
    func sigterm() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("titlebridge-shutdown-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try ServeProcess(arguments: ["--data-dir", folder.path, "--no-demo"], environment: ["LOG_LEVEL": "notice"])
        defer { server.stop() }
        #expect(try await server.healthy())
        let port = try #require(Int(server.base.split(separator: ":").last ?? ""))

        // The eligibility check, its body sent in two halves with SIGTERM between them.
        let body = Data(#"{"target":{"series":"engineering","level":"associateSenior"},"employer":{"kind":"enterprise"}}"#.utf8)
        let connection = try RawConnection(port: port)
        try connection.send(Data("POST /api/v1/eligibility/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n".utf8)
                            + body.prefix(10))
        try await Task.sleep(for: .milliseconds(300))
        kill(server.process.processIdentifier, SIGTERM)
        try await Task.sleep(for: .milliseconds(500))
        #expect(server.process.isRunning, "a request is in flight: the server waits for it")
        #expect(throws: (any Error).self, "no new connection is taken") { _ = try RawConnection(port: port) }
        try connection.send(body.dropFirst(10))
        let answer = try connection.receive()
        #expect(answer.hasPrefix("HTTP/1.1 200") || answer.hasPrefix("HTTP/1.1 400"), "\(answer.prefix(200))")

        let exit = try #require(try await server.exited(within: 20))
        #expect(exit.status == 0)
        #expect(exit.errors.contains("finishing the requests in flight"))
        #expect(exit.errors.contains("scheduled jobs stopped"))
    }
}

/// A plain TCP connection to 127.0.0.1, to send a request in pieces as a slow client does.
private final class RawConnection {
    let socket: Int32

    init(port: Int) throws {
        #if canImport(Glibc)
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        socket = Darwin.socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(socket)
            throw TestSetupError("connection to \(port) refused")
        }
    }

    deinit { close(socket) }

    func send(_ data: Data) throws {
        let sent = data.withUnsafeBytes { write(socket, $0.baseAddress, data.count) }
        guard sent == data.count else { throw TestSetupError("could not send") }
    }

    /// Reads until the server closes the connection or 10 s pass.
    func receive() throws -> String {
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(socket, &buffer, buffer.count)
            if count <= 0 { break }
            received.append(contentsOf: buffer[0..<count])
            if let text = String(data: received, encoding: .utf8), text.contains("\r\n\r\n"),
               let length = text.components(separatedBy: "\r\n").first(where: { $0.lowercased().hasPrefix("content-length:") })
                .flatMap({ Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) }),
               let headerEnd = text.range(of: "\r\n\r\n"), text[headerEnd.upperBound...].utf8.count >= length {
                break
            }
        }
        return String(decoding: received, as: UTF8.self)
    }
}
