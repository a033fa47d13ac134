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

    /// The first `yyyy-MM-dd HH:mm` after `marker` in `text`, as an instant in Shanghai.
    static func shownTime(after marker: String, in text: String) -> Date? {
        guard let range = text.range(of: marker) else { return nil }
        return RehearsalClock.instant(from: String(text[range.upperBound...].prefix(16)))
    }

    /// The clock runs on in real time, so a slow machine may show a later minute than the start:
    /// what is shown lies between the start's minute and the clock's now.
    static func expectWithin(_ shown: Date?, _ clock: RehearsalClock, _ what: String) {
        guard let shown else { Issue.record("\(what): no time shown"); return }
        #expect(shown >= clock.start.addingTimeInterval(-60) && shown <= clock.now(), "\(what): \(ShanghaiTime.clockText(shown))")
    }

    @Test("Every page says the clock is simulated and what time it shows; the API answers say so in a header",
          arguments: DatabaseEngine.available)
    func bannerAndHeader(engine: DatabaseEngine) async throws {
        let clock = try Self.rehearsal("2024-09-10T09:00:00+08:00")
        try await withTestApp(engine, clock: clock, demo: true) { app in
            try await app.testing().test(.GET, "/") { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains(#"class="rehearsal-banner""#))
                #expect(res.body.string.contains("演练模式"))
                Self.expectWithin(Self.shownTime(after: "现在是北京时间 ", in: res.body.string), clock, "Chinese banner")
                let header = res.headers.first(name: RehearsalClockMiddleware.header)
                #expect(header?.hasPrefix("simulated; now=2024-09-10T") == true)
                Self.expectWithin(header.flatMap { RehearsalClock.instant(from: String($0.dropFirst("simulated; now=".count))) },
                                  clock, "header")
            }
            try await app.testing().test(.GET, "/?lang=en") { res in
                #expect(res.body.string.contains("Rehearsal: this system runs on a simulated clock; it is now 2024-09-10 "))
                Self.expectWithin(Self.shownTime(after: "it is now ", in: res.body.string), clock, "English banner")
            }
            try await app.testing().test(.GET, "/healthz") { res in
                #expect(res.headers.first(name: RehearsalClockMiddleware.header)?.hasPrefix("simulated; now=2024-09-10T") == true)
            }
            // What the procedure saw is what the audit log keeps: a sign-in now is a row of the simulated day.
            let before = try await AuditEventRecord.query(on: app.db).count()
            _ = try await signInAPI(app, "applicant1")
            let rows = try await AuditEventRecord.query(on: app.db).sort(\.$id, .descending).all()
            #expect(rows.count > before, "a sign-in writes an audit row")
            Self.expectWithin(try await RehearsalStart.newestEvent(on: app.db), clock, "newest audit row")
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
        let clock = try Self.rehearsal("2024-09-19T10:00:00+08:00")
        try await withTestApp(engine, clock: clock, demo: true) { app in
            _ = try await signInAPI(app, "bureau1")
            let newest = try #require(try await RehearsalStart.newestEvent(on: app.db))
            Self.expectWithin(newest, clock, "the sign-in's audit row")

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
            try await withSecondInstance(of: app, clock: RehearsalClock(startingAt: newest.addingTimeInterval(1))) { later in
                try await prepareDatabase(later, demo: true)
            }
            // The real clock is never refused: it is not a rehearsal.
            try await withSecondInstance(of: app, clock: SystemClock()) { real in
                try await prepareDatabase(real, demo: true)
            }
        }
    }
}
