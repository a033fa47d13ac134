import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

@Suite("单位审核 — a unit sees its own submitted files only")
struct UnitApplicationsTests {
    /// A file of `username` at `stage`, employed by the unit with `creditCode`.
    static func file(_ app: Application, _ username: String, creditCode: String, stage: Stage) async throws -> UUID {
        let record = ApplicationRecord()
        record.applicantID = try await userID(app, username)
        record.batchID = app.domain.currentBatchID
        record.stage = stage.rawValue
        record.version = 1
        record.employerID = try await organisationID(app, creditCode: creditCode)
        record.contentJSON = try ApplicationRecord.encode(ApplicationContent())
        record.submittedAt = stage == .draft ? nil : app.domain.clock.now()
        record.createdAt = app.domain.clock.now()
        record.updatedAt = app.domain.clock.now()
        try await record.create(on: app.db)
        return try record.requireID()
    }

    @Test("Employer, other employer, supervising department: each sees exactly its scope", arguments: DatabaseEngine.available)
    func scope(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let enterpriseFile = try await Self.file(app, "applicant1", creditCode: DemoUnits.enterprise, stage: .employerReview)
            let institutionFile = try await Self.file(app, "applicant2", creditCode: DemoUnits.institution, stage: .supervisorReview)
            let expectations: [(String, Set<UUID>)] = [
                ("employer1", [enterpriseFile]), ("employer2", [institutionFile]), ("supervisor1", [institutionFile]),
            ]
            for (username, visible) in expectations {
                let browser = try await signInBrowser(app, username)
                let (status, page) = try await ApplicationFlowTests.get(app, browser, "/unit-applications")
                #expect(status == .ok)
                for id in [enterpriseFile, institutionFile] {
                    #expect(page.contains(id.uuidString) == visible.contains(id), "\(username) and \(id)")
                    let (fileStatus, _) = try await ApplicationFlowTests.get(app, browser, "/applications/\(id)")
                    #expect(fileStatus == (visible.contains(id) ? .ok : .notFound), "\(username) opening \(id)")
                }
            }
            // The list is grouped by stage, with how many files wait at each.
            #expect(try await ApplicationFlowTests.get(app, try await signInBrowser(app, "employer1"), "/unit-applications").1.contains("单位审核中（1）"))
            #expect(try await ApplicationFlowTests.get(app, try await signInBrowser(app, "supervisor1"), "/unit-applications").1
                .contains("主管部门审核中（1）"))
            // A draft stays the applicant's own.
            _ = try await OperatorTasks.createUser(on: app, username: "zhou.min", displayName: "周敏", password: "Zhou-min-2024",
                                                   roles: [.applicant], organisationCreditCode: nil)
            let draft = try await Self.file(app, "zhou.min", creditCode: DemoUnits.enterprise, stage: .draft)
            let employer = try await signInBrowser(app, "employer1")
            #expect(!(try await ApplicationFlowTests.get(app, employer, "/unit-applications").1.contains(draft.uuidString)))
        }
    }
}
