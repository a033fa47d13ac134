import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

/// The result publicity and the certificate have no records or pages yet: their events are
/// refused and never offered, so no file can reach a stage nobody runs. The committee's events
/// move a file only through the committee's desk, never through the file's generic stage change.
@Suite("Steps not built yet are closed; the committee's steps only through its desk (四(六), 四(七))")
struct ClosedStepsTests {
    @Test("An accepted file cannot be scheduled through the generic stage change: only the committee's desk places it, nothing is written",
          arguments: DatabaseEngine.available)
    func interviewIsClosed(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, clock: SystemClock(), demoFiles: true) { app in
            let accepted = try #require(try await ApplicationRecord.query(on: app.db)
                .filter(\.$stage == Stage.accepted.rawValue).first())
            let id = try accepted.requireID()
            let before = try await ReviewFixture.footprint(app, id)

            // The committee's secretary is the actor of scheduling in the table; the desk refuses
            // before asking it, so nobody reaches the stage.
            let secretary = Principal(userID: try await userID(app, "secretary1"), username: "secretary1", displayName: "秘书",
                                      roles: [.secretary], organisationID: nil, sessionID: UUID(), sessionKind: .api,
                                      csrfToken: "", unreadMessages: 0)
            let refusal = await #expect(throws: APIProblem.self) {
                _ = try await ApplicationDesk(app: app, database: app.db).transition(accepted, event: .scheduleInterview, reason: nil,
                                                                                     idempotencyKey: nil, by: secretary)
            }
            #expect(refusal?.status == .conflict)
            #expect(refusal?.code == "committee_desk")
            #expect(refusal?.message.zh.contains("认定委员会的页面") == true && refusal?.message.en.contains("committee's pages") == true)
            #expect(try await ReviewFixture.footprint(app, id) == before, "nothing changed")
            #expect(try await ApplicationRecord.find(id, on: app.db)?.currentStage == .accepted)
        }
    }

    @Test("Every event the table knows is either open or belongs to one of the four steps still to come")
    func closedEventsAreTheCommitteeAndAfter() {
        #expect(ClosedSteps.events == [.upholdObjection, .certify, .revoke])
        #expect(CommitteeSteps.events == [.scheduleInterview, .recordInterview, .recordPass, .recordFail])
        for row in TransitionTable.rows where ClosedSteps.events.union(CommitteeSteps.events).contains(row.event) {
            #expect(row.from.isFrozen, "\(row.event) starts after acceptance")
        }
    }
}
