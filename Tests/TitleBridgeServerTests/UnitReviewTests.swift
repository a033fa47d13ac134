import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

@Suite("单位审核、申报公示与上报 — 四(三)(四)")
struct UnitReviewTests {
    @Test("The employer returns with a reason, the applicant edits and submits again, the employer approves with its opinion",
          arguments: DatabaseEngine.available)
    func returnAndApprove(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-08-20"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            let id = try await ReviewFixture.submittedFile(app, "applicant1", creditCode: DemoUnits.enterprise, clock: clock)
            let employer = try await signInBrowser(app, "employer1")
            var (status, page) = try await ApplicationFlowTests.get(app, employer, "/applications/\(id)")
            #expect(status == .ok)
            #expect(page.contains("name=\"opinion[agrees]\""), "the opinion form is offered")

            (status, page) = try await ReviewFixture.act(app, employer, id, "returnToApplicant", ["reason": "工作证明缺少单位盖章"])
            #expect(status == .seeOther)
            #expect(try await ApplicationRecord.find(id, on: app.db)?.currentStage == .draft)

            // The applicant edits and submits again; the return stays in the history.
            let applicant = try await signInBrowser(app, "applicant1")
            (status, page) = try await ApplicationFlowTests.save(app, applicant, id, .summary, ["summary": String(repeating: "绩", count: 3100)])
            #expect(status == .seeOther)
            (status, page) = try await ReviewFixture.act(app, applicant, id, "submit")
            #expect(status == .seeOther)
            (_, page) = try await ApplicationFlowTests.get(app, applicant, "/applications/\(id)")
            #expect(page.contains("办理记录"))
            #expect(page.contains("工作证明缺少单位盖章"))

            // An opinion that does not agree is no approval: refused, nothing changed.
            let before = try await ReviewFixture.footprint(app, id)
            (status, page) = try await ReviewFixture.act(app, employer, id, "approve", ReviewFixture.opinion(on: "2024-09-09", agrees: false))
            #expect(status == .badRequest)
            #expect(page.contains("核实意见须确认同意申报"))
            // A review day in the future is refused too.
            (status, page) = try await ReviewFixture.act(app, employer, id, "approve", ReviewFixture.opinion(on: "2024-09-10"))
            #expect(status == .badRequest)
            #expect(try await ReviewFixture.footprint(app, id) == before)

            (status, page) = try await ReviewFixture.act(app, employer, id, "approve", ReviewFixture.opinion(on: "2024-09-09", reviewer: "王经理"))
            #expect(status == .seeOther)
            #expect(try await ApplicationRecord.find(id, on: app.db)?.currentStage == .unitPublicity, "an enterprise skips the department")

            // The applicant is told at each step and reads the whole history by page and API.
            let messages = try await MessageRecord.query(on: app.db).filter(\.$applicationID == id).sort(\.$createdAt).all()
            #expect(messages.map(\.titleZh) == ["申报状态：单位审核中", "申报状态：填报中", "申报状态：单位审核中", "申报状态：单位公示"])
            #expect(messages[1].bodyZh.contains("工作证明缺少单位盖章"))
            let api = try await signInAPI(app, "applicant1")
            let (apiStatus, body) = try await ReviewFixture.api(app, .GET, "/api/v1/applications/\(id)", token: api.token)
            #expect(apiStatus == .ok)
            let answer = try ReviewFixture.decode(ApplicationController.ApplicationAnswer.self, body)
            #expect(answer.history.map(\.event) == ["submit", "returnToApplicant", "submit", "approve"])
            #expect(answer.history[1].reason == "工作证明缺少单位盖章")
            #expect(answer.history[3].opinion?.reviewer == "王经理")
            #expect(answer.history[3].opinion?.agrees == true)
        }
    }

    @Test("An employer of another unit gets 404 for every action, and nothing changes", arguments: DatabaseEngine.available)
    func otherUnit(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-08-20"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            let id = try await ReviewFixture.submittedFile(app, "applicant1", creditCode: DemoUnits.enterprise, clock: clock)
            let applicant = try await signInBrowser(app, "applicant1")
            let stranger = try await signInBrowser(app, "employer2")
            let before = try await ReviewFixture.footprint(app, id)
            #expect(try await ApplicationFlowTests.get(app, stranger, "/applications/\(id)").0 == .notFound)
            #expect(try await ApplicationFlowTests.get(app, stranger, "/applications/\(id)/form.pdf").0 == .notFound)
            for (event, fields) in [("approve", ReviewFixture.opinion(on: "2024-09-09")), ("returnToApplicant", ["reason": "x"]),
                                    ("confirmPost", ["post[withinQuota]": "on", "post[consentsOneLevelUp]": "on", "post[reviewer]": "x"])] {
                #expect(try await ReviewFixture.act(app, stranger, id, event, fields).0 == .notFound, "page: \(event)")
            }
            #expect(try await ReviewFixture.publicity(app, stranger, id, startsOn: "2024-09-09").0 == .notFound)
            #expect(try await ApplicationUploadTests.upload(app, stranger, id, kind: "unitOpinion", data: ReviewFixture.pdf("u"), name: "u.pdf").0 == .notFound)
            let api = try await signInAPI(app, "employer2")
            struct Approve: Encodable { let event = "approve"; let opinion = ["dutiesPerformed": "true", "materialsTrue": "true", "agrees": "true", "reviewer": "x", "reviewedOn": "2024-09-09"] }
            for (method, path) in [(HTTPMethod.GET, "/api/v1/applications/\(id)"), (.GET, "/api/v1/applications/\(id)/form.pdf")] {
                #expect(try await ReviewFixture.api(app, method, path, token: api.token).0 == .notFound, "API \(path)")
            }
            #expect(try await ReviewFixture.api(app, .POST, "/api/v1/applications/\(id)/transitions", token: api.token, json: Approve()).0 == .notFound)
            #expect(try await ReviewFixture.publicity(app, nil, token: api.token, id, startsOn: "2024-09-09").0 == .notFound)
            let (_, list) = try await ReviewFixture.api(app, .GET, "/api/v1/applications", token: api.token)
            #expect(!list.contains(id.uuidString))
            #expect(try await ReviewFixture.footprint(app, id) == before, "nothing changed")

            // The file's own employer moves it; the stranger still cannot see its attachments.
            let employer = try await signInBrowser(app, "employer1")
            #expect(try await ReviewFixture.act(app, employer, id, "approve", ReviewFixture.opinion(on: "2024-09-09")).0 == .seeOther)
            #expect(try await ReviewFixture.publicity(app, employer, id, startsOn: "2024-09-10").0 == .seeOther)
            let evidence = try #require(try await PublicityRecord.query(on: app.db).filter(\.$applicationID == id).first()).evidenceFileID
            #expect(try await ApplicationFlowTests.get(app, stranger, "/files/\(evidence)").0 == .notFound)
            #expect(try await ApplicationFlowTests.get(app, applicant, "/files/\(evidence)").0 == .ok, "the applicant sees its unit's evidence")
        }
    }

    @Test("A public-institution file reaches publicity only through its supervising department; an enterprise file never asks",
          arguments: DatabaseEngine.available)
    func supervisingDepartment(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-08-20"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            let institutionFile = try await ReviewFixture.submittedFile(app, "applicant2", creditCode: DemoUnits.institution, clock: clock)
            let enterpriseFile = try await ReviewFixture.submittedFile(app, "applicant1", creditCode: DemoUnits.enterprise, clock: clock)
            let unitEmployer = try await signInBrowser(app, "employer2")
            #expect(try await ReviewFixture.act(app, unitEmployer, institutionFile, "approve", ReviewFixture.opinion(on: "2024-09-09")).0 == .seeOther)
            #expect(try await ApplicationRecord.find(institutionFile, on: app.db)?.currentStage == .supervisorReview)
            // No publicity, no reporting before the department has confirmed.
            let (publicityStatus, publicityPage) = try await ReviewFixture.publicity(app, unitEmployer, institutionFile, startsOn: "2024-09-09")
            #expect(publicityStatus == .conflict)
            #expect(publicityPage.contains("不能登记单位公示"))
            let applicant2 = try await signInBrowser(app, "applicant2")
            #expect(try await ReviewFixture.act(app, applicant2, institutionFile, "report").0 == .conflict)
            #expect(try await ReviewFixture.act(app, unitEmployer, institutionFile, "confirmPost",
                                                ["post[withinQuota]": "on", "post[consentsOneLevelUp]": "on", "post[reviewer]": "x"]).0 == .forbidden)

            let supervisor = try await signInBrowser(app, "supervisor1")
            var (status, page) = try await ApplicationFlowTests.get(app, supervisor, "/applications/\(institutionFile)")
            #expect(page.contains("name=\"post[withinQuota]\""))
            (status, page) = try await ReviewFixture.act(app, supervisor, institutionFile, "confirmPost", ["post[withinQuota]": "on", "post[reviewer]": "刘处长"])
            #expect(status == .badRequest)
            #expect(page.contains("同意其在现有职称基础上申请高一级职称"))
            (status, page) = try await ReviewFixture.act(app, supervisor, institutionFile, "confirmPost",
                                                         ["post[withinQuota]": "on", "post[consentsOneLevelUp]": "on", "post[reviewer]": "刘处长"])
            #expect(status == .seeOther)
            #expect(try await ApplicationRecord.find(institutionFile, on: app.db)?.currentStage == .unitPublicity)
            (_, page) = try await ApplicationFlowTests.get(app, applicant2, "/applications/\(institutionFile)")
            #expect(page.contains("刘处长"))
            #expect(page.contains("岗位在专业技术岗位数量和结构比例内"))

            // The enterprise file goes from its employer straight to publicity; the department never sees it.
            let enterpriseEmployer = try await signInBrowser(app, "employer1")
            #expect(try await ReviewFixture.act(app, enterpriseEmployer, enterpriseFile, "approve", ReviewFixture.opinion(on: "2024-09-09")).0 == .seeOther)
            #expect(try await ApplicationRecord.find(enterpriseFile, on: app.db)?.currentStage == .unitPublicity)
            #expect(try await ApplicationFlowTests.get(app, supervisor, "/applications/\(enterpriseFile)").0 == .notFound)
            let events = try await ReviewRecord.query(on: app.db).filter(\.$applicationID == enterpriseFile).all().map(\.event)
            #expect(!events.contains("confirmPost"))
        }
    }

    @Test("Publicity from 9/13 ends 9/20 and misses the window; from 9/12 it is reported on 9/19; 9/20 00:00 is refused",
          arguments: DatabaseEngine.available)
    func publicityAndReporting(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-08-20"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            let late = try await ReviewFixture.submittedFile(app, "applicant1", creditCode: DemoUnits.enterprise, clock: clock)
            let timely = try await ReviewFixture.submittedFile(app, "applicant2", creditCode: DemoUnits.enterprise, clock: clock)
            var employer = try await signInBrowser(app, "employer1")
            for id in [late, timely] {
                #expect(try await ReviewFixture.act(app, employer, id, "approve", ReviewFixture.opinion(on: "2024-09-09")).0 == .seeOther)
            }
            // Before it starts, the employer reads the latest start — worked out by the calendar.
            let policy = try #require(app.domain.policy(app.domain.currentBatchID))
            let latest = PublicityPlan(policy: policy, calendar: app.domain.calendar).latestStart.value
            #expect(latest.iso == "2024-09-12")
            var (_, page) = try await ApplicationFlowTests.get(app, employer, "/applications/\(late)")
            #expect(page.contains("最迟须于2024年9月12日开始公示"))
            #expect(page.contains("今天开始的公示最早于2024年9月13日结束"), "started on Monday 9/9, five working days end on Friday")

            // The late file: posted on 9/13, ends on 9/20 — recorded once the unit confirms the file misses the batch, with the warning.
            clock.set("2024-09-13", 9)
            employer = try await signInBrowser(app, "employer1")
            var status: HTTPStatus
            (status, page) = try await DeadlineTests.publicity(app, employer, late, startsOn: "2024-09-13", place: "一楼公告栏",
                                                               acceptsMissingBatch: true)
            #expect(status == .seeOther)
            (_, page) = try await ApplicationFlowTests.get(app, employer, "/applications/\(late)")
            #expect(page.contains("2024年9月20日"))
            #expect(page.contains("本件将无法参加本批次考核认定"))
            let told = try await MessageRecord.query(on: app.db).filter(\.$applicationID == late).filter(\.$titleZh == "单位公示已登记").first()
            #expect(told?.bodyZh.contains("一楼公告栏") == true)
            #expect(try await ApplicationUploadTests.upload(app, employer, late, kind: "unitOpinion", data: ReviewFixture.pdf("late opinion"), name: "o.pdf").0 == .seeOther)
            var applicant1 = try await signInBrowser(app, "applicant1")
            #expect(try await ApplicationUploadTests.upload(app, applicant1, late, kind: "commitment", data: ReviewFixture.pdf("late commitment"), name: "c.pdf").0 == .seeOther)

            // The timely file: posted on 9/12 (recorded the next day), ends on 9/19.
            (status, page) = try await ReviewFixture.publicity(app, employer, timely, startsOn: "2024-09-12")
            #expect(status == .seeOther)
            let applicant2 = try await signInBrowser(app, "applicant2")
            #expect(try await ApplicationUploadTests.upload(app, applicant2, timely, kind: "commitment", data: ReviewFixture.pdf("timely commitment"), name: "c.pdf").0 == .seeOther)

            // 9/19: the late publicity has not ended, and its outcome cannot be recorded yet.
            clock.set("2024-09-19", 15)
            applicant1 = try await signInBrowser(app, "applicant1")
            (status, page) = try await ReviewFixture.act(app, applicant1, late, "report")
            #expect(status == .conflict)
            #expect(page.contains("单位公示至2024年9月20日结束，结束前不能上报"))
            employer = try await signInBrowser(app, "employer1")
            (status, page) = try await ReviewFixture.outcome(app, employer, late, on: "2024-09-19")
            #expect(status == .badRequest)
            #expect(page.contains("公示至2024年9月20日结束，公示结果须在此后登记"))
            // The timely file lists what is missing, then reports once it is there.
            let reporter = try await signInBrowser(app, "applicant2")
            (_, page) = try await ApplicationFlowTests.get(app, reporter, "/applications/\(timely)")
            #expect(page.contains("上报前须完成"))
            (status, page) = try await ReviewFixture.act(app, reporter, timely, "report")
            #expect(status == .conflict)
            #expect(page.contains("尚未上传：所在单位核实意见（盖章）"))
            #expect(try await ApplicationUploadTests.upload(app, employer, timely, kind: "unitOpinion", data: ReviewFixture.pdf("timely opinion"), name: "o.pdf").0 == .seeOther)
            // 四(四): the publicity's outcome is on record before the file leaves the unit.
            (status, page) = try await ReviewFixture.act(app, reporter, timely, "report")
            #expect(status == .conflict)
            #expect(page.contains("所在单位尚未登记公示结果"))
            (_, page) = try await ApplicationFlowTests.get(app, employer, "/applications/\(timely)")
            #expect(page.contains("登记公示结果"), "the employer's page offers the outcome form from the last day")
            (status, page) = try await ReviewFixture.outcome(app, employer, timely, on: "2024-09-19",
                                                             ["kind": "objectionsSettled", "objections": "有同事反映工作年限"])
            #expect(status == .badRequest, "objections need what was found and decided")
            #expect(page.contains("核实情况"))
            (status, _) = try await ReviewFixture.outcome(app, employer, timely, on: "2024-09-19",
                                                          ["kind": "objectionsSettled", "objections": "有同事反映工作年限",
                                                           "findings": "经查劳动合同，工作年限属实", "decision": "异议不成立，继续上报"])
            #expect(status == .seeOther)
            (status, page) = try await ReviewFixture.act(app, reporter, timely, "report")
            #expect(status == .seeOther)
            let audit = try await AuditEventRecord.query(on: app.db).filter(\.$recordID == timely.uuidString)
                .filter(\.$action == "application.publicityOutcome").all()
            #expect(audit.count == 1)
            #expect(try await ApplicationRecord.find(timely, on: app.db)?.currentStage == .reported)
            let reported = try await MessageRecord.query(on: app.db).filter(\.$applicationID == timely).sort(\.$createdAt).all().last
            #expect(reported?.titleZh == "申报状态：已上报，受理审核中")

            // 9/20 00:00 +08:00: the window has closed — refused with the reason, nothing changed.
            clock.set("2024-09-20", 0)
            applicant1 = try await signInBrowser(app, "applicant1")
            let before = try await ReviewFixture.footprint(app, late)
            (status, page) = try await ReviewFixture.act(app, applicant1, late, "report")
            #expect(status == .conflict)
            #expect(page.contains("至 2024年9月19日（周四）（北京时间）完成上报，现不在此期间"))
            #expect(try await ReviewFixture.footprint(app, late) == before)
            (_, page) = try await ApplicationFlowTests.get(app, applicant1, "/applications/\(late)")
            #expect(page.contains("不能再参加本批次考核认定"))
            let api = try await signInAPI(app, "applicant1")
            let (_, body) = try await ReviewFixture.api(app, .GET, "/api/v1/applications/\(late)", token: api.token)
            let answer = try ReviewFixture.decode(ApplicationController.ApplicationAnswer.self, body)
            #expect(answer.closedForBatch?.zh.contains("不能再参加本批次") == true)
            #expect(answer.publicity?.endsOn == "2024-09-20")
            #expect(answer.publicity?.fitsWindow == false)
        }
    }

    @Test("An objection upheld during the publicity: the employer returns the file with the reason; the next approval starts a new publicity",
          arguments: DatabaseEngine.available)
    func returnDuringPublicity(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-08-20"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            let id = try await ReviewFixture.submittedFile(app, "applicant1", creditCode: DemoUnits.enterprise, clock: clock)
            var employer = try await signInBrowser(app, "employer1")
            #expect(try await ReviewFixture.act(app, employer, id, "approve", ReviewFixture.opinion(on: "2024-09-09")).0 == .seeOther)
            #expect(try await ReviewFixture.publicity(app, employer, id, startsOn: "2024-09-09").0 == .seeOther)

            clock.set("2024-09-10", 10)
            employer = try await signInBrowser(app, "employer1")
            var (_, page) = try await ApplicationFlowTests.get(app, employer, "/applications/\(id)")
            #expect(page.contains("value=\"returnToApplicant\""), "the employer can return the file during the publicity")
            // Not before the publicity is over: no outcome can be recorded yet.
            var status: HTTPStatus
            (status, page) = try await ReviewFixture.outcome(app, employer, id, on: "2024-09-10")
            #expect(status == .badRequest)
            (status, page) = try await ReviewFixture.act(app, employer, id, "returnToApplicant")
            #expect(status == .conflict, "a return needs its reason")
            (status, page) = try await ReviewFixture.act(app, employer, id, "returnToApplicant", ["reason": "公示期间收到异议，经核实工作经历与实际不符"])
            #expect(status == .seeOther)
            #expect(try await ApplicationRecord.find(id, on: app.db)?.currentStage == .draft)
            #expect(try await PublicityRecord.query(on: app.db).filter(\.$applicationID == id).count() == 0)
            let told = try await MessageRecord.query(on: app.db).filter(\.$applicationID == id).sort(\.$createdAt).all().last
            #expect(told?.bodyZh.contains("经核实工作经历与实际不符") == true)
            let history = try await ReviewRecord.query(on: app.db).filter(\.$applicationID == id).sort(\.$createdAt).all().last
            #expect(history?.fromStage == Stage.unitPublicity.rawValue && history?.event == "returnToApplicant")

            // Resubmitted and approved again: the earlier publicity does not count.
            let applicant = try await signInBrowser(app, "applicant1")
            #expect(try await ReviewFixture.act(app, applicant, id, "submit").0 == .seeOther)
            employer = try await signInBrowser(app, "employer1")
            #expect(try await ReviewFixture.act(app, employer, id, "approve", ReviewFixture.opinion(on: "2024-09-10")).0 == .seeOther)
            (status, page) = try await ReviewFixture.act(app, applicant, id, "report")
            #expect(status == .conflict)
            #expect(page.contains("单位尚未开始公示"))
        }
    }
}
