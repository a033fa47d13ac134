import Foundation
import Testing
@testable import TitleBridgeServer

@Suite("Logs: no ID number, phone number or password at any level")
struct LogPrivacyTests {
    @Test("A server run at trace level with every SQL statement logged: the demo seeded, an account registered with its phone, a wrong and a right password, an ID number saved and read back — none of them in the log")
    func traceRun() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("titlebridge-logs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try ServeProcess(arguments: ["--data-dir", folder.path, "--clock", "2024-09-10T10:00:00+08:00"],
                                      environment: ["LOG_LEVEL": "trace", "LOG_SQL": "1"])
        defer { server.stop() }
        #expect(try await server.healthy())

        let password = "Lantern-Harbour-2024x", wrong = "Wrong-Harbour-2024y", phone = "13912345678", idNumber = "11010519491231002X"
        let visitor = APIClient(base: server.base)
        let registered = try await visitor.send("POST", "/api/v1/accounts", json: [
            "username": "log.check", "displayName": "日志检查", "password": .string(password), "phone": .string(phone)])
        #expect(registered.status == 201, "\(registered.text.prefix(300))")
        let refused = try await visitor.send("POST", "/api/v1/session", json: ["username": "log.check", "password": .string(wrong)])
        #expect(refused.status == 401)
        let holder = try await APIClient.signIn(server.base, "log.check", password: password)
        let opened = try await holder.send("POST", "/api/v1/applications", json: [:])
        struct File: Decodable { let id: UUID; let version: Int }
        let file = try opened.decode(File.self)
        let saved = try await holder.send("PUT", "/api/v1/applications/\(file.id)/steps/personal", json: [
            "version": .number(file.version), "name": "日志检查", "gender": "female", "birthDate": "1949-12-31", "nationality": "中国",
            "idKind": "residentID", "idNumber": .string(idNumber)])
        #expect(saved.status == 200, "\(saved.text.prefix(300))")
        #expect(try await holder.get("/api/v1/applications/\(file.id)").text.contains(idNumber), "the owner reads it back")
        let applicant = try await APIClient.signIn(server.base, "applicant1")
        #expect(try await applicant.get("/api/v1/me").status == 200)

        server.stop()
        let log = try #require(try await server.exited(within: 20)).errors
        #expect(log.count > 20_000 && log.contains("SELECT"), "the run logged at trace level, SQL included")
        let demoNumbers = DemoSeed.people.flatMap { [$0.idNumber, $0.phone] }.compactMap { $0 }
        #expect(!demoNumbers.isEmpty)
        for secret in [password, wrong, phone, idNumber, DemoSeed.password] + demoNumbers {
            #expect(!log.contains(secret), "the log holds \(secret)")
        }
    }
}
