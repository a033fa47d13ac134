import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

@Suite("Stage changes by reviewers go through the same transition endpoint")
struct EmployerReviewTests {
    static func transition(_ app: Application, _ browser: Browser, _ id: UUID, _ event: String, reason: String? = nil,
                           fields extra: [String: String] = [:]) async throws -> HTTPStatus {
        var fields = extra.merging(["event": event, "idempotencyKey": UUID().uuidString]) { $1 }
        if let reason { fields["reason"] = reason }
        return try await ApplicationFlowTests.post(app, browser, "/applications/\(id)/transitions", fields).0
    }

    @Test("Return needs a reason and reopens the draft; an enterprise file goes straight to publicity", arguments: DatabaseEngine.available)
    func enterprise(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let id = try await UnitApplicationsTests.file(app, "applicant1", creditCode: DemoUnits.enterprise, stage: .employerReview)
            let employer = try await signInBrowser(app, "employer1")
            let stranger = try await signInBrowser(app, "employer2")
            for event in ["approve", "returnToApplicant"] {
                #expect(try await Self.transition(app, stranger, id, event, reason: "x") == .notFound, "other unit: \(event)")
            }
            #expect(try await Self.transition(app, employer, id, "returnToApplicant") == .conflict)
            #expect(try await Self.transition(app, employer, id, "returnToApplicant", reason: "工作证明缺少单位盖章") == .seeOther)
            #expect(try await ApplicationRecord.find(id, on: app.db)?.currentStage == .draft)
            let message = try await MessageRecord.query(on: app.db).filter(\.$applicationID == id).first()
            #expect(message?.bodyZh.contains("工作证明缺少单位盖章") == true, "the applicant is told why")

            // Back with the employer (as after a resubmission), approval skips the supervising department.
            try await ApplicationRecord.query(on: app.db).filter(\.$id == id).set(\.$stage, to: Stage.employerReview.rawValue).update()
            let today = app.domain.clock.today().iso
            #expect(try await Self.transition(app, employer, id, "approve", fields: ReviewFixture.opinion(on: today)) == .seeOther)
            #expect(try await ApplicationRecord.find(id, on: app.db)?.currentStage == .unitPublicity)
        }
    }

    @Test("A public-institution file cannot reach publicity without its supervising department", arguments: DatabaseEngine.available)
    func publicInstitution(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let id = try await UnitApplicationsTests.file(app, "applicant2", creditCode: DemoUnits.institution, stage: .employerReview)
            let employer = try await signInBrowser(app, "employer2")
            let today = app.domain.clock.today().iso
            #expect(try await Self.transition(app, employer, id, "approve", fields: ReviewFixture.opinion(on: today)) == .seeOther)
            #expect(try await ApplicationRecord.find(id, on: app.db)?.currentStage == .supervisorReview)
            // The employer cannot confirm the post for the department.
            #expect(try await Self.transition(app, employer, id, "confirmPost") == .forbidden)
            let supervisor = try await signInBrowser(app, "supervisor1")
            #expect(try await Self.transition(app, supervisor, id, "confirmPost") == .badRequest, "the post situation must be confirmed")
            #expect(try await Self.transition(app, supervisor, id, "confirmPost", fields: [
                "post[withinQuota]": "on", "post[consentsOneLevelUp]": "on", "post[reviewer]": "刘处长"]) == .seeOther)
            #expect(try await ApplicationRecord.find(id, on: app.db)?.currentStage == .unitPublicity)
            let actions = try await AuditEventRecord.query(on: app.db).filter(\.$recordID == id.uuidString).sort(\.$id).all()
            #expect(actions.map(\.action) == ["application.approve", "application.confirmPost"])
            #expect(actions.map(\.actorName) == ["employer2", "supervisor1"])
        }
    }
}
