import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

/// Step 6 (申报系列与层级): the title and the attestation of 三(一) are one decision on one page,
/// and the server stores no title the eligibility engine refuses.
@Suite("Step 6: the title and the attestation in one post; no refused title stored")
struct TargetStepTests {
    /// applicant1's draft with steps 1–5 filled (a finance certificate verified on 2024-08-20,
    /// a master's degree, work in Shanghai since 2012, the enterprise as employer) and neither a
    /// title nor the attestation yet. The clock is left at noon of 2024-09-09.
    static func draftBeforeTarget(_ app: Application, clock: MovableClock) async throws -> UUID {
        clock.set("2024-08-20", 12)
        let holder = try await signInBrowser(app, "applicant1")
        let verificationID = try await VerificationTests.submit(app, holder)
        let verifier = try await signInBrowser(app, "verifier1")
        #expect(try await VerificationTests.decide(app, verifier, verificationID, "pass") == .seeOther)
        var content = ApplicationContent()
        content.personal = ApplicationContent.Personal(name: "陈思远", gender: .male, birthDate: try ReviewFixture.day("1986-04-12"),
                                                       nationality: "中国", idKind: .residentID)
        content.education = [ApplicationContent.EducationEntry(degree: .master, discipline: .economics, school: "University of Edinburgh",
                                                               country: "英国", awardedOn: try ReviewFixture.day("2012-06-30"),
                                                               recognitionNumber: nil)]
        content.work = [ApplicationContent.WorkEntry(from: try ReviewFixture.day("2012-07-01"), to: nil, employer: "上海示例单位",
                                                     position: "财务经理", inShanghai: true, related: true)]
        let record = ApplicationRecord()
        record.applicantID = try await userID(app, "applicant1")
        record.batchID = app.domain.currentBatchID
        record.stage = Stage.draft.rawValue
        record.version = 1
        record.employerID = try await organisationID(app, creditCode: DemoUnits.enterprise)
        record.verificationID = verificationID
        record.contentJSON = try ApplicationRecord.encode(content)
        record.createdAt = app.domain.clock.now()
        record.updatedAt = app.domain.clock.now()
        try await record.create(on: app.db)
        clock.set("2024-09-09", 12)
        return try record.requireID()
    }

    /// The markup right after a title's radio button: whether it is disabled, and its reason.
    static func option(_ value: String, in page: String) -> String {
        String(page.components(separatedBy: "value=\"\(value)\"").dropFirst().first?.prefix(400) ?? "")
    }

    @Test("The titles the file can have are open before the box is ticked; box and title are stored in one post",
          arguments: DatabaseEngine.available)
    func oneDecision(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-08-20"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            let id = try await Self.draftBeforeTarget(app, clock: clock)
            let applicant = try await signInBrowser(app, "applicant1")
            let (status, page) = try await ApplicationFlowTests.get(app, applicant, "/applications/\(id)/steps/target")
            #expect(status == .ok)
            let open = Self.option("accounting.associateSenior", in: page)
            #expect(!open.prefix(40).contains("disabled"), "judged as if the attestation will be given")
            #expect(!page.contains("须承诺"), "no title is greyed out for want of the box on the same page")
            // A title the certificate's field does not lead to stays closed, with its reason.
            let closed = Self.option("accounting.intermediate", in: page)
            #expect(closed.prefix(40).contains("disabled"))
            #expect(closed.contains("只能认定副高级职称"))

            let (saved, body) = try await ApplicationFlowTests.save(app, applicant, id, .target,
                                                                    ["targetSeriesLevel": "accounting.associateSenior", "attest": "on"])
            #expect(saved == .seeOther, "\(body.prefix(300))")
            let content = try #require(try await ApplicationRecord.find(id, on: app.db)).content
            #expect(content.target == ApplicantProfile.Title(series: .accounting, level: .associateSenior))
            #expect(content.attestations == ApplicationDesk.attested)
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == "application.save.target").count() == 1)
        }
    }

    @Test("Without the box: 400 with the message beside the box, the choice kept, nothing stored; a reload does not post again",
          arguments: DatabaseEngine.available)
    func attestationRequired(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-08-20"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            let id = try await Self.draftBeforeTarget(app, clock: clock)
            let applicant = try await signInBrowser(app, "applicant1")
            let before = try await ReviewFixture.footprint(app, id)
            let (_, form) = try await ApplicationFlowTests.get(app, applicant, "/applications/\(id)/steps/target")
            let (posted, location, _) = try await ApplicationFlowTests.post(app, applicant, "/applications/\(id)/steps/target", [
                "version": formValue("version", in: form) ?? "", "targetSeriesLevel": "accounting.associateSenior"])
            #expect(posted == .seeOther, "the refused post sends the browser back to the step's page")
            let refusedPage = try #require(location)
            #expect(refusedPage.hasPrefix("/applications/\(id)/steps/target?refused="))

            let (status, page) = try await ApplicationFlowTests.get(app, applicant, refusedPage)
            #expect(status == .badRequest)
            let beside = try #require(page.components(separatedBy: "id=\"f-attest\"").dropFirst().first)
            #expect(beside.prefix(600).contains("id=\"e-attest\""), "the message stands beside the box")
            #expect(beside.prefix(600).contains("请勾选承诺"))
            #expect(page.contains("href=\"#f-attest\""), "the summary at the top links to the box")
            #expect(Self.option("accounting.associateSenior", in: page).prefix(40).contains("checked"), "the chosen title stays chosen")

            let record = try #require(try await ApplicationRecord.find(id, on: app.db))
            #expect(try record.content.target == nil)
            #expect(try record.content.attestations == nil)
            #expect(try await ReviewFixture.footprint(app, id) == before, "nothing stored")

            // The address bar holds a page: loading it again posts nothing and shows the file as stored.
            let (again, reloaded) = try await ApplicationFlowTests.get(app, applicant, refusedPage)
            #expect(again == .ok)
            #expect(!reloaded.contains("id=\"e-attest\""))
            #expect(try await ReviewFixture.footprint(app, id) == before)
        }
    }

    @Test("A title the engine refuses is refused with the clause and its citation, through the page and the API; nothing stored",
          arguments: DatabaseEngine.available)
    func refusedTitle(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-08-20"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            let id = try await Self.draftBeforeTarget(app, clock: clock)
            let applicant = try await signInBrowser(app, "applicant1")
            let before = try await ReviewFixture.footprint(app, id)
            // A finance & management certificate leads only to 副高级 (二): 中级 is refused although the box is ticked.
            let (status, page) = try await ApplicationFlowTests.save(app, applicant, id, .target,
                                                                     ["targetSeriesLevel": "accounting.intermediate", "attest": "on"])
            #expect(status == .badRequest)
            let beside = try #require(page.components(separatedBy: "id=\"e-targetSeriesLevel\"").dropFirst().first)
            #expect(beside.prefix(400).contains("只能认定副高级职称"))
            #expect(beside.prefix(400).contains("（二）"), "the citation of the failing clause")
            #expect(try await ReviewFixture.footprint(app, id) == before, "nothing stored")
            #expect(try #require(try await ApplicationRecord.find(id, on: app.db)).content.target == nil)

            // The API refuses the same, naming the clause; a missing attestation is named too.
            struct TargetSave: Encodable {
                let version: Int
                let targetSeriesLevel: String
                let attest: Bool
            }
            let api = try await signInAPI(app, "applicant1")
            var (answered, body) = try await ReviewFixture.api(app, .PUT, "/api/v1/applications/\(id)/steps/target", token: api.token,
                                                               json: TargetSave(version: 1, targetSeriesLevel: "accounting.intermediate", attest: true))
            #expect(answered == .badRequest)
            var problem = try ReviewFixture.decode(ErrorPageMiddleware.APIError.self, body)
            #expect(problem.error.code == "title_not_allowed")
            #expect(problem.error.message.en.contains("(二)"))
            (answered, body) = try await ReviewFixture.api(app, .PUT, "/api/v1/applications/\(id)/steps/target", token: api.token,
                                                           json: TargetSave(version: 1, targetSeriesLevel: "accounting.associateSenior", attest: false))
            #expect(answered == .badRequest)
            problem = try ReviewFixture.decode(ErrorPageMiddleware.APIError.self, body)
            #expect(problem.error.code == "attestation_required")
            #expect(problem.error.field == "attest")
            #expect(try await ReviewFixture.footprint(app, id) == before, "nothing stored")
        }
    }
}

/// Item 6: refusals stand where the eye is — beside their fields and listed at the top, all at
/// once, with what was typed; a returned file says why beside its stage; a condition not met
/// is marked with ✗ and a word.
@Suite("Refusals where the eye is: beside the field, all at once, reloadable")
struct RefusalPagesTests {
    @Test("Sign-up with three bad fields names all three beside their fields; the typed values come back, the password never",
          arguments: DatabaseEngine.available)
    func registrationAllAtOnce(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let visitor = try await anonymousBrowser(app)
            let (posted, location, _) = try await ApplicationFlowTests.post(app, visitor, "/register", [
                "username": "Lin Xiao!", "displayName": "林晓", "password": "short7", "phone": "12ab"])
            #expect(posted == .seeOther, "the refused post sends the browser back to the form")
            let refusedPage = try #require(location)
            #expect(refusedPage.hasPrefix("/register?refused="))
            let (status, page) = try await ApplicationFlowTests.get(app, visitor, refusedPage)
            #expect(status == .badRequest)
            for (field, message) in [("username", "用户名须为3–32位"), ("password", "密码至少需要10个字符"), ("phone", "手机号码格式不正确")] {
                let beside = try #require(page.components(separatedBy: "id=\"f-\(field)\"").dropFirst().first, "\(field)")
                #expect(beside.prefix(400).contains("id=\"e-\(field)\""), "\(field): its message stands beside it")
                #expect(beside.prefix(400).contains(message), "\(field)")
                #expect(page.contains("href=\"#f-\(field)\""), "\(field): listed at the top with a link")
            }
            #expect(!page.contains("id=\"e-displayName\""), "the good field is not marked")
            #expect(page.contains("value=\"Lin Xiao!\""))
            #expect(page.contains("value=\"林晓\""))
            #expect(page.contains("value=\"12ab\""))
            #expect(!page.contains("short7"), "the password is never sent back")
            #expect(try await UserRecord.query(on: app.db).filter(\.$displayName == "林晓").count() == 0)

            // Another browser cannot read the refusal.
            let stranger = try await anonymousBrowser(app)
            let (_, strangerPage) = try await ApplicationFlowTests.get(app, stranger, refusedPage)
            #expect(!strangerPage.contains("12ab"))
        }
    }

    @Test("A refused step names every wrong field at once and keeps what was typed; the kept refusal is sealed",
          arguments: DatabaseEngine.available)
    func stepAllAtOnce(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let holder = try await signInBrowser(app, "applicant1")
            let (_, stepURL, _) = try await ApplicationFlowTests.post(app, holder, "/applications", [:])
            let id = try #require(stepURL.flatMap { UUID(uuidString: String($0.split(separator: "/")[1])) })
            let (_, form) = try await ApplicationFlowTests.get(app, holder, "/applications/\(id)/steps/personal")
            let (posted, location, _) = try await ApplicationFlowTests.post(app, holder, "/applications/\(id)/steps/personal", [
                "version": formValue("version", in: form) ?? "", "name": "陈思远 Chen Siyuan", "gender": "male", "birthDate": "1986-02-30",
                "nationality": "", "idKind": "residentID", "idNumber": "11010519491231002X"])
            #expect(posted == .seeOther)
            // While the refusal waits for its page, the typed ID number is nowhere in the database in plain text.
            let raw = try await PersonalDataTests.rawContent(app, engine: engine)
            #expect(!raw.contains("11010519491231002X"))

            let (status, page) = try await ApplicationFlowTests.get(app, holder, try #require(location))
            #expect(status == .badRequest)
            for (field, message) in [("birthDate", "出生日期不是有效日期"), ("nationality", "请填写国籍")] {
                let beside = try #require(page.components(separatedBy: "id=\"f-\(field)\"").dropFirst().first, "\(field)")
                #expect(beside.prefix(300).contains(message), "\(field): its message stands beside it")
                #expect(page.contains("href=\"#f-\(field)\""), "\(field): listed at the top")
            }
            #expect(page.contains("value=\"陈思远 Chen Siyuan\""), "what was typed, not what the account holds")
            #expect(page.contains("value=\"1986-02-30\""))
            #expect(page.contains("value=\"11010519491231002X\""), "the owner's typed number comes back to the owner")
            #expect(try #require(try await ApplicationRecord.find(id, on: app.db)).idNumberSealed == nil, "nothing stored")
        }
    }

    @Test("A returned file says why beside its stage", arguments: DatabaseEngine.available)
    func returnedReason(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-08-20"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            let id = try await ReviewFixture.submittedFile(app, "applicant1", creditCode: DemoUnits.enterprise, clock: clock)
            let employer = try await signInBrowser(app, "employer1")
            #expect(try await ReviewFixture.act(app, employer, id, "returnToApplicant", ["reason": "工作证明缺少单位盖章"]).0 == .seeOther)
            let applicant = try await signInBrowser(app, "applicant1")
            let (_, page) = try await ApplicationFlowTests.get(app, applicant, "/applications/\(id)")
            let stage = try #require(page.components(separatedBy: "<dl class=\"kv\">").dropFirst().first)
            let beside = String(stage.prefix(upTo: stage.range(of: "</dl>")?.lowerBound ?? stage.endIndex))
            #expect(beside.contains("退回原因"))
            #expect(beside.contains("工作证明缺少单位盖章"), "the reason is beside the stage, not only in the history")
        }
    }

    @Test("A condition not met is marked ✗ with a word and listed at the top; submit is then not the primary button",
          arguments: DatabaseEngine.available)
    func failingCondition(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-08-20"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            let id = try await TargetStepTests.draftBeforeTarget(app, clock: clock)
            let applicant = try await signInBrowser(app, "applicant1")
            #expect(try await ApplicationFlowTests.save(app, applicant, id, .target,
                                                        ["targetSeriesLevel": "accounting.associateSenior", "attest": "on"]).0 == .seeOther)
            var (_, page) = try await ApplicationFlowTests.get(app, applicant, "/applications/\(id)")
            #expect(page.contains("✓ 符合"))
            #expect(!page.contains("✗ 不符合"))
            #expect(Self.submitButton(in: page).contains("class=\"button\""), "eligible: submitting is the way forward")

            // The work moves out of Shanghai: 二 "在本市合法工作" fails.
            #expect(try await ApplicationFlowTests.save(app, applicant, id, .work, [
                "work[0][from]": "2012-07-01", "work[0][employer]": "Example Ltd, Singapore", "work[0][position]": "Finance manager",
                "work[0][related]": "on"]).0 == .seeOther)
            (_, page) = try await ApplicationFlowTests.get(app, applicant, "/applications/\(id)")
            let conditions = try #require(page.components(separatedBy: "id=\"conditions\"").dropFirst().first)
            let failing = try #require(conditions.components(separatedBy: "class=\"clause-fail\"").dropFirst().first)
            #expect(failing.prefix(200).contains("✗ 不符合"))
            #expect(failing.prefix(400).contains("须在本市合法工作"))
            // Listed at the top, above the conditions.
            let top = try #require(page.components(separatedBy: "id=\"conditions\"").first)
            #expect(top.contains("1 项资格条件不符合"))
            #expect(top.contains("须在本市合法工作"))
            #expect(Self.submitButton(in: page).contains("button-quiet"), "submitting is not offered as the primary action")

            (_, page) = try await ApplicationFlowTests.get(app, applicant, "/applications/\(id)?lang=en")
            #expect(page.contains("✗ Not met"))
            #expect(page.contains("1 condition is not met"))
        }
    }

    /// The button of the page's submit form.
    static func submitButton(in page: String) -> String {
        guard let form = page.components(separatedBy: "name=\"event\" value=\"submit\"").dropFirst().first,
              let button = form.range(of: "<button") else { return "" }
        return String(form[button.lowerBound...].prefix(80))
    }
}
