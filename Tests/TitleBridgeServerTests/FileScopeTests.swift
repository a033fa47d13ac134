import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

/// What each party may do with one application file: a draft never submitted is its
/// applicant's alone; the ID number is whole only for the applicant and the bureau; an account
/// holding several roles acts in the role that applies to the file at hand.
@Suite("One file, decided per file — drafts, whole ID numbers, several roles on one account")
struct FileScopeTests {
    static let wholeNumber = "11010519491231002X"
    static let maskedNumber = "1101**********002X"

    /// applicant1's file, filled in through the pages: personal data with the ID number, and
    /// the employer with `creditCode`. Not submitted.
    static func draft(_ app: Application, at creditCode: String) async throws -> UUID {
        let owner = try await signInBrowser(app, "applicant1")
        let (_, stepURL, _) = try await ApplicationFlowTests.post(app, owner, "/applications", [:])
        let id = try #require(stepURL.flatMap { UUID(uuidString: String($0.split(separator: "/")[1])) })
        let unit = try await organisationID(app, creditCode: creditCode)
        for (step, fields) in [
            (ApplicationStep.personal, ["name": "陈思远", "gender": "male", "birthDate": "1949-12-31", "nationality": "中国",
                                        "idKind": "residentID", "idNumber": Self.wholeNumber]),
            (.employer, ["employerID": unit.uuidString]),
        ] {
            #expect(try await ApplicationFlowTests.save(app, owner, id, step, fields).0 == .seeOther, "\(step)")
        }
        return id
    }

    /// The file as after its first submission (`stage`), or as after a return (draft again).
    static func markSubmitted(_ app: Application, _ id: UUID, stage: Stage) async throws {
        try await ApplicationRecord.query(on: app.db).filter(\.$id == id)
            .set(\.$stage, to: stage.rawValue).set(\.$submittedAt, to: app.domain.clock.now()).update()
    }

    static func listed(_ app: Application, token: String) async throws -> [UUID] {
        let (status, body) = try await ReviewFixture.api(app, .GET, "/api/v1/applications", token: token)
        #expect(status == .ok)
        return try ReviewFixture.decode([ApplicationController.ApplicationSummary].self, body).map(\.id)
    }

    @Test("A draft never submitted: employer, supervising department, bureau and administrator get 404 everywhere",
          arguments: DatabaseEngine.available)
    func draftIsTheApplicantsOwn(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let id = try await Self.draft(app, at: DemoUnits.institution)
            let owner = try await signInBrowser(app, "applicant1")
            #expect(try await ApplicationUploadTests.upload(app, owner, id, kind: "degree", data: ReviewFixture.pdf("degree"),
                                                            name: "degree.pdf").0 == .seeOther)
            let file = try #require(try await ApplicationUploadRecord.query(on: app.db).filter(\.$applicationID == id).first()).fileID
            let paths = ["/applications/\(id)", "/applications/\(id)/form.pdf", "/files/\(file)"]
            for path in paths {
                #expect(try await ApplicationFlowTests.get(app, owner, path).0 == .ok, "the applicant: \(path)")
            }

            let others = ["employer2", "supervisor1", "bureau1", "admin"]
            for username in others {
                let browser = try await signInBrowser(app, username)
                for path in paths {
                    #expect(try await ApplicationFlowTests.get(app, browser, path).0 == .notFound, "\(username): \(path)")
                }
                let api = try await signInAPI(app, username)
                for path in ["/api/v1/applications/\(id)", "/api/v1/applications/\(id)/form.pdf"] {
                    #expect(try await ReviewFixture.api(app, .GET, path, token: api.token).0 == .notFound, "\(username): \(path)")
                }
                #expect(!(try await Self.listed(app, token: api.token)).contains(id), "\(username) lists the draft")
            }

            // Submitted once and returned: a draft again, but its reviewers keep reading it.
            try await Self.markSubmitted(app, id, stage: .draft)
            for username in others {
                let browser = try await signInBrowser(app, username)
                for path in paths {
                    #expect(try await ApplicationFlowTests.get(app, browser, path).0 == .ok, "\(username) after a return: \(path)")
                }
                let api = try await signInAPI(app, username)
                #expect(try await ReviewFixture.api(app, .GET, "/api/v1/applications/\(id)", token: api.token).0 == .ok, "\(username)")
                #expect(try await Self.listed(app, token: api.token).contains(id), "\(username) does not list the returned file")
            }
        }
    }

    @Test("The API answer: the whole ID number to the applicant and the bureau, masked to the unit, the department and the administrator",
          arguments: DatabaseEngine.available)
    func numberInTheAnswer(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let id = try await Self.draft(app, at: DemoUnits.institution)
            try await Self.markSubmitted(app, id, stage: .employerReview)
            for (username, shown) in [("applicant1", Self.wholeNumber), ("bureau1", Self.wholeNumber),
                                      ("employer2", Self.maskedNumber), ("supervisor1", Self.maskedNumber),
                                      ("admin", Self.maskedNumber)] {
                let api = try await signInAPI(app, username)
                let (status, body) = try await ReviewFixture.api(app, .GET, "/api/v1/applications/\(id)", token: api.token)
                #expect(status == .ok, "\(username)")
                let answer = try ReviewFixture.decode(ApplicationController.ApplicationAnswer.self, body)
                #expect(answer.idNumber == shown, "\(username)")
                #expect(answer.idNumberMasked == (shown != Self.wholeNumber), "\(username)")
                if shown != Self.wholeNumber { #expect(!body.contains(Self.wholeNumber), "\(username) reads the whole number") }
                // The list names the file without any ID number, whole or masked.
                let (_, list) = try await ReviewFixture.api(app, .GET, "/api/v1/applications", token: api.token)
                let entry = try ReviewFixture.decode([ApplicationController.ApplicationSummary].self, list).first { $0.id == id }
                #expect(entry?.href == "/api/v1/applications/\(id)", "\(username) lists the file")
                #expect(!list.contains(Self.wholeNumber) && !list.contains(Self.maskedNumber), "\(username)'s list shows no ID number")
            }
        }
    }

    @Test("The API's list: summaries a page at a time, each next page named in Link, together the whole list",
          arguments: DatabaseEngine.available)
    func listPages(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, clock: SystemClock(), demoFiles: true) { app in
            let api = try await signInAPI(app, "bureau1")
            var seen: [UUID] = []
            var next: String? = "/api/v1/applications?per=2"
            while let path = next {
                let res = try await app.testing().sendRequest(.GET, path, headers: ["Authorization": "Bearer \(api.token)"])
                #expect(res.status == .ok)
                let page = try ReviewFixture.decode([ApplicationController.ApplicationSummary].self, res.body.string)
                #expect(page.count <= 2 && !page.isEmpty)
                seen += page.map(\.id)
                next = res.headers.first(name: .link).flatMap { link in
                    link.hasSuffix("; rel=\"next\"") ? link.split(separator: ">").first.map { String($0.dropFirst()) } : nil
                }
            }
            let whole = try ReviewFixture.decode([ApplicationController.ApplicationSummary].self,
                                                 try await ReviewFixture.api(app, .GET, "/api/v1/applications", token: api.token).1)
            #expect(seen.count > 2, "the demo batch fills more than one page of two")
            #expect(seen == whole.map(\.id), "the pages together are the list, in its order, nothing twice")
        }
    }

    @Test("The printed form: the whole ID number for the applicant and the bureau, masked for the others",
          .enabled(if: AssessmentFormTests.poppler || ProcessInfo.processInfo.environment["CI"] != nil),
          arguments: DatabaseEngine.available)
    func numberOnTheForm(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let id = try await Self.draft(app, at: DemoUnits.institution)
            try await Self.markSubmitted(app, id, stage: .employerReview)
            for (username, whole) in [("applicant1", true), ("bureau1", true), ("employer2", false), ("supervisor1", false),
                                      ("admin", false)] {
                let browser = try await signInBrowser(app, username)
                var pdf = Data()
                try await app.testing().test(.GET, "/applications/\(id)/form.pdf", beforeRequest: { browser.prepare(&$0) }) { res in
                    #expect(res.status == .ok, "\(username)")
                    pdf = Data(buffer: res.body)
                }
                let file = FileManager.default.temporaryDirectory.appendingPathComponent("titlebridge-number-\(UUID().uuidString).pdf")
                try pdf.write(to: file)
                defer { try? FileManager.default.removeItem(at: file) }
                let text = try AssessmentFormTests.run("pdftotext", ["-enc", "UTF-8", file.path, "-"]).filter { !$0.isWhitespace }
                #expect(text.contains("证件号码"), "\(username): the form has the row at all")
                #expect(text.contains(Self.wholeNumber) == whole, "\(username): whole number")
                #expect(text.contains(Self.maskedNumber) == !whole, "\(username): masked number")
            }
        }
    }

    /// A stage change through the API.
    struct Act: Encodable, Sendable {
        struct Opinion: Encodable, Sendable {
            let dutiesPerformed = true
            let materialsTrue = true
            let agrees = true
            let reviewer = "赵双"
            let reviewedOn: String
        }

        let event: String
        var reason: String?
        var opinion: Opinion?
    }

    @Test("Employer and applicant on one account: reviews a colleague's file as employer, withdraws only its own, never reviews its own",
          arguments: DatabaseEngine.available)
    func severalRoles(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            _ = try await OperatorTasks.createUser(on: app, username: "zhaoshuang", displayName: "赵双", password: DemoSeed.password,
                                                   roles: [.employer, .applicant], organisationCreditCode: DemoUnits.enterprise)
            let returned = try await UnitApplicationsTests.file(app, "applicant1", creditCode: DemoUnits.enterprise, stage: .employerReview)
            let approved = try await UnitApplicationsTests.file(app, "applicant2", creditCode: DemoUnits.enterprise, stage: .employerReview)
            let own = try await UnitApplicationsTests.file(app, "zhaoshuang", creditCode: DemoUnits.enterprise, stage: .employerReview)
            let today = app.domain.clock.today().iso
            let opinion = Act.Opinion(reviewedOn: today)

            // The pages offer only what the account may do on each file.
            let browser = try await signInBrowser(app, "zhaoshuang")
            let colleaguePage = try await ApplicationFlowTests.get(app, browser, "/applications/\(returned)").1
            #expect(colleaguePage.contains(#"name="event" value="returnToApplicant""#))
            #expect(colleaguePage.contains(#"name="event" value="approve""#))
            #expect(!colleaguePage.contains(#"name="event" value="withdraw""#))
            let ownPage = try await ApplicationFlowTests.get(app, browser, "/applications/\(own)").1
            #expect(ownPage.contains(#"name="event" value="withdraw""#))
            #expect(!ownPage.contains(#"name="event" value="returnToApplicant""#))
            #expect(!ownPage.contains(#"name="event" value="approve""#))

            let api = try await signInAPI(app, "zhaoshuang")
            let path = { (id: UUID) in "/api/v1/applications/\(id)/transitions" }
            // Refused, and nothing changes: a colleague's withdrawal, a review of its own file.
            for (id, act) in [(returned, Act(event: "withdraw", reason: "不报了")),
                              (own, Act(event: "approve", opinion: opinion)),
                              (own, Act(event: "returnToApplicant", reason: "自己退回"))] {
                let before = try await ReviewFixture.footprint(app, id)
                let (status, body) = try await ReviewFixture.api(app, .POST, path(id), token: api.token, json: act)
                #expect(status == .forbidden || status == .notFound, "\(act.event) on \(id == own ? "its own" : "a colleague's") file: \(status) \(body)")
                #expect(try await ReviewFixture.footprint(app, id) == before, "\(act.event) changed the file")
            }

            // Allowed, each audited in the role used.
            var (status, body) = try await ReviewFixture.api(app, .POST, path(returned), token: api.token,
                                                             json: Act(event: "returnToApplicant", reason: "工作证明缺少单位盖章"))
            #expect(status == .ok, "\(body)")
            (status, body) = try await ReviewFixture.api(app, .POST, path(approved), token: api.token,
                                                         json: Act(event: "approve", opinion: opinion))
            #expect(status == .ok, "\(body)")
            (status, body) = try await ReviewFixture.api(app, .POST, path(own), token: api.token, json: Act(event: "withdraw"))
            #expect(status == .ok, "\(body)")
            #expect(try await ApplicationRecord.find(returned, on: app.db)?.currentStage == .draft)
            #expect(try await ApplicationRecord.find(approved, on: app.db)?.currentStage == .unitPublicity)
            #expect(try await ApplicationRecord.find(own, on: app.db)?.currentStage == .withdrawn)
            for (id, action, role) in [(returned, "application.returnToApplicant", "employer"), (approved, "application.approve", "employer"),
                                       (own, "application.withdraw", "applicant")] {
                let rows = try await AuditEventRecord.query(on: app.db).filter(\.$recordID == id.uuidString).filter(\.$action == action).all()
                #expect(rows.count == 1, "\(action)")
                #expect(rows.first?.actorName == "zhaoshuang")
                #expect(rows.first?.actorRole == role, "\(action) names the role \(rows.first?.actorRole ?? "-")")
            }
        }
    }
}
