import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor

/// Two servers on two ports over one PostgreSQL database, as behind a load balancer. (That the
/// scheduled supplement-deadline job withdraws a file once when both instances run it at the same
/// moment is `AcceptanceTests.overdueSupplement`.)
@Suite("Several instances on one PostgreSQL: one system")
struct SeveralInstancesTests {
    static var postgres: [DatabaseEngine] { DatabaseEngine.available.filter { $0 == .postgres } }

    @Test("A session made on one server works on the other, and ends on both; 受理号 stay unique and gap-free with accepts spread over both",
          arguments: postgres)
    func twoServers(engine: DatabaseEngine) async throws {
        let clock = shanghaiNoon("2024-09-18")
        try await withTestApp(engine, clock: clock, demoFiles: true) { app in
            try await withSecondInstance(of: app, clock: clock) { second in
                try await listening(app, second) { first, other in
                    // The API's bearer session.
                    let onFirst = try await APIClient.signIn(first, "bureau1")
                    let onOther = APIClient(base: other, token: onFirst.token)
                    #expect(try await onOther.get("/api/v1/me").status == 200)
                    // The browser's session, made on the first instance's pages.
                    let browser = try await signInBrowser(app, "applicant1")
                    let page = try await APIClient(base: other).send("GET", "/applications", headers: ["Cookie": browser.cookieHeader])
                    #expect(page.status == 200)
                    let name = try await UserRecord.query(on: app.db).filter(\.$username == "applicant1").first()?.displayName
                    #expect(page.text.contains("href=\"/account\" translate=\"no\">\(try #require(name))</a>"), "the other server knows who is signed in")
                    // Signing out on one ends the session on both.
                    #expect(try await onOther.send("DELETE", "/api/v1/session").status == 204)
                    #expect(try await onFirst.get("/api/v1/me").status == 401)

                    // The bureau accepts every reported file, every other one through each server, all at once.
                    let bureau = try await APIClient.signIn(first, "bureau1")
                    let reported = try await ApplicationRecord.query(on: app.db).filter(\.$stage == Stage.reported.rawValue).all()
                        .map { try $0.requireID() }
                    #expect(reported.count >= 8, "the demo batch has reported files waiting")
                    let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                        for (index, id) in reported.enumerated() {
                            let client = APIClient(base: index % 2 == 0 ? first : other, token: bureau.token)
                            group.addTask { try await accept(id, by: client) }
                        }
                        return try await group.reduce(into: [Int]()) { $0.append($1) }
                    }
                    #expect(statuses.allSatisfy { $0 == 200 }, "\(statuses)")
                    let numbers = try await AcceptanceRecord.query(on: app.db).all().map(\.number)
                    let sequence = numbers.compactMap { $0.split(separator: "-").last.flatMap { Int($0) } }.sorted()
                    #expect(Set(numbers).count == numbers.count, "no 受理号 twice")
                    #expect(sequence == Array(1...max(1, numbers.count)), "受理号 run 1…\(numbers.count) without gaps: \(sequence)")
                    #expect(numbers.count >= reported.count)
                }
            }
        }
    }

    @Test("Numbers drawn on both instances at once, some in transactions that roll back: the kept ones run 1…N",
          arguments: postgres)
    func numbersAcrossInstances(engine: DatabaseEngine) async throws {
        try await withTestApp(engine) { app in
            try await withSecondInstance(of: app, clock: shanghaiNoon("2024-09-10")) { second in
                struct RolledBack: Error {}
                // Six waves of seven at once: each instance's pool (a connection per event loop)
                // serves its share without a request waiting out the pool's timeout on a busy machine.
                var kept: [Int] = []
                for wave in 0..<6 {
                    kept += try await withThrowingTaskGroup(of: Int?.self) { group in
                        for index in (wave * 7)..<(wave * 7 + 7) {
                            let database = index % 2 == 0 ? app.db : second.db
                            group.addTask {
                                do {
                                    return try await database.transaction { db in
                                        let number = try await NumberSequence.next("certificate-test", on: db)
                                        if index % 3 == 0 { throw RolledBack() }
                                        return number
                                    }
                                } catch is RolledBack {
                                    return nil
                                }
                            }
                        }
                        return try await group.reduce(into: [Int]()) { if let number = $1 { $0.append(number) } }
                    }
                }
                #expect(kept.count == 28)
                #expect(kept.sorted() == Array(1...28), "a rolled-back draw gives its number back; none is given twice")
            }
        }
    }
}

/// Both applications listening on free loopback ports for `body`, stopped afterwards.
private func listening(_ first: Application, _ second: Application,
                       _ body: (_ first: String, _ second: String) async throws -> Void) async throws {
    let ports = (try freeLoopbackPort(), try freeLoopbackPort())
    try await first.server.start(address: .hostname("127.0.0.1", port: ports.0))
    do {
        try await second.server.start(address: .hostname("127.0.0.1", port: ports.1))
    } catch {
        await first.server.shutdown()
        throw error
    }
    do {
        try await body("http://127.0.0.1:\(ports.0)", "http://127.0.0.1:\(ports.1)")
    } catch {
        await first.server.shutdown()
        await second.server.shutdown()
        throw error
    }
    await first.server.shutdown()
    await second.server.shutdown()
}

/// The bureau reads the file's checklist and accepts it with every item in order.
private func accept(_ id: UUID, by client: APIClient) async throws -> Int {
    struct Checklist: Decodable {
        struct Item: Decodable { let id: String }
        let items: [Item]
    }
    let checklist = try await client.get("/api/v1/applications/\(id)/acceptance-checklist").decode(Checklist.self)
    var items: [String: JSONBody] = [:]
    for item in checklist.items { items[item.id] = ["verdict": "conforms", "note": "已核对原件"] }
    let answer = try await client.send("POST", "/api/v1/applications/\(id)/transitions",
                                       json: ["event": "accept", "items": .object(items), "idempotencyKey": .string(UUID().uuidString)])
    return answer.status
}
