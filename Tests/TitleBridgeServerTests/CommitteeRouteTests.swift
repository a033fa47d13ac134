import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

/// 四: only 中级 and 副高级 go through the committee's procedure, and a draft is told the last
/// day its employer can still review and publicise it inside the window.
@Suite("The committee's route: no 初级 applications, the last useful day to submit (四, 四(四))")
struct CommitteeRouteTests {
    struct TargetSave: Encodable {
        let version: Int
        let targetSeriesLevel: String
        let attest = true
    }

    @Test("初级 cannot be chosen, saved or submitted; the target step points to the employer's appointment",
          arguments: DatabaseEngine.available)
    func juniorIsNotApplied(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-08-20"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            let id = try await ReviewFixture.submittedFile(app, "applicant1", creditCode: DemoUnits.enterprise, clock: clock)
            // Back to the applicant, to change the title.
            let employer = try await signInBrowser(app, "employer1")
            #expect(try await ReviewFixture.act(app, employer, id, "returnToApplicant", ["reason": "请核对申报层级"]).0 == .seeOther)

            let api = try await signInAPI(app, "applicant1")
            let version = try #require(try await ApplicationRecord.find(id, on: app.db)).version
            let before = try await ReviewFixture.footprint(app, id)
            let (status, body) = try await ReviewFixture.api(app, .PUT, "/api/v1/applications/\(id)/steps/target", token: api.token,
                                                           json: TargetSave(version: version, targetSeriesLevel: "accounting.junior"))
            #expect(status == .badRequest)
            let problem = try ReviewFixture.decode(ErrorPageMiddleware.APIError.self, body)
            #expect(problem.error.code == "not_committee_level")
            #expect(problem.error.message.zh.contains("用人单位按规定聘任") && problem.error.message.zh.contains("（四）"))
            #expect(try await ReviewFixture.footprint(app, id) == before, "nothing stored")

            // The page shows 初级 as a pointer, never as a choice.
            let applicant = try await signInBrowser(app, "applicant1")
            let (_, page) = try await ApplicationFlowTests.get(app, applicant, "/applications/\(id)/steps/target")
            let junior = try #require(page.components(separatedBy: "value=\"accounting.junior\"").dropFirst().first)
            #expect(junior.prefix(40).contains("disabled"))
            #expect(junior.contains("初级职称由所在单位按规定聘任"))

            // A junior target stored before this rule existed is refused at submission.
            let record = try #require(try await ApplicationRecord.find(id, on: app.db))
            var content = try record.content
            content.target = ApplicantProfile.Title(series: .accounting, level: .junior)
            record.contentJSON = try ApplicationRecord.encode(content)
            try await record.save(on: app.db)
            let (refused, text) = try await ReviewFixture.act(app, applicant, id, "submit")
            #expect(refused == .conflict)
            #expect(text.contains("只受理中级、副高级职称的申报"))
            #expect(try await ApplicationRecord.find(id, on: app.db)?.currentStage == .draft)
        }
    }

    @Test("A draft names the last useful day to submit; a later submission carries a warning on the page and in the API",
          arguments: DatabaseEngine.available)
    func lastUsefulDay(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-08-20"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            // The enterprise's last useful day is the latest publicity start, 9/12 (Mid-Autumn 9/15–17 skipped).
            let id = try await ReviewFixture.submittedFile(app, "applicant1", creditCode: DemoUnits.enterprise, clock: clock,
                                                           submitOn: "2024-09-13")
            let api = try await signInAPI(app, "applicant1")
            var (_, body) = try await ReviewFixture.api(app, .GET, "/api/v1/applications/\(id)", token: api.token)
            var answer = try ReviewFixture.decode(ApplicationController.ApplicationAnswer.self, body)
            #expect(answer.stage == .employerReview)
            #expect(answer.warning?.zh.contains("提交所在单位审核的最后有效日为2024年9月12日") == true)
            #expect(answer.warning?.en.contains("12 September 2024") == true || answer.warning?.en.contains("September 12, 2024") == true)
            let applicant = try await signInBrowser(app, "applicant1")
            var (_, page) = try await ApplicationFlowTests.get(app, applicant, "/applications/\(id)")
            #expect(page.contains("最后有效日为2024年9月12日"))

            // A public institution's staff submit a working day earlier: the department confirms first.
            let early = try await ReviewFixture.submittedFile(app, "applicant2", creditCode: DemoUnits.institution, clock: clock,
                                                              submitOn: "2024-09-11")
            let api2 = try await signInAPI(app, "applicant2")
            (_, body) = try await ReviewFixture.api(app, .GET, "/api/v1/applications/\(early)", token: api2.token)
            answer = try ReviewFixture.decode(ApplicationController.ApplicationAnswer.self, body)
            #expect(answer.warning == nil, "9/11 is the institution's last useful day")

            // Returned to draft, the file names the day instead of the window's last day.
            let employer = try await signInBrowser(app, "employer2")
            #expect(try await ReviewFixture.act(app, employer, early, "returnToApplicant", ["reason": "请补充工作证明"]).0 == .seeOther)
            (_, body) = try await ReviewFixture.api(app, .GET, "/api/v1/applications/\(early)", token: api2.token)
            answer = try ReviewFixture.decode(ApplicationController.ApplicationAnswer.self, body)
            #expect(answer.submitBy?.iso == "2024-09-11")
            #expect(answer.next?.zh.contains("最迟于2024年9月11日提交所在单位审核") == true)
            #expect(answer.warning == nil)
            let applicant2 = try await signInBrowser(app, "applicant2")
            (_, page) = try await ApplicationFlowTests.get(app, applicant2, "/applications/\(early)")
            #expect(page.contains("最迟于2024年9月11日提交所在单位审核"))

            // Still a draft after that day: warned before submitting, not only after.
            clock.set("2024-09-13", 9)
            let late = try await signInAPI(app, "applicant2")
            (_, body) = try await ReviewFixture.api(app, .GET, "/api/v1/applications/\(early)", token: late.token)
            answer = try ReviewFixture.decode(ApplicationController.ApplicationAnswer.self, body)
            #expect(answer.warning?.zh.contains("最后有效日为2024年9月11日") == true)
        }
    }
}
