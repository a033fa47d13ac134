import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

@Suite("网上申报 — from sign-up to submitted")
struct ApplicationFlowTests {
    /// Posts a form as `browser`; returns status, Location and body. The browser has answered
    /// "yes" to the question an irreversible action asks first (`confirmed=1`, as the dialog or
    /// the confirmation page sends it), unless `fields` says otherwise.
    static func post(_ app: Application, _ browser: Browser, _ path: String, _ fields: [String: String],
                     referer: String? = nil) async throws -> (HTTPStatus, String?, String) {
        var result: (HTTPStatus, String?, String) = (.internalServerError, nil, "")
        try await app.testing().test(.POST, path, beforeRequest: { req in
            browser.prepare(&req)
            if let referer { req.headers.replaceOrAdd(name: .referer, value: referer) }
            var form = fields
            form["_csrf"] = browser.csrf
            form["confirmed"] = form["confirmed"] ?? "1"
            try req.content.encode(FormBody(form), as: .urlEncodedForm)
        }) { res in result = (res.status, res.headers.first(name: .location), res.body.string) }
        return result
    }

    static func get(_ app: Application, _ browser: Browser, _ path: String) async throws -> (HTTPStatus, String) {
        var result: (HTTPStatus, String) = (.internalServerError, "")
        try await app.testing().test(.GET, path, beforeRequest: { browser.prepare(&$0) }) { res in result = (res.status, res.body.string) }
        return result
    }

    /// Saves one step as the page does: reads the version off the step page, posts the fields.
    /// A refused save sends the browser back to the step's page (post/redirect/get); that page
    /// is followed as a browser does, and its status and body are the answer.
    static func save(_ app: Application, _ browser: Browser, _ id: UUID, _ step: ApplicationStep,
                     _ fields: [String: String]) async throws -> (HTTPStatus, String) {
        let (_, page) = try await get(app, browser, "/applications/\(id)/steps/\(step.rawValue)")
        var form = fields
        form["version"] = formValue("version", in: page) ?? ""
        let (status, location, body) = try await post(app, browser, "/applications/\(id)/steps/\(step.rawValue)", form)
        if let location, location.hasPrefix("/applications/\(id)/steps/\(step.rawValue)?refused=") {
            return try await get(app, browser, location)
        }
        return (status, body)
    }

    @Test("Sign up, verify, fill every step, submit inside the window — once", arguments: DatabaseEngine.available)
    func walk(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-08-20"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            // Sign-up opens a session at once.
            var holder = try await anonymousBrowser(app)
            let (registered, location, _) = try await Self.post(app, holder, "/register", [
                "username": "lin.xiao", "displayName": "林晓", "password": "Lin-xiao-2024", "phone": "13600001111"])
            #expect(registered == .seeOther)
            #expect(location == "/applications")
            holder = try await signInBrowser(app, "lin.xiao", password: "Lin-xiao-2024")

            // 查验 first (四(一)), passed before the cut-off.
            let verificationID = try await VerificationTests.submit(app, holder)
            let verifier = try await signInBrowser(app, "verifier1")
            #expect(try await VerificationTests.decide(app, verifier, verificationID, "pass") == .seeOther)
            let number = try #require(try await VerificationRecord.find(verificationID, on: app.db)?.verificationNumber)

            // Open the file and fill it in, step by step, on the last evening of the window.
            clock.set("2024-09-19", 23, 0)
            holder = try await signInBrowser(app, "lin.xiao", password: "Lin-xiao-2024")
            let (opened, stepURL, _) = try await Self.post(app, holder, "/applications", [:])
            #expect(opened == .seeOther)
            let id = try #require(stepURL.flatMap { UUID(uuidString: String($0.split(separator: "/")[1])) })
            let employer = try await organisationID(app, creditCode: DemoUnits.enterprise)
            let steps: [(ApplicationStep, [String: String])] = [
                (.personal, ["name": "林晓", "gender": "female", "birthDate": "1988-03-02", "nationality": "中国",
                             "idKind": "residentID", "idNumber": "11010519491231002X"]),
                (.employer, ["employerID": employer.uuidString]),
                (.certificate, ["verificationNumber": number]),
                (.education, ["education[0][degree]": "master", "education[0][discipline]": "economics",
                              "education[0][school]": "University of Edinburgh", "education[0][country]": "英国",
                              "education[0][awardedOn]": "2012-06-30", "education[0][recognitionNumber]": "JSZ2012-0042"]),
                (.work, ["work[0][from]": "2012-07-01", "work[0][employer]": "上海浦江示例科技有限公司 财务部",
                         "work[0][position]": "财务经理", "work[0][inShanghai]": "on", "work[0][related]": "on"]),
                (.target, ["targetSeriesLevel": "accounting.associateSenior", "attest": "on"]),
                (.summary, ["summary": String(repeating: "账", count: 2999)]),
            ]
            for (step, fields) in steps {
                let (status, body) = try await Self.save(app, holder, id, step, fields)
                #expect(status == .seeOther, "\(step) answered \(status): \(body.prefix(400))")
            }
            // The target step offered the title with the reasons for the others.
            let (_, targetPage) = try await Self.get(app, holder, "/applications/\(id)/steps/target")
            #expect(targetPage.contains("value=\"accounting.associateSenior\" checked"))
            #expect(targetPage.contains("value=\"engineering.associateSenior\" disabled"))

            // 2999 字 is refused at submission with the rule named; 3000 is accepted.
            var (status, _, page) = try await Self.post(app, holder, "/applications/\(id)/transitions",
                                                        ["event": "submit", "idempotencyKey": "k-short"])
            #expect(status == .conflict)
            #expect(page.contains("不少于3000字，现为2999字"))
            (status, page) = try await Self.save(app, holder, id, .summary, ["summary": String(repeating: "账", count: 3000)])
            #expect(status == .seeOther)

            // 00:00:00 after the last day: refused, naming the deadline, nothing changed.
            clock.set("2024-09-20", 0)
            // An hour later: the session ended when it was idle for half of it; she signs in again.
            holder = try await signInBrowser(app, "lin.xiao", password: "Lin-xiao-2024")
            (status, _, page) = try await Self.post(app, holder, "/applications/\(id)/transitions", ["event": "submit", "idempotencyKey": "k-late"])
            #expect(status == .conflict)
            #expect(page.contains("2024年9月19日"))
            #expect(try await ApplicationRecord.find(id, on: app.db)?.currentStage == .draft)

            // 23:59:59 on the last day: without its proofs the file is refused, naming them (四(三));
            // with them it is submitted — and a double click submits once.
            clock.set("2024-09-19", 23, 59, 59)
            (status, _, page) = try await Self.post(app, holder, "/applications/\(id)/transitions", ["event": "submit", "idempotencyKey": "k-bare"])
            #expect(status == .conflict)
            #expect(page.contains("提交前请上传：学历学位证书、工作证明、境外职业资格证书"))
            for kind in SubmissionProofs.required {
                let (uploaded, body) = try await ApplicationUploadTests.upload(app, holder, id, kind: kind.rawValue,
                                                                              data: ReviewFixture.pdf("\(id) \(kind)"), name: "\(kind).pdf")
                #expect(uploaded == .seeOther, "\(kind) answered \(uploaded): \(body.prefix(300))")
            }
            for _ in 0..<2 {
                (status, _, page) = try await Self.post(app, holder, "/applications/\(id)/transitions", ["event": "submit", "idempotencyKey": "k-1"])
                #expect(status == .seeOther)
            }
            let submitted = try #require(try await ApplicationRecord.find(id, on: app.db))
            #expect(submitted.currentStage == .employerReview)
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == "application.submit").count() == 1)
            let messages = try await MessageRecord.query(on: app.db).filter(\.$applicationID == id).all()
            #expect(messages.count == 1)
            #expect(messages.first?.titleZh.contains("单位审核中") == true)

            // The layout counts the unread message; the message centre shows it and marks it read.
            let (_, status1) = try await Self.get(app, holder, "/applications/\(id)")
            #expect(status1.contains("class=\"unread\""))
            #expect(status1.contains("单位审核中"))
            // The procedure's timeline marks where the file is.
            #expect(status1.contains("step-here-file\" id=\"step-unit-review\""))
            #expect(status1.contains("您的申报在此"))
            let (_, centre) = try await Self.get(app, holder, "/messages")
            #expect(centre.contains("申报状态：单位审核中"))
            #expect(try await MessageRecord.query(on: app.db).filter(\.$readAt == nil).count() == 0)

            // Submitted: no more editing until it is returned.
            (status, page) = try await Self.save(app, holder, id, .summary, ["summary": "改"])
            #expect(status == .conflict)
            #expect(page.contains("退回前不能修改"))
        }
    }

    @Test("Two tabs: the second save from a stale page is refused and nothing is overwritten", arguments: DatabaseEngine.available)
    func staleVersion(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let holder = try await signInBrowser(app, "applicant1")
            let (_, stepURL, _) = try await Self.post(app, holder, "/applications", [:])
            let id = try #require(stepURL.flatMap { UUID(uuidString: String($0.split(separator: "/")[1])) })
            let (_, tab) = try await Self.get(app, holder, "/applications/\(id)/steps/summary")
            let shownVersion = try #require(formValue("version", in: tab))
            // Tab one saves.
            var (status, _, _) = try await Self.post(app, holder, "/applications/\(id)/steps/summary",
                                                     ["version": shownVersion, "summary": "第一个窗口的内容"])
            #expect(status == .seeOther)
            // Tab two, opened before, saves with the old version.
            var page: String
            let (refused, location, _) = try await Self.post(app, holder, "/applications/\(id)/steps/summary",
                                                             ["version": shownVersion, "summary": "第二个窗口的内容"])
            #expect(refused == .seeOther, "the refusal is shown on the step's own page")
            (status, page) = try await Self.get(app, holder, try #require(location))
            #expect(status == .conflict)
            #expect(page.contains("已在其他窗口修改"))
            #expect(page.contains("第二个窗口的内容"), "what was typed stays in the form")
            #expect(try await ApplicationRecord.find(id, on: app.db)?.content.summary == "第一个窗口的内容")

            // The API says the same with 409.
            let api = try await signInAPI(app, "applicant1")
            try await app.testing().test(.PUT, "/api/v1/applications/\(id)/steps/summary", beforeRequest: { req in
                req.headers.bearerAuthorization = BearerAuthorization(token: api.token)
                try req.content.encode(["version": Int(shownVersion) ?? 0], as: .json)
            }) { res in
                #expect(res.status == .conflict)
                #expect(res.body.string.contains("stale_version"))
            }
        }
    }

    @Test("The API's Idempotency-Key: the same key twice changes the file once", arguments: DatabaseEngine.available)
    func apiIdempotency(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let api = try await signInAPI(app, "applicant1")
            var id: UUID?
            try await app.testing().test(.POST, "/api/v1/applications", beforeRequest: { req in
                req.headers.bearerAuthorization = BearerAuthorization(token: api.token)
            }) { res in
                #expect(res.status == .created)
                id = try? res.content.decode(ApplicationController.ApplicationAnswer.self).id
            }
            let file = try #require(id)
            for _ in 0..<2 {
                try await app.testing().test(.POST, "/api/v1/applications/\(file)/transitions", beforeRequest: { req in
                    req.headers.bearerAuthorization = BearerAuthorization(token: api.token)
                    req.headers.replaceOrAdd(name: "Idempotency-Key", value: "withdraw-once")
                    try req.content.encode(["event": "withdraw", "reason": "改年再报"], as: .json)
                }) { res in
                    #expect(res.status == .ok)
                    #expect((try? res.content.decode(ApplicationController.ApplicationAnswer.self))?.stage == .withdrawn)
                }
            }
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == "application.withdraw").count() == 1)
            #expect(try await MessageRecord.query(on: app.db).filter(\.$applicationID == file).count() == 1)
            // The same key for another request is refused rather than answered with the old result.
            try await app.testing().test(.POST, "/api/v1/applications/\(file)/transitions", beforeRequest: { req in
                req.headers.bearerAuthorization = BearerAuthorization(token: api.token)
                req.headers.replaceOrAdd(name: "Idempotency-Key", value: "withdraw-once")
                try req.content.encode(["event": "submit"], as: .json)
            }) { res in
                #expect(res.status == .unprocessableEntity)
            }
        }
    }

    @Test("The API takes JSON booleans for tick boxes, and the strings a form sends", arguments: DatabaseEngine.available)
    func apiBooleans(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let api = try await signInAPI(app, "applicant1")
            let (_, created) = try await ReviewFixture.api(app, .POST, "/api/v1/applications", token: api.token)
            let file = try ReviewFixture.decode(ApplicationController.ApplicationAnswer.self, created)
            struct Work: Encodable {
                let version: Int
                let work: [[String: Row]]
                enum Row: Encodable {
                    case text(String), flag(Bool)
                    func encode(to encoder: any Encoder) throws {
                        var container = encoder.singleValueContainer()
                        switch self {
                        case .text(let value): try container.encode(value)
                        case .flag(let value): try container.encode(value)
                        }
                    }
                }
            }
            let body = Work(version: file.version, work: [
                ["from": .text("2015-03-01"), "employer": .text("上海示例"), "position": .text("工程师"), "inShanghai": .flag(true), "related": .flag(false)],
                ["from": .text("2012-03-01"), "to": .text("2015-02-28"), "employer": .text("London Ltd"), "position": .text("Engineer"),
                 "inShanghai": .text("false"), "related": .text("true")],
            ])
            let (status, saved) = try await ReviewFixture.api(app, .PUT, "/api/v1/applications/\(file.id)/steps/work", token: api.token, json: body)
            #expect(status == .ok, "\(saved.prefix(300))")
            let work = try ReviewFixture.decode(ApplicationController.ApplicationAnswer.self, saved).content.work
            #expect(work.map(\.inShanghai) == [true, false])
            #expect(work.map(\.related) == [false, true])
        }
    }

    @Test("Another applicant cannot open, read or change the file", arguments: DatabaseEngine.available)
    func ownFileOnly(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let owner = try await signInBrowser(app, "applicant1")
            let (_, stepURL, _) = try await Self.post(app, owner, "/applications", [:])
            let id = try #require(stepURL.flatMap { UUID(uuidString: String($0.split(separator: "/")[1])) })
            let other = try await signInBrowser(app, "applicant2")
            #expect(try await Self.get(app, other, "/applications/\(id)").0 == .notFound)
            #expect(try await Self.get(app, other, "/applications/\(id)/steps/summary").0 == .notFound)
            let (status, _, _) = try await Self.post(app, other, "/applications/\(id)/steps/summary", ["version": "1", "summary": "x"])
            #expect(status == .notFound)
            let api = try await signInAPI(app, "applicant2")
            try await app.testing().test(.GET, "/api/v1/applications", beforeRequest: { req in
                req.headers.bearerAuthorization = BearerAuthorization(token: api.token)
            }) { res in
                #expect(res.status == .ok)
                #expect(!res.body.string.contains(id.uuidString))
            }
        }
    }
}
