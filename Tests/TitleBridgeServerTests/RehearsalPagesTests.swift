import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

@Suite("Rehearsal clock — banner, header, simulated audit instants, no going back")
struct RehearsalPagesTests {
    static func rehearsal(_ text: String) throws -> RehearsalClock {
        RehearsalClock(startingAt: try #require(RehearsalClock.instant(from: text)))
    }

    @Test("Every page says the clock is simulated and what time it shows; the API answers say so in a header",
          arguments: DatabaseEngine.available)
    func bannerAndHeader(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, clock: try Self.rehearsal("2024-09-10T09:00:00+08:00"), demo: true) { app in
            try await app.testing().test(.GET, "/") { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains(#"class="rehearsal-banner""#))
                #expect(res.body.string.contains("演练模式"))
                #expect(res.body.string.contains("现在是北京时间 2024-09-10 09:0"))
                #expect(res.headers.first(name: RehearsalClockMiddleware.header)?.hasPrefix("simulated; now=2024-09-10T09:0") == true)
            }
            try await app.testing().test(.GET, "/?lang=en") { res in
                #expect(res.body.string.contains("Rehearsal: this system runs on a simulated clock; it is now 2024-09-10 09:0"))
            }
            try await app.testing().test(.GET, "/healthz") { res in
                #expect(res.headers.first(name: RehearsalClockMiddleware.header)?.hasPrefix("simulated; now=2024-09-10T09:0") == true)
            }
            // What the procedure saw is what the audit log keeps: a sign-in now is a row of 2024-09-10.
            let before = try await AuditEventRecord.query(on: app.db).count()
            _ = try await signInAPI(app, "applicant1")
            let rows = try await AuditEventRecord.query(on: app.db).sort(\.$id, .descending).all()
            #expect(rows.count > before, "a sign-in writes an audit row")
            #expect(rows.first?.at.hasPrefix("2024-09-10T01:0") == true, "audit instant \(rows.first?.at ?? "-") is not the simulated one")
        }
    }

    @Test("Without a rehearsal clock there is no banner and no header", arguments: DatabaseEngine.available)
    func noBanner(engine: DatabaseEngine) async throws {
        try await withTestApp(engine) { app in
            try await app.testing().test(.GET, "/") { res in
                #expect(res.status == .ok)
                #expect(!res.body.string.contains("rehearsal-banner"))
                #expect(res.headers.first(name: RehearsalClockMiddleware.header) == nil)
            }
        }
    }

    @Test("A restart earlier than the newest stored event is refused naming both instants; a later one starts",
          arguments: DatabaseEngine.available)
    func noGoingBack(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, clock: try Self.rehearsal("2024-09-19T10:00:00+08:00"), demo: true) { app in
            _ = try await signInAPI(app, "bureau1")
            let newest = try #require(try await RehearsalStart.newestEvent(on: app.db))
            #expect(ShanghaiTime.clockText(newest).hasPrefix("2024-09-19 10:0"))

            try await withSecondInstance(of: app, clock: try Self.rehearsal("2024-09-10T09:00:00+08:00")) { earlier in
                do {
                    try await prepareDatabase(earlier, demo: true)
                    Issue.record("a rehearsal earlier than the stored events started")
                } catch let refusal as RehearsalStart.Refused {
                    #expect(refusal.description.contains("2024-09-10 09:00"))
                    #expect(refusal.description.contains(ShanghaiTime.clockText(newest)))
                    #expect(refusal.description.contains("cannot go back"))
                }
            }
            try await withSecondInstance(of: app, clock: try Self.rehearsal("2024-09-19T10:30:00+08:00")) { later in
                try await prepareDatabase(later, demo: true)
            }
            // The real clock is never refused: it is not a rehearsal.
            try await withSecondInstance(of: app, clock: SystemClock()) { real in
                try await prepareDatabase(real, demo: true)
            }
        }
    }
}
