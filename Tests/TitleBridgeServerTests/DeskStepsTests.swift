import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

/// The committee's events, the upheld objection, issuing and revoking move a file only through
/// their desks, never through the file's generic stage change.
@Suite("The steps after acceptance only through their desks (四(六), 四(七), 四(八))")
struct DeskStepsTests {
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

    @Test("A certified file cannot be revoked through the generic stage change, nor anything else of the results: only their desks do it",
          arguments: DatabaseEngine.available)
    func resultsOnlyThroughTheDesk(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, clock: SystemClock(), demoFiles: true) { app in
            let listed = try #require(try await ApplicationRecord.query(on: app.db)
                .filter(\.$stage == Stage.certified.rawValue).first())
            let id = try listed.requireID()
            let before = try await ReviewFixture.footprint(app, id)
            let bureau = Principal(userID: try await userID(app, "bureau1"), username: "bureau1", displayName: "人社局",
                                   roles: [.bureau], organisationID: nil, sessionID: UUID(), sessionKind: .api,
                                   csrfToken: "", unreadMessages: 0)
            for event in [StageEvent.revoke, .certify, .upholdObjection] {
                let refusal = await #expect(throws: APIProblem.self) {
                    _ = try await ApplicationDesk(app: app, database: app.db).transition(listed, event: event, reason: "理由理由理由",
                                                                                         idempotencyKey: nil, by: bureau)
                }
                #expect(refusal?.code == "results_desk")
            }
            #expect(try await ReviewFixture.footprint(app, id) == before, "nothing changed")
        }
    }

    @Test("Every event after acceptance belongs to a desk")
    func eventsAfterAcceptanceBelongToDesks() {
        #expect(DeskSteps.events == [.scheduleInterview, .recordInterview, .recordPass, .recordFail, .upholdObjection, .certify, .revoke])
        for row in TransitionTable.rows {
            #expect(row.from.isFrozen == DeskSteps.events.contains(row.event), "\(row.event) starts after acceptance exactly when a desk moves it")
        }
    }
}
