import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

/// 下一批次 — the next batch is a policy file, not a build: a third batch with its own dates and
/// thresholds (in the tests' own resources) runs the whole procedure, and a policy whose dates
/// do not hold together stops the start.
@Suite("The next batch as data — a third batch from a policy file alone")
struct NextBatchTests {
    static let batch = "shanghai-2025-batch3"
    static let applicant = "zhou.lan"

    /// The folder of the tests' policy files, as an installation's `TITLEBRIDGE_POLICY_DIR`.
    static func policyFolder() throws -> URL {
        try #require(Bundle.module.url(forResource: "Policies", withExtension: nil), "the test resources lack Policies/")
    }

    /// The people the procedure needs, made as an operator makes them — no demo data, whose
    /// files belong to the second batch. The role accounts carry the names the shared test steps
    /// sign in with (`verifier1`, `employer1`, `bureau1`, `admin`) and the demo password.
    static func cast(_ app: Application) async throws {
        let directory = AccountDirectory(app: app)
        let actor = AuditActor.system("test")
        let enterprise = try await directory.createOrganisation(NewOrganisation(
            kind: .enterprise, nameZh: "上海浦江示例科技有限公司", nameEn: "Pujiang Demo Technology Co., Ltd.",
            creditCode: DemoUnits.enterprise), by: actor).requireID()
        let bureau = try await directory.createOrganisation(NewOrganisation(
            kind: .bureau, nameZh: "上海市人力资源和社会保障局", nameEn: "Shanghai Municipal HR and Social Security Bureau"), by: actor).requireID()
        let platform = try await directory.createOrganisation(NewOrganisation(
            kind: .verificationPlatform, nameZh: "境外职业资格证书查验平台", nameEn: "Overseas Certificate Verification Platform"),
            by: actor).requireID()
        let hash = try await app.password.async.hash(DemoSeed.password).get()
        let people: [(username: String, name: String, role: Role, unit: UUID?)] = [
            (Self.applicant, "周岚", .applicant, nil),
            ("verifier1", "孙婷", .verifier, platform),
            ("employer1", "王敏（人事部）", .employer, enterprise),
            ("bureau1", "周静（专业技术人员管理处）", .bureau, bureau),
            ("admin", "系统管理员", .admin, nil),
        ]
        for person in people {
            _ = try await directory.createAccount(NewAccount(
                username: person.username, displayName: person.name, password: nil, roles: [person.role],
                organisationID: person.unit, idKind: nil, idNumber: nil, phone: nil), by: actor, passwordHash: hash)
        }
    }

    @Test("Batch 3 from its policy file: its window on the pages, 2500 字, a 7-working-day publicity across Qingming, a supplement, 2025B3 numbers, a junior appointment",
          arguments: DatabaseEngine.available)
    func thirdBatch(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2025-02-20"))
        try await withTestApp(engine, clock: clock, policyFolder: try Self.policyFolder()) { app in
            // No setting names it: the batch whose window opens last is the one the service runs.
            #expect(app.domain.currentBatchID == Self.batch)
            let policy = try app.domain.currentPolicy
            let calendar = app.domain.calendar
            let opens = policy.dates.submissionOpens.value, closes = policy.dates.submissionCloses.value
            let publicityDays = policy.thresholds.unitPublicityWorkingDays.value
            #expect(publicityDays == 7 && policy.thresholds.workSummaryMinimumZi.value == 2500)
            try await Self.cast(app)

            // The home page gives the third batch's dates, not the second's.
            let visitor = Browser(cookies: [:], csrf: "")
            let (_, home) = try await ApplicationFlowTests.get(app, visitor, "/")
            #expect(home.contains(DateText.range(opens, closes, in: .zh)))
            #expect(home.contains("2025年3月17日（周一） 至 2025年4月11日（周五）"))
            #expect(home.contains(DateText.withWeekday(policy.dates.verificationCutoff.value, in: .zh)))
            #expect(!home.contains("2024年9月19日"))
            let (_, homeEn) = try await ApplicationFlowTests.get(app, visitor, "/?lang=en")
            #expect(homeEn.contains("Mon 17 March 2025 to Fri 11 April 2025"))

            // 查验 passed on 20 February, before the third batch's cut-off (28 February).
            var holder = try await signInBrowser(app, Self.applicant)
            let verificationID = try await VerificationTests.submit(app, holder)
            let verifier = try await signInBrowser(app, "verifier1")
            #expect(try await VerificationTests.decide(app, verifier, verificationID, "pass") == .seeOther)
            let verification = try #require(try await VerificationRecord.find(verificationID, on: app.db))
            #expect(verification.passedOn == "2025-02-20")
            let number = try #require(verification.verificationNumber)
            let token = try await signInAPI(app, Self.applicant).token
            let (_, shownBody) = try await ReviewFixture.api(app, .GET, "/api/v1/verifications/\(verificationID)", token: token)
            let shown = try ReviewFixture.decode(VerificationView.self, shownBody)
            #expect(shown.currentBatch?.batch == Self.batch)
            #expect(shown.currentBatch?.qualifies == true)

            // The file is opened and filled in before the window opens, with a summary one 字 short.
            clock.set("2025-03-14", 10)
            holder = try await signInBrowser(app, Self.applicant)
            let (opened, stepURL, _) = try await ApplicationFlowTests.post(app, holder, "/applications", [:])
            #expect(opened == .seeOther)
            let id = try #require(stepURL.flatMap { UUID(uuidString: String($0.split(separator: "/")[1])) })
            #expect(try await ApplicationRecord.find(id, on: app.db)?.batchID == Self.batch)
            let employerID = try await organisationID(app, creditCode: DemoUnits.enterprise)
            let steps: [(ApplicationStep, [String: String])] = [
                (.personal, ["name": "周岚", "gender": "female", "birthDate": "1987-11-02", "nationality": "中国",
                             "idKind": "residentID", "idNumber": "11010519491231002X"]),
                (.employer, ["employerID": employerID.uuidString]),
                (.certificate, ["verificationNumber": number]),
                (.education, ["education[0][degree]": "master", "education[0][discipline]": "economics",
                              "education[0][school]": "London School of Economics", "education[0][country]": "英国",
                              "education[0][awardedOn]": "2011-07-15"]),
                (.work, ["work[0][from]": "2011-09-01", "work[0][employer]": "上海浦江示例科技有限公司 财务部",
                         "work[0][position]": "高级会计师", "work[0][inShanghai]": "on", "work[0][related]": "on"]),
                (.target, ["targetSeriesLevel": "accounting.associateSenior", "attest": "on"]),
                (.summary, ["summary": String(repeating: "账", count: 2499)]),
            ]
            for (step, fields) in steps {
                let (status, body) = try await ApplicationFlowTests.save(app, holder, id, step, fields)
                #expect(status == .seeOther, "\(step) answered \(status): \(body.prefix(400))")
            }
            for kind in ["degree", "workProof", "certificateScan", "commitment"] {
                let (status, body) = try await ApplicationUploadTests.upload(app, holder, id, kind: kind,
                                                                            data: ReviewFixture.pdf("\(id) \(kind)"), name: "\(kind).pdf")
                #expect(status == .seeOther, "\(kind) answered \(status): \(body.prefix(300))")
            }

            // The draft names the batch's minimum and the last useful day to submit, from the calendar.
            let plan = PublicityPlan(policy: policy, calendar: calendar)
            let submitBy = plan.lastUsefulSubmission(employerKind: .enterprise).value
            #expect(try ReviewFixture.day("2025-04-02") == submitBy, "seven working days back from 11 April, Qingming left out")
            let (_, draft) = try await ApplicationFlowTests.get(app, holder, "/applications/\(id)")
            #expect(draft.contains("工作总结：2499 字（不少于 2500 字）"))
            #expect(draft.contains("最迟于\(DateText.long(submitBy, in: .zh))提交所在单位审核"))
            #expect(draft.contains("不少于\(publicityDays)个工作日的公示"))
            let (_, summaryStep) = try await ApplicationFlowTests.get(app, holder, "/applications/\(id)/steps/summary")
            #expect(summaryStep.contains("不少于 2500 字") && summaryStep.contains("data-zi-minimum=\"2500\""))

            // Before 17 March the window is not open.
            var (status, page) = try await ReviewFixture.act(app, holder, id, "submit")
            #expect(status == .conflict)
            #expect(page.contains(DateText.range(opens, closes, in: .zh)))

            // In the window: 2499 字 refused with the batch's minimum, 2500 accepted.
            clock.set("2025-04-01", 9)
            holder = try await signInBrowser(app, Self.applicant)
            (status, page) = try await ReviewFixture.act(app, holder, id, "submit")
            #expect(status == .conflict)
            #expect(page.contains("专业技术工作总结不少于2500字，现为2499字"))
            (status, page) = try await ApplicationFlowTests.save(app, holder, id, .summary, ["summary": String(repeating: "账", count: 2500)])
            #expect(status == .seeOther)
            (status, page) = try await ReviewFixture.act(app, holder, id, "submit")
            #expect(status == .seeOther, "submit answered \(status): \(page.prefix(300))")
            #expect(try await ApplicationRecord.find(id, on: app.db)?.currentStage == .employerReview)

            // The employer approves and posts the file for seven working days from 1 April: Qingming
            // (4–6 April) is not counted, so it ends on 10 April.
            let employer = try await signInBrowser(app, "employer1")
            (status, page) = try await ReviewFixture.act(app, employer, id, "approve", ReviewFixture.opinion(on: "2025-04-01"))
            #expect(status == .seeOther, "approve answered \(status): \(page.prefix(300))")
            (status, page) = try await ReviewFixture.publicity(app, employer, id, startsOn: "2025-04-01")
            #expect(status == .seeOther, "the publicity answered \(status): \(page.prefix(300))")
            let ends = calendar.nthWorkingDay(from: try ReviewFixture.day("2025-04-01"), count: publicityDays).value
            #expect(try ReviewFixture.day("2025-04-10") == ends)
            #expect(try calendar.holiday(on: ReviewFixture.day("2025-04-04"))?.name.zh == "清明节")
            #expect(try await PublicityRecord.query(on: app.db).filter(\.$applicationID == id).first()?.endsOn == ends.iso)
            #expect(try await ApplicationUploadTests.upload(app, employer, id, kind: "unitOpinion",
                                                            data: ReviewFixture.pdf("\(id) opinion"), name: "opinion.pdf").0 == .seeOther)

            // The day before it ends: no outcome, no report.
            clock.set("2025-04-09", 16)
            let early = try await signInBrowser(app, "employer1")
            #expect(try await ReviewFixture.outcome(app, early, id, on: "2025-04-09").0 == .badRequest)
            holder = try await signInBrowser(app, Self.applicant)
            (status, page) = try await ReviewFixture.act(app, holder, id, "report")
            #expect(status == .conflict)
            #expect(page.contains("单位公示至\(DateText.long(ends, in: .zh))结束，结束前不能上报"))
            #expect(try await ApplicationRecord.find(id, on: app.db)?.currentStage == .unitPublicity)

            // On its last day: the outcome, then the report.
            clock.set("2025-04-10", 9)
            let recorder = try await signInBrowser(app, "employer1")
            (status, page) = try await ReviewFixture.outcome(app, recorder, id, on: "2025-04-10")
            #expect(status == .seeOther, "the outcome answered \(status): \(page.prefix(300))")
            holder = try await signInBrowser(app, Self.applicant)
            (status, page) = try await ReviewFixture.act(app, holder, id, "report")
            #expect(status == .seeOther, "report answered \(status): \(page.prefix(300))")
            #expect(try await ApplicationRecord.find(id, on: app.db)?.currentStage == .reported)

            // The bureau's checklist carries the third batch's own clause: no one from the second batch.
            clock.set("2025-04-11", 10)
            let (bureau, ids) = try await AcceptanceTests.bureauChecklist(app, id)
            #expect(ids.contains("clause:\(ClauseID.priorParticipation.rawValue)"))

            // One supplement: its due day must be a working day of 2025, so Labour Day is refused.
            var fields = AcceptanceTests.verdicts(ids, flagged: ["upload:workProof": "nonConforming"])
            fields["supplementDue"] = "2025-05-01"
            (status, page) = try await ReviewFixture.act(app, bureau, id, "requestSupplement", fields)
            #expect(status == .badRequest)
            #expect(page.contains("劳动节假期"))
            fields["supplementDue"] = "2025-04-18"
            (status, page) = try await ReviewFixture.act(app, bureau, id, "requestSupplement", fields)
            #expect(status == .seeOther, "the supplement answered \(status): \(page.prefix(300))")
            #expect(try await ApplicationRecord.find(id, on: app.db)?.currentStage == .supplementRequested)
            holder = try await signInBrowser(app, Self.applicant)
            #expect(try await ApplicationUploadTests.upload(app, holder, id, kind: "workProof",
                                                            data: ReviewFixture.pdf("\(id) workProof 2"), name: "work.pdf").0 == .seeOther)
            #expect(try await ReviewFixture.act(app, holder, id, "resubmit").0 == .seeOther)

            // Accepted under the third batch's code.
            (status, page) = try await ReviewFixture.act(app, bureau, id, "accept", AcceptanceTests.verdicts(ids))
            #expect(status == .seeOther, "accept answered \(status): \(page.prefix(300))")
            let acceptance = try #require(try await AcceptanceRecord.query(on: app.db).filter(\.$applicationID == id).first())
            #expect(acceptance.number == AcceptanceNumber.format(batchCode: policy.acceptanceBatchCode, field: .financeManagement, sequence: 1))
            #expect(acceptance.number == "2025B3-FM-0001")
            #expect(acceptance.batchID == Self.batch)
            let file = try #require(try await ApplicationRecord.find(id, on: app.db))
            #expect(file.currentStage == .accepted)
            #expect(file.batchID == Self.batch)

            // A junior appointment under the third batch: its notice on the page, a 2025 number.
            let admin = try await signInBrowser(app, "admin")
            let csv = Data([CatalogueImportTests.header, AppointmentTests.engineeringItem].joined(separator: "\n").utf8)
            #expect(try await CatalogueImportTests.upload(app, admin, csv).0 == .ok)
            let unit = try await signInBrowser(app, "employer1")
            var appointment = AppointmentTests.form(name: "林雨桐", degree: "master", awardedOn: "2023-06-30", workFrom: "2023-07-15")
            appointment["appointedOn"] = "2025-04-11"
            let (appointed, _, appointmentPage) = try await ApplicationFlowTests.post(app, unit, "/unit-appointments", appointment)
            #expect(appointed == .created, "\(appointmentPage.prefix(400))")
            #expect(appointmentPage.contains("PR2025-000001"))
            #expect(appointmentPage.contains(policy.notice.document))
            #expect(try await AppointmentRecord.query(on: app.db).first()?.appointedOn == "2025-04-11")
        }
    }

    @Test("The batch to run can be named; a name no policy file has stops the start")
    func namedBatch() throws {
        let folder = try Self.policyFolder()
        #expect(try DomainServices.bundled(policyFolder: folder).currentBatchID == Self.batch)
        #expect(try DomainServices.bundled(policyFolder: folder, currentBatch: "shanghai-2024-batch2").currentBatchID == "shanghai-2024-batch2")
        #expect(throws: ConfigError.self) { try DomainServices.bundled(policyFolder: folder, currentBatch: "shanghai-2026-batch4") }
    }

    /// The third batch's file with some of its dates changed, alone in a folder of its own.
    static func variant(_ dates: [String: String]) throws -> URL {
        let original = try Data(contentsOf: try Self.policyFolder().appendingPathComponent(Self.batch + ".json"))
        guard var policy = try JSONSerialization.jsonObject(with: original) as? [String: Any],
              var entries = policy["dates"] as? [String: Any] else { throw TestSetupError("the policy file has no dates") }
        for (key, value) in dates {
            guard var entry = entries[key] as? [String: Any] else { throw TestSetupError("no date \(key) in the policy file") }
            entry["value"] = value
            entries[key] = entry
        }
        policy["dates"] = entries
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("titlebridge-policy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try JSONSerialization.data(withJSONObject: policy).write(to: folder.appendingPathComponent(Self.batch + ".json"))
        return folder
    }

    @Test("A policy file whose dates do not hold together is refused when loaded from a folder, naming the file and the key")
    func inconsistentDates() throws {
        let calendar = try WorkingDayCalendar.bundled()
        let qingmingWeek = try (ReviewFixture.day("2025-04-01"), ReviewFixture.day("2025-04-09"))
        let cases: [(dates: [String: String], key: String, problem: String)] = [
            // The window opens on 17 March, before a verification cut-off of 20 March.
            (["verificationCutoff": "2025-03-20"], "dates.verificationCutoff", "must fall before the submission window opens"),
            // Nine days, but with Qingming and a weekend only six working days: too short for seven.
            (["submissionOpens": "2025-04-01", "submissionCloses": "2025-04-09"], "thresholds.unitPublicityWorkingDays",
             "holds only \(calendar.workingDays(from: qingmingWeek.0, through: qingmingWeek.1).value)"),
        ]
        #expect(calendar.workingDays(from: qingmingWeek.0, through: qingmingWeek.1).value == 6)
        for bad in cases {
            let folder = try Self.variant(bad.dates)
            defer { try? FileManager.default.removeItem(at: folder) }
            do {
                let loaded = try DomainServices.bundled(policyFolder: folder)
                Issue.record("the policy with \(bad.dates) was loaded; current batch \(loaded.currentBatchID)")
            } catch let error as DataFileError {
                #expect(error.file == Self.batch + ".json")
                #expect(error.key == bad.key)
                #expect(error.problem.contains(bad.problem), "\(error)")
            }
        }
        // The file as shipped with the tests loads: what is refused is the change alone.
        #expect(try DomainServices.bundled(policyFolder: try Self.policyFolder()).policy(Self.batch) != nil)
    }

    @Test("二 Taking part in batch 2 means a file accepted there: the third batch's profile names it; a file withdrawn, refused or never accepted does not count",
          arguments: DatabaseEngine.available)
    func earlierParticipation(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, clock: shanghaiNoon("2025-03-20"), demo: true, policyFolder: try Self.policyFolder()) { app in
            let desk = ApplicationDesk(app: app, database: app.db)
            let rows: [(Stage, Bool)] = [(.accepted, true), (.certified, true), (.notRecognised, true), (.withdrawn, false),
                                         (.notAccepted, false), (.reported, false), (.draft, false)]
            for (index, (stage, tookPart)) in rows.enumerated() {
                let applicant = try await OperatorTasks.createUser(on: app, username: "holder\(index)", displayName: "持证人\(index)",
                                                                   password: "Holder-pass-2025", roles: [.applicant], organisationCreditCode: nil)
                let earlier = ApplicationRecord()
                earlier.applicantID = applicant
                earlier.batchID = "shanghai-2024-batch2"
                earlier.stage = stage.rawValue
                earlier.version = 1
                earlier.contentJSON = try ApplicationRecord.encode(ApplicationContent())
                earlier.createdAt = app.domain.clock.now()
                earlier.updatedAt = app.domain.clock.now()
                try await earlier.create(on: app.db)
                let taken = try await desk.batchesTakenPart(by: applicant, besides: Self.batch)
                #expect(taken == (tookPart ? ["shanghai-2024-batch2"] : []), "a batch-2 file \(stage.rawValue)")
                #expect(try await desk.batchesTakenPart(by: applicant, besides: "shanghai-2024-batch2").isEmpty,
                        "a batch's own file is not an earlier participation")
            }
        }
    }
}
