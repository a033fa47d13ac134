import Fluent
import Foundation
import Testing
import TitleBridgeCore
import TitleBridgeCredentials
@testable import TitleBridgeServer
import Vapor
import VaporTesting

/// 结果公示 and 异议 (四(七)): the bureau publishes those who passed for at least the policy's
/// working days; anyone objects while it runs; an upheld objection takes the person off the list
/// and the file to 未通过认定; a certificate waits for the period's end and for every objection.
@Suite("Result publicity and objections (四(七))")
struct ResultPublicityTests {
    /// applicant17, whose vote the demo leaves open, passes on 28 October 2024 (Monday) — expert1
    /// votes, secretary1 closes — and goes on a new result list from that day: five working days
    /// to Friday 1 November. (The demo's own list, of 21–25 October, holds the files that passed before.)
    static func published(_ app: Application, _ clock: MovableClock) async throws -> (ApplicationRecord, ResultEntryRecord) {
        clock.set("2024-10-28", 9)
        let id = try await CommitteeTests.file(app, "applicant17")
        let votes = VoteDesk(app: app, database: app.db)
        let expert1 = try await Self.principal(app, "expert1", .expert)
        let pending = try #require(try await ApplicationRecord.find(id, on: app.db))
        try await votes.saveOpinion(pending, DemoReplay.opinion(.recognise), by: expert1)
        try await votes.cast(pending, .agree, by: expert1)
        _ = try await votes.close(pending, opinion: "同意认定为高级会计师。", by: try await Self.principal(app, "secretary1", .secretary))
        let bureau = try await signInBrowser(app, "bureau1")
        let (_, desk) = try await ApplicationFlowTests.get(app, bureau, "/bureau/results")
        #expect(desk.contains("李慧") && desk.contains("2024-10-28"), "waiting to be published, the next working day offered")
        let (status, location, _) = try await ApplicationFlowTests.post(app, bureau, "/bureau/results/lists", ["startsOn": "2024-10-28"])
        #expect(status == .seeOther && location == "/bureau/results?done=published")
        let file = try #require(try await ApplicationRecord.find(id, on: app.db))
        #expect(file.currentStage == .resultPublicity)
        let entry = try #require(try await ResultEntryRecord.query(on: app.db).filter(\.$applicationID == id).first())
        let list = try #require(try await ResultListRecord.find(entry.listID, on: app.db))
        #expect(list.startsOn == "2024-10-28" && list.endsOn == "2024-11-01", "five working days, the first day counted")
        return (file, entry)
    }

    static func principal(_ app: Application, _ username: String, _ role: Role) async throws -> Principal {
        Principal(userID: try await userID(app, username), username: username, displayName: username, roles: [role],
                  organisationID: nil, sessionID: UUID(), sessionKind: .api, csrfToken: "", unreadMessages: 0)
    }

    static func bureau(_ app: Application) async throws -> Principal {
        Principal(userID: try await userID(app, "bureau1"), username: "bureau1", displayName: "市人社局", roles: [.bureau],
                  organisationID: nil, sessionID: UUID(), sessionKind: .api, csrfToken: "", unreadMessages: 0)
    }

    @Test("The public list shows name, employer and title, never an ID number or a tally; an upheld objection takes the person off it, sends the file to 未通过认定 with the reason, and no certificate is issued",
          arguments: DatabaseEngine.available)
    func upheldObjectionBlocks(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-10-28"))
        try await withTestApp(engine, clock: clock, demoFiles: true) { app in
            let (file, entry) = try await Self.published(app, clock)
            let listing = try #require(entry.listing)
            let visitor = try await anonymousBrowser(app)
            let (_, list) = try await ApplicationFlowTests.get(app, visitor, "/results")
            #expect(list.contains(listing.name) && list.contains(listing.employer.zh) && list.contains("高级会计师"))
            #expect(!list.contains("agree") && !list.contains("赞成") && !list.contains("身份证"))
            #expect(list.range(of: #"\d{6}\*+"#, options: .regularExpression) == nil, "no ID number, masked or not")

            // A visitor objects through the public form (CSRF cookie of the sign-in page) and gets a receipt.
            let path = "/results/\(try entry.requireID())/objection"
            // Without the page's token (a post from another site) nothing is taken.
            try await app.testing().test(.POST, path, beforeRequest: { req in
                visitor.prepare(&req)
                try req.content.encode(FormBody(["name": "李明", "contact": "13800000000", "reasons": "申报人的工作业绩并非本人完成，请核实。"]),
                                       as: .urlEncodedForm)
            }) { res in #expect(res.status == .forbidden) }
            #expect(try await ObjectionRecord.query(on: app.db).filter(\.$entryID == entry.requireID()).count() == 0)
            let (refused, back, _) = try await ApplicationFlowTests.post(app, visitor, path, ["name": "李明", "contact": "13800000000", "reasons": "太短"])
            #expect(refused == .seeOther && back?.hasPrefix(path + "?refused=") == true, "refused back to the form")
            let (again, form) = try await ApplicationFlowTests.get(app, visitor, try #require(back))
            #expect(again == .badRequest && form.contains("至少 10 字") && form.contains("李明"), "the problem beside the field, what was typed kept")
            let reasons = "申报人所报工作业绩中的项目并非其本人主持完成，有项目合同可以证明。"
            let (sent, receiptPage, _) = try await ApplicationFlowTests.post(app, visitor, path, ["name": "李明", "contact": "13800000000", "reasons": reasons])
            #expect(sent == .seeOther)
            let objection = try #require(try await ObjectionRecord.query(on: app.db).filter(\.$entryID == entry.requireID()).first())
            #expect(receiptPage?.contains(objection.receipt) == true)
            #expect(objection.contactSealed != "13800000000", "the contact is sealed")
            let (_, receipt) = try await ApplicationFlowTests.get(app, visitor, "/results/objections?receipt=" + objection.receipt.lowercased())
            #expect(receipt.contains("核实中") && receipt.contains(listing.name))

            // The bureau upholds it on its desk.
            clock.set("2024-10-31", 10)
            let bureau = try await signInBrowser(app, "bureau1")
            let (_, desk) = try await ApplicationFlowTests.get(app, bureau, "/bureau/results")
            #expect(desk.contains(objection.receipt) && desk.contains("13800000000") && desk.contains(reasons))
            let rulePath = "/bureau/results/objections/\(try objection.requireID())"
            // Without a reason it comes back beside this objection's reason, nothing changed.
            let (noReason, back2, _) = try await ApplicationFlowTests.post(app, bureau, rulePath, ["outcome": "upheld", "objection": objection.receipt])
            #expect(noReason == .seeOther)
            let (_, refusedDesk) = try await ApplicationFlowTests.get(app, bureau, try #require(back2))
            #expect(refusedDesk.contains(#"id="e-reason""#) && refusedDesk.contains("请写明核实结论的理由"))
            // Unconfirmed (no script), the bureau is asked first and nothing changes.
            let (asked, _, question) = try await ApplicationFlowTests.post(app, bureau, rulePath,
                                                                           ["outcome": "upheld", "reason": "经核实，项目并非申报人主持，异议成立。", "confirmed": ""])
            #expect(asked == .ok && question.contains("从公示名单中撤出") && question.contains(#"name="confirmed""#))
            #expect(try await ApplicationRecord.find(file.id, on: app.db)?.currentStage == .resultPublicity)
            let (ruled, _, _) = try await ApplicationFlowTests.post(app, bureau, rulePath,
                                                                    ["outcome": "upheld", "reason": "经核实，项目并非申报人主持，异议成立。"])
            #expect(ruled == .seeOther)
            #expect(try await ApplicationRecord.find(file.id, on: app.db)?.currentStage == .notRecognised)
            let history = try await ReviewRecord.query(on: app.db).filter(\.$applicationID == file.requireID())
                .filter(\.$event == StageEvent.upholdObjection.rawValue).first()
            #expect(history?.reason == "经核实，项目并非申报人主持，异议成立。")
            let (_, after) = try await ApplicationFlowTests.get(app, visitor, "/results")
            #expect(!after.contains(listing.name), "off the public list")
            let (_, outcome) = try await ApplicationFlowTests.get(app, visitor, "/results/objections?receipt=" + objection.receipt)
            #expect(outcome.contains("异议成立") && outcome.contains("项目并非申报人主持"))

            // After the period nothing is due a certificate.
            clock.set("2024-11-04", 10)
            #expect(try await CertificateDesk(app: app, database: app.db).issuable(batch: file.batchID).isEmpty)
            let before = try await CertificateRecord.query(on: app.db).count()
            let bureauLater = try await signInBrowser(app, "bureau1")
            let (refusedRun, refusedAt, _) = try await ApplicationFlowTests.post(app, bureauLater, "/bureau/results/certificates",
                                                                                  ["documentNumber": "沪人社专〔2025〕1号"])
            #expect(refusedRun == .seeOther && refusedAt?.contains("refused=") == true)
            #expect(try await CertificateRecord.query(on: app.db).count() == before)
        }
    }

    @Test("Certificates wait for the day after the period and for every open objection; a dismissed objection lets the file through; a second run issues nothing twice",
          arguments: DatabaseEngine.available)
    func certificateWaits(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-10-28"))
        try await withTestApp(engine, clock: clock, demoFiles: true) { app in
            let (file, entry) = try await Self.published(app, clock)
            let desk = ResultPublicityDesk(app: app, database: app.db)
            let certificates = CertificateDesk(app: app, database: app.db)
            let bureau = try await Self.bureau(app)
            let objection = try await desk.object(to: entry.id, form: ObjectionForm(name: "王强", contact: "wq@example.com",
                                                  reasons: "申报人的境外职业资格证书已被发证机构注销，请核实。", evidence: ""), from: "198.51.100.7")
            // The last day of the period: still running, nothing due.
            clock.set("2024-11-01", 23, 59)
            #expect(try await certificates.issuable(batch: file.batchID).isEmpty)
            await #expect(throws: APIProblem.self) { _ = try await certificates.startRun(batch: file.batchID, documentNumber: "沪人社专〔2024〕412号", by: bureau) }
            // The day after: still nothing while the objection is open, and the stage change itself refuses.
            clock.set("2024-11-04", 9)
            #expect(try await certificates.issuable(batch: file.batchID).isEmpty)
            let issuer = try await certificates.issuer()
            let refusal = await #expect(throws: APIProblem.self) {
                _ = try await certificates.issue(file, documentNumber: "沪人社专〔2024〕412号", approvedOn: clock.today(), runID: nil, issuer: issuer, by: bureau)
            }
            #expect(refusal?.code == TransitionRefusal.Code.resultPublicityOpen.rawValue)
            // Objections close with the period.
            await #expect(throws: APIProblem.self) {
                _ = try await desk.object(to: entry.id, form: ObjectionForm(name: "王强", contact: "wq@example.com",
                                          reasons: "再次提出异议，请核实相关情况。", evidence: ""), from: "198.51.100.7")
            }
            _ = try await desk.rule(objection.id, outcome: "dismissed", reason: "经向发证机构核实，证书有效，异议不成立。", by: bureau)
            #expect(try await certificates.issuable(batch: file.batchID).count == 1)
            let (run, files) = try await certificates.startRun(batch: file.batchID, documentNumber: "沪人社专〔2024〕412号", by: bureau)
            // While it runs the desk shows its progress and reloads itself (a script, not a meta refresh: WCAG 2.2.1
            // lets a person stop it by leaving it — the link reloads without JavaScript); after, the summary.
            let browser = try await signInBrowser(app, "bureau1")
            let (_, running) = try await ApplicationFlowTests.get(app, browser, "/bureau/results?lang=zh")
            #expect(running.contains("正在发证：已处理 0 / 1 件") && running.contains(#"<script src="/assets/refresh.js" data-seconds="2" defer></script>"#))
            await certificates.execute(run, files: files, by: bureau)
            let (_, done) = try await ApplicationFlowTests.get(app, browser, "/bureau/results?lang=en")
            #expect(done.contains("Issuing finished (沪人社专〔2024〕412号): 1 issued, 0 skipped, 0 failed.") && !done.contains("refresh.js"))
            let finished = try #require(try await CertificateRunRecord.find(run.id, on: app.db))
            #expect(finished.issued == 1 && finished.skipped == 0 && finished.failed == 0 && finished.finishedAt != nil)
            #expect(try await ApplicationRecord.find(file.id, on: app.db)?.currentStage == .certified)
            let message = try await MessageRecord.query(on: app.db).filter(\.$userID == file.applicantID).sort(\.$createdAt, .descending).first()
            #expect(message?.bodyZh.contains("职称电子证书已制发") == true, "the holder is told")
            // Again: nothing due, nothing issued twice (and the same file issued directly is skipped).
            await #expect(throws: APIProblem.self) { _ = try await certificates.startRun(batch: file.batchID, documentNumber: "沪人社专〔2024〕412号", by: bureau) }
            let stale = try #require(try await ApplicationRecord.find(file.id, on: app.db))
            stale.stage = Stage.resultPublicity.rawValue
            #expect(try await certificates.issue(stale, documentNumber: "x", approvedOn: clock.today(), runID: nil, issuer: issuer, by: bureau) == nil)
            #expect(try await CertificateRecord.query(on: app.db).filter(\.$applicationID == file.requireID()).count() == 1)
        }
    }

    @Test("Objections are limited per address and per listed person: the sixth from one address in a day is answered 429 with Retry-After",
          arguments: [DatabaseEngine.sqlite])
    func objectionLimits(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-10-28"))
        try await withTestApp(engine, clock: clock, demoFiles: true) { app in
            let (_, entry) = try await Self.published(app, clock)
            let desk = ResultPublicityDesk(app: app, database: app.db)
            let form = ObjectionForm(name: "赵六", contact: "021-12345678", reasons: "申报人工作年限与实际不符，请予核实。", evidence: "")
            for _ in 0..<ResultPublicityDesk.objectionsPerAddressPerDay {
                _ = try await desk.object(to: entry.id, form: form, from: "203.0.113.9")
            }
            let refusal = await #expect(throws: APIProblem.self) { _ = try await desk.object(to: entry.id, form: form, from: "203.0.113.9") }
            #expect(refusal?.status == .tooManyRequests && refusal?.code == "objection_limit")
            #expect(Int(refusal?.headers.first(name: "Retry-After") ?? "") ?? 0 > 0)
            // Another address is still heard, until the person's own limit.
            for index in 0..<(ResultPublicityDesk.objectionsPerPersonPerDay - ResultPublicityDesk.objectionsPerAddressPerDay) {
                _ = try await desk.object(to: entry.id, form: form, from: "203.0.113.\(20 + index / 4)")
            }
            await #expect(throws: APIProblem.self) { _ = try await desk.object(to: entry.id, form: form, from: "192.0.2.1") }
            // A day later the address may object again.
            clock.set("2024-10-29", 13)
            _ = try await desk.object(to: entry.id, form: form, from: "203.0.113.9")
        }
    }
}
