import Fluent
import Foundation
import Testing
import TitleBridgeCore
import TitleBridgeDocuments
@testable import TitleBridgeServer
import Vapor
import VaporTesting

@Suite("受理审核 — acceptance numbers, one supplement, the deadline job, paper files (四(五))")
struct AcceptanceTests {
    /// A file taken through employer review, publicity (9/9–9/13) and reporting on 9/13, with
    /// every material uploaded. The clock is left at noon on 9/13.
    static func reportedFile(_ app: Application, _ username: String, clock: MovableClock, institution: Bool = false,
                             adjust: (inout ApplicationContent) throws -> Void = { _ in }) async throws -> UUID {
        let id = try await ReviewFixture.submittedFile(app, username, creditCode: institution ? DemoUnits.institution : DemoUnits.enterprise,
                                                       clock: clock, adjust: adjust)
        let employer = try await signInBrowser(app, institution ? "employer2" : "employer1")
        #expect(try await ReviewFixture.act(app, employer, id, "approve", ReviewFixture.opinion(on: "2024-09-09")).0 == .seeOther)
        if institution {
            let supervisor = try await signInBrowser(app, "supervisor1")
            #expect(try await ReviewFixture.act(app, supervisor, id, "confirmPost",
                                                ["post[withinQuota]": "on", "post[consentsOneLevelUp]": "on", "post[reviewer]": "刘处长"]).0 == .seeOther)
        }
        #expect(try await ReviewFixture.publicity(app, employer, id, startsOn: "2024-09-09").0 == .seeOther)
        #expect(try await ApplicationUploadTests.upload(app, employer, id, kind: "unitOpinion", data: ReviewFixture.pdf("\(id) opinion"), name: "o.pdf").0 == .seeOther)
        let applicant = try await signInBrowser(app, username)
        for kind in ["commitment"] {
            #expect(try await ApplicationUploadTests.upload(app, applicant, id, kind: kind, data: ReviewFixture.pdf("\(id) \(kind)"), name: "\(kind).pdf").0 == .seeOther)
        }
        // The proofs went in with the draft; here they are added as the bureau would find them.
        try await ReviewFixture.attachProofs(app, id, owner: username)
        clock.set("2024-09-13", 12)
        let recorder = try await signInBrowser(app, institution ? "employer2" : "employer1")
        #expect(try await ReviewFixture.outcome(app, recorder, id, on: "2024-09-13").0 == .seeOther)
        let reporter = try await signInBrowser(app, username)
        let (status, page) = try await ReviewFixture.act(app, reporter, id, "report")
        #expect(status == .seeOther, "report answered \(status): \(page.prefix(300))")
        return id
    }

    /// bureau1 signed in, with the item ids of the file's checklist as its page lists them.
    static func bureauChecklist(_ app: Application, _ id: UUID) async throws -> (Browser, [String]) {
        let bureau = try await signInBrowser(app, "bureau1")
        return (bureau, Self.itemIDs(in: try await ApplicationFlowTests.get(app, bureau, "/applications/\(id)").1))
    }

    /// The checklist's item ids as the bureau's page lists them.
    static func itemIDs(in page: String) -> [String] {
        page.components(separatedBy: "name=\"items[").dropFirst().compactMap { part in
            part.range(of: "][verdict]").map { String(part[..<$0.lowerBound]) }
        }
    }

    /// A verdict on every item: `conforms` unless named in `flagged`.
    static func verdicts(_ ids: [String], flagged: [String: String] = [:]) -> [String: String] {
        var fields: [String: String] = [:]
        for id in ids {
            fields["items[\(id)][verdict]"] = flagged[id] ?? "conforms"
            if flagged[id] != nil { fields["items[\(id)][note]"] = "请补充" }
        }
        return fields
    }

    @Test("Accepted: a 受理号, the file frozen for everyone (409 and an audit row), the number on the form as a QR code",
          arguments: DatabaseEngine.available)
    func accept(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-08-20"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            let id = try await Self.reportedFile(app, "applicant1", clock: clock)
            let (bureau, ids) = try await Self.bureauChecklist(app, id)
            #expect(ids.contains("upload:unitOpinion") && ids.contains("summary") && ids.contains("clause:experience.ladder"))
            let (_, queue) = try await ApplicationFlowTests.get(app, bureau, "/acceptance")
            #expect(queue.contains("金融与管理（1）"), "the queue groups by the certificate's field")

            // An item not in order blocks acceptance; nothing changes.
            var (status, body) = try await ReviewFixture.act(app, bureau, id, "accept", Self.verdicts(ids, flagged: ["upload:workProof": "nonConforming"]))
            #expect(status == .badRequest)
            #expect(body.contains("不能予以受理"))
            #expect(try await ApplicationRecord.find(id, on: app.db)?.currentStage == .reported)

            (status, body) = try await ReviewFixture.act(app, bureau, id, "accept", Self.verdicts(ids))
            #expect(status == .seeOther)
            #expect(try await ApplicationRecord.find(id, on: app.db)?.currentStage == .accepted)
            let number = try #require(try await AcceptanceRecord.query(on: app.db).first()).number
            #expect(number == "2024B2-FM-0001")

            // Frozen: the applicant's edit and upload, the employer's upload — each refused and audited.
            let applicant = try await signInBrowser(app, "applicant1")
            (status, body) = try await ApplicationFlowTests.save(app, applicant, id, .summary, ["summary": String(repeating: "改", count: 3000)])
            #expect(status == .conflict)
            #expect(body.contains("受理后不能再修改"))
            #expect(try await ApplicationUploadTests.upload(app, applicant, id, kind: "degree", data: ReviewFixture.pdf("late"), name: "d.pdf").0 == .conflict)
            let employer = try await signInBrowser(app, "employer1")
            #expect(try await ApplicationUploadTests.upload(app, employer, id, kind: "unitOpinion", data: ReviewFixture.pdf("late 2"), name: "o.pdf").0 == .conflict)
            #expect(try await ReviewFixture.publicity(app, employer, id, startsOn: "2024-09-10").0 == .conflict)
            let api = try await signInAPI(app, "applicant1")
            struct Save: Encodable { let version = 99; let summary = "改" }
            #expect(try await ReviewFixture.api(app, .PUT, "/api/v1/applications/\(id)/steps/summary", token: api.token, json: Save()).0 == .conflict)
            let refused = try await AuditEventRecord.query(on: app.db).filter(\.$action == "application.changeRefused").sort(\.$id).all()
            #expect(refused.map(\.reason) == ["save.summary", "upload.degree", "upload.unitOpinion", "publicity", "save.summary"])
            #expect(refused.map(\.actorName) == ["applicant1", "applicant1", "employer1", "employer1", "applicant1"])

            // The applicant reads the number on the page and in the message.
            let (_, mine) = try await ApplicationFlowTests.get(app, applicant, "/applications/\(id)")
            #expect(mine.contains(number))
            let accepted = try await MessageRecord.query(on: app.db).filter(\.$applicationID == id).filter(\.$titleZh == "申报状态：已受理").first()
            #expect(accepted?.bodyZh.contains("受理号：\(number)") == true)

            // The form carries the number, as text and as a QR code a scanner reads.
            var pdf = Data()
            try await app.testing().test(.GET, "/applications/\(id)/form.pdf", beforeRequest: { applicant.prepare(&$0) }) { res in
                pdf = Data(buffer: res.body)
            }
            if QRCodeScan.available {
                #expect(try QRCodeScan.read(pdf) == number)
            }
        }
    }

    @Test("四(五) accepted only when the conditions are met: a failed clause blocks, a 原则上 clause needs the reviewer's reason, a flagged item its note, an unknown item is refused",
          arguments: DatabaseEngine.available)
    func acceptanceFollowsConditions(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-08-20"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            // Nine months of related work in Shanghai: the "原则上 1 年" clause goes to a reviewer.
            let id = try await Self.reportedFile(app, "applicant1", clock: clock) { content in
                content.work = [
                    ApplicationContent.WorkEntry(from: try ReviewFixture.day("2012-07-01"), to: try ReviewFixture.day("2024-03-31"),
                                                 employer: "Example LLP, London", position: "Accountant", inShanghai: false, related: true),
                    ApplicationContent.WorkEntry(from: try ReviewFixture.day("2024-04-01"), to: nil, employer: "上海示例单位",
                                                 position: "财务经理", inShanghai: true, related: true),
                ]
            }
            let (bureau, ids) = try await Self.bureauChecklist(app, id)
            #expect(ids.contains("clause:experience.shanghai"))

            // A verdict on an item the checklist does not have is refused, not dropped.
            var fields = Self.verdicts(ids)
            fields["items[clause:no.such.item][verdict]"] = "conforms"
            var (status, body) = try await ReviewFixture.act(app, bureau, id, "accept", fields)
            #expect(status == .badRequest)
            #expect(body.contains("审核清单中没有"))

            // "In order" on the 原则上 clause without the reviewer's reason: refused.
            (status, body) = try await ReviewFixture.act(app, bureau, id, "accept", Self.verdicts(ids))
            #expect(status == .badRequest)
            #expect(body.contains("须由审核人员写明认定理由"))
            #expect(try await ApplicationRecord.find(id, on: app.db)?.currentStage == .reported)

            // A supplement with a flagged item but no note: refused.
            fields = Self.verdicts(ids, flagged: ["upload:workProof": "nonConforming"])
            fields["items[upload:workProof][note]"] = " "
            fields["supplementDue"] = "2024-09-27"
            (status, body) = try await ReviewFixture.act(app, bureau, id, "requestSupplement", fields)
            #expect(status == .badRequest)
            #expect(body.contains("缺少什么或哪里不符合规定形式"))
            #expect(try await SupplementRecord.query(on: app.db).count() == 0)

            // With the reason the file is accepted, and the reason stays with the acceptance.
            fields = Self.verdicts(ids)
            fields["items[clause:experience.shanghai][note]"] = "入职前在境外从事同类工作，本市工作已满9个月，经认定委员会办公室同意受理"
            (status, body) = try await ReviewFixture.act(app, bureau, id, "accept", fields)
            #expect(status == .seeOther, "\(body.prefix(300))")
            let history = try await ReviewRecord.query(on: app.db).filter(\.$applicationID == id).filter(\.$event == "accept").first()
            guard case .checklist(let decision)? = history?.detail else { Issue.record("no checklist kept"); return }
            #expect(decision.entries.first { $0.id == "clause:experience.shanghai" }?.note?.contains("经认定委员会办公室同意") == true)
        }
    }

    @Test("四(五) a reported file whose current report fails a clause cannot be accepted", arguments: DatabaseEngine.available)
    func failedClauseBlocksAcceptance(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-08-20"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            let id = try await Self.reportedFile(app, "applicant1", clock: clock)
            let (bureau, ids) = try await Self.bureauChecklist(app, id)
            // The stored file now holds two and a half years of work: 三(二)3(2) asks for seven.
            let record = try #require(try await ApplicationRecord.find(id, on: app.db))
            var content = try record.content
            content.work = [ApplicationContent.WorkEntry(from: try ReviewFixture.day("2022-07-01"), to: nil, employer: "上海示例单位",
                                                         position: "财务经理", inShanghai: true, related: true)]
            record.contentJSON = try ApplicationRecord.encode(content)
            try await record.save(on: app.db)
            let before = try await ReviewFixture.footprint(app, id)
            // Every item ticked "in order" by the reviewer: still refused.
            let (status, body) = try await ReviewFixture.act(app, bureau, id, "accept", Self.verdicts(ids))
            #expect(status == .badRequest || status == .conflict)
            #expect(body.contains("不能予以受理"))
            #expect(try await ReviewFixture.footprint(app, id) == before)
            #expect(try await AcceptanceRecord.query(on: app.db).count() == 0)
        }
    }

    @Test("Supplement once: only the listed items change, resubmitted, accepted; a second request is refused",
          arguments: DatabaseEngine.available)
    func supplement(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-08-20"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            let id = try await Self.reportedFile(app, "applicant1", clock: clock)
            let (bureau, ids) = try await Self.bureauChecklist(app, id)
            var fields = Self.verdicts(ids, flagged: ["upload:workProof": "missing", "summary": "nonConforming"])
            fields["supplementDue"] = "2024-09-23"
            var (status, body) = try await ReviewFixture.act(app, bureau, id, "requestSupplement", fields)
            #expect(status == .seeOther, "\(body.prefix(300))")
            #expect(try await ApplicationRecord.find(id, on: app.db)?.currentStage == .supplementRequested)
            let told = try await MessageRecord.query(on: app.db).filter(\.$applicationID == id).filter(\.$titleZh == "申报状态：待补正").first()
            #expect(told?.bodyZh.contains("工作证明") == true)
            #expect(told?.bodyZh.contains("2024年9月23日") == true)

            // Only the listed items: the summary and the work proof, not the education or the degree.
            let applicant = try await signInBrowser(app, "applicant1")
            (status, body) = try await ApplicationFlowTests.save(app, applicant, id, .education, [
                "education[0][degree]": "doctorate", "education[0][discipline]": "economics", "education[0][school]": "X",
                "education[0][country]": "英国", "education[0][awardedOn]": "2012-06-30"])
            #expect(status == .conflict)
            #expect(body.contains("补正只能修改告知的项目"))
            #expect(try await ApplicationUploadTests.upload(app, applicant, id, kind: "degree", data: ReviewFixture.pdf("d2"), name: "d.pdf").0 == .conflict)
            (status, body) = try await ApplicationFlowTests.save(app, applicant, id, .summary, ["summary": String(repeating: "补", count: 3200)])
            #expect(status == .seeOther)
            #expect(try await ApplicationUploadTests.upload(app, applicant, id, kind: "workProof", data: ReviewFixture.pdf("w2"), name: "w.pdf").0 == .seeOther)
            #expect(try await ReviewFixture.act(app, applicant, id, "resubmit").0 == .seeOther)
            #expect(try await ApplicationRecord.find(id, on: app.db)?.currentStage == .reported)

            // A second request is impossible; acceptance follows.
            let before = try await ReviewFixture.footprint(app, id)
            (status, body) = try await ReviewFixture.act(app, bureau, id, "requestSupplement", fields)
            #expect(status == .conflict)
            #expect(body.contains("补正只能要求一次"))
            #expect(try await ReviewFixture.footprint(app, id) == before)
            #expect(try await ReviewFixture.act(app, bureau, id, "accept", Self.verdicts(ids)).0 == .seeOther)
            #expect(try await AcceptanceRecord.query(on: app.db).first()?.number == "2024B2-FM-0001")
        }
    }

    @Test("Not accepted: only with the reason, which the applicant is told; no number is used", arguments: DatabaseEngine.available)
    func notAccepted(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-08-20"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            let id = try await Self.reportedFile(app, "applicant1", clock: clock)
            let bureau = try await signInBrowser(app, "bureau1")
            #expect(try await ReviewFixture.act(app, bureau, id, "notAccept").0 == .conflict)
            let reason = "所持证书不在本批次认可清单C类项目内"
            #expect(try await ReviewFixture.act(app, bureau, id, "notAccept", ["reason": reason]).0 == .seeOther)
            #expect(try await ApplicationRecord.find(id, on: app.db)?.currentStage == .notAccepted)
            let told = try await MessageRecord.query(on: app.db).filter(\.$applicationID == id).filter(\.$titleZh == "申报状态：不予受理").first()
            #expect(told?.bodyZh.contains(reason) == true)
            #expect(try await AcceptanceRecord.query(on: app.db).count() == 0)
            // Once decided, the page offers no checklist.
            let ids = Self.itemIDs(in: try await ApplicationFlowTests.get(app, bureau, "/applications/\(id)").1)
            #expect(ids.isEmpty, "the checklist is gone once the file is decided")
        }
    }

    @Test("A supplement on the title held reopens the employer step, but not to change the unit", arguments: DatabaseEngine.available)
    func supplementKeepsUnit(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-08-20"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            let id = try await Self.reportedFile(app, "applicant2", clock: clock, institution: true)
            let (bureau, ids) = try await Self.bureauChecklist(app, id)
            #expect(ids.contains("clause:publicInstitution.oneLevelUp"))
            var fields = Self.verdicts(ids, flagged: ["clause:publicInstitution.oneLevelUp": "nonConforming"])
            fields["supplementDue"] = "2024-09-23"
            #expect(try await ReviewFixture.act(app, bureau, id, "requestSupplement", fields).0 == .seeOther)
            let applicant = try await signInBrowser(app, "applicant2")
            let institution = try await organisationID(app, creditCode: DemoUnits.institution)
            let enterprise = try await organisationID(app, creditCode: DemoUnits.enterprise)
            var (status, body) = try await ApplicationFlowTests.save(app, applicant, id, .employer, [
                "employerID": enterprise.uuidString, "currentTitleSeries": "accounting", "currentTitleLevel": "intermediate"])
            #expect(status == .conflict)
            #expect(body.contains("补正时不能更换所在单位"))
            (status, body) = try await ApplicationFlowTests.save(app, applicant, id, .employer, [
                "employerID": institution.uuidString, "currentTitleSeries": "accounting", "currentTitleLevel": "intermediate"])
            #expect(status == .seeOther)
            #expect(try await ApplicationRecord.find(id, on: app.db)?.employerID == institution)
        }
    }

    @Test("Overdue: withdrawn exactly once, whether the job runs twice or on two instances at once", arguments: DatabaseEngine.available)
    func overdue(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-08-20"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            let id = try await Self.reportedFile(app, "applicant1", clock: clock)
            let (bureau, ids) = try await Self.bureauChecklist(app, id)
            var fields = Self.verdicts(ids, flagged: ["upload:workProof": "missing"])
            fields["supplementDue"] = "2024-09-20"
            #expect(try await ReviewFixture.act(app, bureau, id, "requestSupplement", fields).0 == .seeOther)

            // The due day itself is still in time.
            clock.set("2024-09-20", 23, 59)
            #expect(try await SupplementDeadlineJob.run(on: app) == 0)
            clock.set("2024-09-21", 0, 5)
            var total = 0
            try await withSecondInstance(of: app, clock: clock) { second in
                async let first = SupplementDeadlineJob.run(on: app)
                async let other = SupplementDeadlineJob.run(on: second)
                total = try await first + other
            }
            total += try await SupplementDeadlineJob.run(on: app)
            #expect(total == 1)
            #expect(try await ApplicationRecord.find(id, on: app.db)?.currentStage == .withdrawn)
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == "application.supplementOverdue").count() == 1)
            let told = try await MessageRecord.query(on: app.db).filter(\.$applicationID == id).filter(\.$titleZh == "申报状态：已撤回（视为放弃）").count()
            #expect(told == 1)
            // Too late to send the supplement now.
            let applicant = try await signInBrowser(app, "applicant1")
            #expect(try await ReviewFixture.act(app, applicant, id, "resubmit").0 == .conflict)
        }
    }

    @Test("Paper files: the time reaches every accepted applicant; receipt by number, once", arguments: DatabaseEngine.available)
    func paperFiles(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-08-20"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            let id = try await Self.reportedFile(app, "applicant1", clock: clock)
            var bureau = try await signInBrowser(app, "bureau1")
            let ids = Self.itemIDs(in: try await ApplicationFlowTests.get(app, bureau, "/applications/\(id)").1)
            #expect(try await ReviewFixture.act(app, bureau, id, "accept", Self.verdicts(ids)).0 == .seeOther)
            var (status, _, page) = try await ApplicationFlowTests.post(app, bureau, "/acceptance/paper/schedule", [
                "day": "2024-09-27", "from": "09:00", "until": "16:30", "place": "上海市人才服务中心（梅园路77号）一楼"])
            #expect(status == .seeOther)

            // The applicant sees the number, the time and every message.
            let applicant = try await signInBrowser(app, "applicant1")
            let (_, mine) = try await ApplicationFlowTests.get(app, applicant, "/applications/\(id)")
            #expect(mine.contains("2024B2-FM-0001"))
            #expect(mine.contains("2024年9月27日（周五） 09:00至16:30"))
            let (_, centre) = try await ApplicationFlowTests.get(app, applicant, "/messages")
            for title in ["申报状态：单位审核中", "申报状态：单位公示", "单位公示已登记", "申报状态：已上报，受理审核中", "申报状态：已受理", "纸质材料报送时间"] {
                #expect(centre.contains(title), "the message centre lacks \(title)")
            }
            let api = try await signInAPI(app, "applicant1")
            let answer = try ReviewFixture.decode(ApplicationController.ApplicationAnswer.self,
                                                  try await ReviewFixture.api(app, .GET, "/api/v1/applications/\(id)", token: api.token).1)
            #expect(answer.acceptanceNumber == "2024B2-FM-0001")
            #expect(answer.paperFiles?.zh.contains("梅园路77号") == true)
            #expect(answer.eligibility?.eligible == true)
            #expect(answer.history.map(\.event) == ["submit", "approve", "report", "accept"])
            // The bureau's list names the file where it stands and links to the whole of it.
            let bureauAPI = try await signInAPI(app, "bureau1")
            let (_, listBody) = try await ReviewFixture.api(app, .GET, "/api/v1/applications", token: bureauAPI.token)
            let list = try ReviewFixture.decode([ApplicationController.ApplicationSummary].self, listBody)
            let listed = try #require(list.first { $0.id == id })
            #expect(listed.stage == .accepted && listed.stage == answer.stage)
            #expect(listed.version == answer.version && listed.batch == answer.batch && listed.employerID == answer.employerID)
            #expect(listed.submittedAt == answer.submittedAt)
            #expect(listed.href == "/api/v1/applications/\(id)")
            #expect(!listBody.contains("\"content\""), "a list page carries no file's content")

            // Received by typing (or scanning) the number; a second scan changes nothing.
            clock.set("2024-09-27", 10)
            bureau = try await signInBrowser(app, "bureau1")
            (status, _, page) = try await ApplicationFlowTests.post(app, bureau, "/acceptance/paper/receipts", ["number": "2024b2-fm-0001 "])
            #expect(status == .ok)
            #expect(page.contains("已登记收到受理号 2024B2-FM-0001 的纸质材料"))
            (status, _, page) = try await ApplicationFlowTests.post(app, bureau, "/acceptance/paper/receipts", ["number": "2024B2-FM-0001"])
            #expect(page.contains("未重复登记"))
            (status, _, page) = try await ApplicationFlowTests.post(app, bureau, "/acceptance/paper/receipts", ["number": "2024B2-FM-0999"])
            #expect(status == .notFound)
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == "paper.received").count() == 1)
            let later = try await signInBrowser(app, "applicant1")
            #expect(try await ApplicationFlowTests.get(app, later, "/applications/\(id)").1.contains("纸质材料已于2024-09-27 10:00收到"))
        }
    }

    @Test("50 reviewers accept at the same moment: 50 distinct numbers without gaps", arguments: DatabaseEngine.available)
    func concurrentAccepts(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, clock: shanghaiNoon("2024-09-25"), demo: true) { app in
            let bureauID = try await userID(app, "bureau1")
            let bureau = Principal(userID: bureauID, username: "bureau1", displayName: "市人社局", roles: [.bureau], organisationID: nil,
                                   sessionID: UUID(), sessionKind: .api, csrfToken: "", unreadMessages: 0)
            // Fifty complete, eligible files: acceptance follows the conditions (四(五)), so a bare file would be refused.
            let employerID = try await organisationID(app, creditCode: DemoUnits.enterprise)
            var content = ApplicationContent()
            content.education = [ApplicationContent.EducationEntry(degree: .master, discipline: .economics, school: "University of Edinburgh",
                                                                   country: "英国", awardedOn: try ReviewFixture.day("2012-06-30"),
                                                                   recognitionNumber: nil)]
            content.work = [ApplicationContent.WorkEntry(from: try ReviewFixture.day("2012-07-01"), to: nil, employer: "上海示例单位",
                                                         position: "财务经理", inShanghai: true, related: true)]
            content.target = ApplicantProfile.Title(series: .accounting, level: .associateSenior)
            content.attestations = ApplicantProfile.Attestations(lawAbiding: true, professionalEthics: true, dutiesFulfilled: true)
            content.summary = String(repeating: "账", count: 3000)
            let proof = try await app.files.store(ReviewFixture.pdf("proof"), name: "proof.pdf", field: "file",
                                                  owner: try await userID(app, "bureau1"), on: app.db, clock: app.domain.clock)
            var files: [ApplicationRecord] = []
            for index in 0..<50 {
                let user = try await OperatorTasks.createUser(on: app, username: "holder\(index)", displayName: "持证人\(index)",
                                                              password: "Holder-pass-\(index)x", roles: [.applicant], organisationCreditCode: nil)
                let record = ApplicationRecord()
                record.applicantID = user
                record.batchID = app.domain.currentBatchID
                record.stage = Stage.reported.rawValue
                record.version = 1
                let verification = VerificationRecord()
                verification.applicantID = user
                verification.certificateItemID = "acca-fcca"
                verification.certificateNumber = "FCCA-\(index)"
                verification.holderName = "持证人\(index)"
                verification.source = VerificationRecord.Source.request.rawValue
                verification.status = VerificationStatus.passed.rawValue
                verification.passedOn = "2024-08-20"
                verification.verificationNumber = "CV2024-\(100_000 + index)"
                verification.createdAt = app.domain.clock.now()
                try await verification.create(on: app.db)
                record.employerID = employerID
                record.verificationID = try verification.requireID()
                record.contentJSON = try ApplicationRecord.encode(content)
                record.submittedAt = app.domain.clock.now()
                record.createdAt = app.domain.clock.now()
                record.updatedAt = app.domain.clock.now()
                try await record.create(on: app.db)
                for kind in AcceptanceChecklist.requiredUploads {
                    let upload = ApplicationUploadRecord()
                    upload.applicationID = try record.requireID()
                    upload.kind = kind.rawValue
                    upload.fileID = try proof.requireID()
                    upload.createdAt = app.domain.clock.now()
                    try await upload.create(on: app.db)
                }
                files.append(record)
            }
            let desk = ApplicationDesk(app: app, database: app.db)
            let policy = try #require(app.domain.policy(app.domain.currentBatchID))
            let report = try #require(try await desk.report(of: files[0]))
            #expect(report.eligible && !report.needsReview)
            // Every material found: the checklist the reviewers judge, all in order (the point here is the numbering).
            let items = AcceptanceChecklist.items(report: report, uploaded: Set(AcceptanceChecklist.requiredUploads), summaryZi: 3000, policy: policy)
            let decision = AcceptanceDecision(entries: items.map { AcceptanceDecision.Entry(id: $0.id, label: $0.label, verdict: .conforms, note: nil) },
                                              supplementDue: nil)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for file in files {
                    group.addTask {
                        _ = try await desk.transition(file, event: .accept, reason: nil, statement: .checklist(decision), idempotencyKey: nil, by: bureau)
                    }
                }
                try await group.waitForAll()
            }
            let numbers = try await AcceptanceRecord.query(on: app.db).all().map(\.number)
            #expect(numbers.count == 50)
            #expect(Set(numbers) == Set((1...50).map { AcceptanceNumber.format(batchCode: "2024B2", field: .financeManagement, sequence: $0) }))
            #expect(Set(try await AcceptanceRecord.query(on: app.db).all().map(\.applicationID)) == Set(files.compactMap(\.id)))
        }
    }
}

/// Reads the QR code on the first page of a PDF back with poppler and zbar.
enum QRCodeScan {
    static let available = ["pdftoppm", "zbarimg"].allSatisfy { FileManager.default.isExecutableFile(atPath: "/usr/bin/" + $0) }
        || ProcessInfo.processInfo.environment["CI"] != nil

    static func read(_ pdf: Data) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("titlebridge-scan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("form.pdf")
        try pdf.write(to: file)
        _ = try AssessmentFormTests.run("pdftoppm", ["-r", "150", "-f", "1", "-l", "1", "-png", file.path, folder.appendingPathComponent("page").path])
        let page = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasSuffix(".png") })
        return try AssessmentFormTests.run("zbarimg", ["--quiet", "--raw", folder.appendingPathComponent(page).path])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
