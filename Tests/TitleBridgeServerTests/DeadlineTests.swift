import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

@Suite("Deadlines the pages enforce — the window, the unit publicity, working days for the bureau's days")
struct DeadlineTests {
    /// The employer records the unit publicity through the page (or the API with `token`), with
    /// or without the confirmation that the file will miss the batch.
    static func publicity(_ app: Application, _ browser: Browser?, token: String? = nil, _ id: UUID, startsOn: String,
                          place: String = "公司内网公告栏", acceptsMissingBatch: Bool) async throws -> (HTTPStatus, String) {
        var result: (HTTPStatus, String) = (.internalServerError, "")
        let path = (token == nil ? "" : "/api/v1") + "/applications/\(id)/publicity"
        try await app.testing().test(.POST, path, beforeRequest: { req in
            var form = Multipart()
            form.fields = ["startsOn": startsOn, "place": place]
            if acceptsMissingBatch { form.fields["acceptsMissingBatch"] = token == nil ? "on" : "true" }
            if let browser {
                browser.prepare(&req)
                form.fields["_csrf"] = browser.csrf
            }
            if let token { req.headers.bearerAuthorization = BearerAuthorization(token: token) }
            form.files["evidence"] = Multipart.FilePart(name: "notice.pdf", data: ReviewFixture.pdf("publicity \(id) \(startsOn)"),
                                                        contentType: "application/pdf")
            form.apply(to: &req)
        }) { res in result = (res.status, res.body.string) }
        return result
    }

    @Test("After the window no file is opened: the start page offers no button and says why, the page and the API post answer 409; an open draft offers no submission",
          arguments: DatabaseEngine.available)
    func startAfterWindow(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-09-10"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            // A draft opened inside the window.
            var holder = try await signInBrowser(app, "applicant1")
            let (opened, stepURL, _) = try await ApplicationFlowTests.post(app, holder, "/applications", [:])
            #expect(opened == .seeOther)
            let draft = try #require(stepURL.flatMap { UUID(uuidString: String($0.split(separator: "/")[1])) })

            // 00:00 after the last day.
            clock.set("2024-09-20", 0)
            let latecomer = try await signInBrowser(app, "applicant2")
            var (status, page) = try await ApplicationFlowTests.get(app, latecomer, "/applications")
            #expect(status == .ok)
            #expect(!page.contains(#"action="/applications""#), "no button to open a file")
            #expect(page.contains("不能再新建"))
            let posted = try await ApplicationFlowTests.post(app, latecomer, "/applications", [:])
            #expect(posted.0 == .conflict)
            #expect(posted.2.contains("不能再新建"))
            #expect(!posted.2.contains(#"action="/applications""#))
            let api = try await signInAPI(app, "applicant2")
            let (apiStatus, apiBody) = try await ReviewFixture.api(app, .POST, "/api/v1/applications", token: api.token)
            #expect(apiStatus == .conflict)
            #expect(apiBody.contains("batch_closed"))
            let applicant2 = try await userID(app, "applicant2")
            #expect(try await ApplicationRecord.query(on: app.db).filter(\.$applicantID == applicant2).count() == 0, "nothing was opened")

            // The draft opened in time: its page says why instead of offering the submission.
            holder = try await signInBrowser(app, "applicant1")
            (status, page) = try await ApplicationFlowTests.get(app, holder, "/applications/\(draft)")
            #expect(status == .ok)
            #expect(!page.contains(#"name="event" value="submit""#))
            #expect(page.contains("不能再参加本批次考核认定"))
            #expect(!page.contains("最迟于"), "no day to submit by is named once the window has closed")
            #expect(page.contains(#"name="event" value="withdraw""#), "withdrawing still works")
        }
    }

    @Test("A publicity that cannot end in the window is refused without the employer's confirmation and recorded with it, on the page and by the API",
          arguments: DatabaseEngine.available)
    func publicityMissingTheWindow(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-08-20"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            let pageFile = try await ReviewFixture.submittedFile(app, "applicant1", creditCode: DemoUnits.enterprise, clock: clock)
            let apiFile = try await ReviewFixture.submittedFile(app, "applicant2", creditCode: DemoUnits.enterprise, clock: clock)
            var employer = try await signInBrowser(app, "employer1")
            for id in [pageFile, apiFile] {
                #expect(try await ReviewFixture.act(app, employer, id, "approve", ReviewFixture.opinion(on: "2024-09-09")).0 == .seeOther)
            }

            // 9/13: a publicity started today ends on 9/20, after the last reporting day.
            clock.set("2024-09-13", 9)
            employer = try await signInBrowser(app, "employer1")
            var (status, page) = try await ApplicationFlowTests.get(app, employer, "/applications/\(pageFile)")
            #expect(page.contains(#"name="acceptsMissingBatch""#), "the form asks for the confirmation")
            #expect(page.contains("须勾选下面的确认后才能登记"), "and says beside it when it is needed")
            let before = try await ReviewFixture.footprint(app, pageFile)
            (status, page) = try await Self.publicity(app, employer, pageFile, startsOn: "2024-09-13", acceptsMissingBatch: false)
            #expect(status == .conflict)
            #expect(page.contains("本件将无法参加本批次考核认定"))
            #expect(try await PublicityRecord.query(on: app.db).filter(\.$applicationID == pageFile).count() == 0)
            #expect(try await ReviewFixture.footprint(app, pageFile) == before, "nothing recorded, nothing told")

            (status, page) = try await Self.publicity(app, employer, pageFile, startsOn: "2024-09-13", acceptsMissingBatch: true)
            #expect(status == .seeOther, "\(page.prefix(300))")
            let recorded = try #require(try await PublicityRecord.query(on: app.db).filter(\.$applicationID == pageFile).first())
            #expect(recorded.endsOn == "2024-09-20")
            let told = try await MessageRecord.query(on: app.db).filter(\.$applicationID == pageFile).filter(\.$titleZh == "单位公示已登记").first()
            #expect(told?.bodyZh.contains("无法参加本批次") == true)
            let audit = try await AuditEventRecord.query(on: app.db).filter(\.$recordID == pageFile.uuidString)
                .filter(\.$action == "application.publicity").first()
            #expect(audit?.afterDigest?.contains("misses the batch") == true)

            // The API takes the same field.
            let token = try await signInAPI(app, "employer1").token
            (status, page) = try await Self.publicity(app, nil, token: token, apiFile, startsOn: "2024-09-13", acceptsMissingBatch: false)
            #expect(status == .conflict)
            #expect(page.contains("publicity_misses_batch"))
            (status, page) = try await Self.publicity(app, nil, token: token, apiFile, startsOn: "2024-09-13", acceptsMissingBatch: true)
            #expect(status == .ok, "\(page.prefix(300))")
            let answer = try ReviewFixture.decode(ApplicationController.ApplicationAnswer.self, page)
            #expect(answer.publicity?.fitsWindow == false)
        }
    }

    @Test("The supplement's due day defaults to a working day and a holiday is refused with the reason", arguments: DatabaseEngine.available)
    func supplementDueDay(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-08-20"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            let id = try await AcceptanceTests.reportedFile(app, "applicant1", clock: clock)
            // Monday 9/23: ten days on is 10/3, inside the National Day holiday.
            clock.set("2024-09-23", 10)
            let (bureau, ids) = try await AcceptanceTests.bureauChecklist(app, id)
            let page = try await ApplicationFlowTests.get(app, bureau, "/applications/\(id)").1
            let offered = try #require(formValue("supplementDue", in: page).flatMap { LocalDate(iso: $0) })
            #expect(app.domain.calendar.isWorkingDay(offered).value, "the default \(offered.iso) is a working day")
            #expect(offered.iso == "2024-10-11", "ten working days after Monday 23 September")

            var fields = AcceptanceTests.verdicts(ids, flagged: ["upload:workProof": "missing"])
            fields["supplementDue"] = "2024-10-03"
            let before = try await ReviewFixture.footprint(app, id)
            var (status, body) = try await ReviewFixture.act(app, bureau, id, "requestSupplement", fields)
            #expect(status == .badRequest)
            #expect(body.contains("国庆节"))
            #expect(body.contains("不是工作日"))
            #expect(try await SupplementRecord.query(on: app.db).count() == 0)
            #expect(try await ReviewFixture.footprint(app, id) == before)

            // Saturday 12 October is a working day (调休): accepted.
            fields["supplementDue"] = "2024-10-12"
            (status, body) = try await ReviewFixture.act(app, bureau, id, "requestSupplement", fields)
            #expect(status == .seeOther, "\(body.prefix(300))")
            #expect(try await SupplementRecord.query(on: app.db).first()?.dueOn == "2024-10-12")
        }
    }

    @Test("The paper-file day: a holiday is refused; a new day says it replaces the earlier one, to the applicants and on the page, whose form opens with the time in force",
          arguments: DatabaseEngine.available)
    func paperDay(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-08-20"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            let id = try await AcceptanceTests.reportedFile(app, "applicant1", clock: clock)
            let (bureau, ids) = try await AcceptanceTests.bureauChecklist(app, id)
            #expect(try await ReviewFixture.act(app, bureau, id, "accept", AcceptanceTests.verdicts(ids)).0 == .seeOther)
            let place = "上海市人才服务中心（梅园路77号）一楼"

            var (status, _, page) = try await ApplicationFlowTests.post(app, bureau, "/acceptance/paper/schedule", [
                "day": "2024-10-01", "from": "09:00", "until": "16:30", "place": place])
            #expect(status == .badRequest)
            #expect(page.contains("国庆节"))
            #expect(try await PaperScheduleRecord.query(on: app.db).count() == 0)

            (status, _, page) = try await ApplicationFlowTests.post(app, bureau, "/acceptance/paper/schedule", [
                "day": "2024-09-27", "from": "09:00", "until": "16:30", "place": place])
            #expect(status == .seeOther)
            (status, page) = try await ApplicationFlowTests.get(app, bureau, "/acceptance/paper")
            #expect(page.contains(#"name="day" value="2024-09-27""#), "the form opens with the day in force")
            #expect(page.contains(#"name="from" value="09:00""#) && page.contains(#"name="until" value="16:30""#))
            #expect(page.contains(#"name="place" value="\#(place)""#))
            #expect(!page.contains("此时间替换了此前通知的时间"), "set once, it replaces nothing")

            // Moved to Monday 30 September.
            (status, _, page) = try await ApplicationFlowTests.post(app, bureau, "/acceptance/paper/schedule", [
                "day": "2024-09-30", "from": "09:30", "until": "11:30", "place": place])
            #expect(status == .seeOther)
            let applicant = try await userID(app, "applicant1")
            let moved = try await MessageRecord.query(on: app.db).filter(\.$userID == applicant)
                .filter(\.$titleZh == "纸质材料报送时间已调整").all()
            #expect(moved.count == 1, "the applicant is told once that the time has changed")
            let latest = try #require(moved.first)
            #expect(latest.bodyZh.contains("替换此前通知的时间"))
            #expect(latest.bodyZh.contains("9月27日"), "the earlier time is named")
            #expect(latest.bodyZh.contains("9月30日"))
            #expect(latest.bodyEn.contains("replaces the earlier one"))
            (status, page) = try await ApplicationFlowTests.get(app, bureau, "/acceptance/paper")
            #expect(page.contains("此时间替换了此前通知的时间"))
            #expect(page.contains(#"name="day" value="2024-09-30""#))
            #expect(page.contains(#"name="from" value="09:30""#))
        }
    }
}
