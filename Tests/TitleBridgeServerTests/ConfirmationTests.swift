import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

@Suite("Irreversible actions ask first — a confirmation page without JavaScript, a dialog with it")
struct ConfirmationTests {
    /// Posts a form as a browser whose person has not confirmed yet (no `confirmed` field).
    static func unconfirmed(_ app: Application, _ browser: Browser, _ path: String,
                            _ fields: [String: String]) async throws -> (HTTPStatus, String) {
        // The plain form post, which sends exactly the fields given.
        try await AdminTests.post(app, browser, path, fields)
    }

    /// The hidden fields of the confirmation page's form, as the browser sends them back.
    static func hiddenFields(in page: String) -> [String: String] {
        var fields: [String: String] = [:]
        for part in page.components(separatedBy: #"<input type="hidden" name=""#).dropFirst() {
            guard let nameEnd = part.range(of: #"" value=""#), let valueEnd = part[nameEnd.upperBound...].firstIndex(of: "\"") else { continue }
            let unescape = { (text: Substring) in
                text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                    .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                    .replacingOccurrences(of: "&amp;", with: "&")
            }
            fields[unescape(part[..<nameEnd.lowerBound])] = unescape(part[nameEnd.upperBound..<valueEnd])
        }
        return fields
    }

    /// The action of the confirmation page's form.
    static func formAction(in page: String) -> String? {
        guard let start = page.range(of: #"<form method="post" action=""#, options: .backwards) else { return nil }
        let rest = page[start.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    @Test("Withdrawing: without confirmed=1 nothing changes and a page says what happens; its form withdraws; the page's button asks by dialog",
          arguments: DatabaseEngine.available)
    func withdraw(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let holder = try await signInBrowser(app, "applicant1")
            let (_, stepURL, _) = try await ApplicationFlowTests.post(app, holder, "/applications", [:])
            let id = try #require(stepURL.flatMap { UUID(uuidString: String($0.split(separator: "/")[1])) })

            // The file's page: the button carries the question and the page loads the script that asks it.
            var (status, page) = try await ApplicationFlowTests.get(app, holder, "/applications/\(id)")
            #expect(page.contains(#"<script src="/assets/confirm.js" defer></script>"#))
            #expect(page.contains("data-confirm=\"撤回后"), "the withdraw form asks first")
            #expect(!page.contains(#"name="confirmed""#), "the page itself never confirms")
            try await app.testing().test(.GET, "/assets/confirm.js") { res in
                #expect(res.status == .ok)
                #expect(res.headers.contentType?.subType == "javascript")
                #expect(res.body.string.contains("window.confirm"))
            }

            let before = try await ReviewFixture.footprint(app, id)
            (status, page) = try await Self.unconfirmed(app, holder, "/applications/\(id)/transitions",
                                                        ["event": "withdraw", "idempotencyKey": "withdraw-1"])
            #expect(status == .ok)
            #expect(page.contains("请确认：撤回申报"))
            #expect(page.contains("不能恢复") && page.contains("此操作不能撤销"))
            #expect(try await ReviewFixture.footprint(app, id) == before, "nothing changed")
            #expect(try await ApplicationRecord.find(id, on: app.db)?.currentStage == .draft)

            // The confirmation page posts the same event again, with confirmed=1 and the CSRF token.
            #expect(Self.formAction(in: page) == "/applications/\(id)/transitions")
            var fields = Self.hiddenFields(in: page)
            #expect(fields["event"] == "withdraw")
            #expect(fields["idempotencyKey"] == "withdraw-1")
            #expect(fields["confirmed"] == "1")
            #expect(fields["_csrf"] == holder.csrf)
            fields["_csrf"] = nil
            (status, page) = try await Self.unconfirmed(app, holder, "/applications/\(id)/transitions", fields)
            #expect(status == .seeOther)
            #expect(try await ApplicationRecord.find(id, on: app.db)?.currentStage == .withdrawn)
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == "application.withdraw").count() == 1)
        }
    }

    @Test("Removing an attachment: a confirmation page naming it, nothing removed until confirmed", arguments: DatabaseEngine.available)
    func removeAttachment(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let owner = try await signInBrowser(app, "applicant1")
            let (_, stepURL, _) = try await ApplicationFlowTests.post(app, owner, "/applications", [:])
            let id = try #require(stepURL.flatMap { UUID(uuidString: String($0.split(separator: "/")[1])) })
            #expect(try await ApplicationUploadTests.upload(app, owner, id, kind: "degree", data: ReviewFixture.pdf("degree"), name: "degree.pdf").0 == .seeOther)
            let upload = try #require(try await ApplicationUploadRecord.query(on: app.db).filter(\.$applicationID == id).first())
            let uploadID = try upload.requireID()
            let path = "/applications/\(id)/uploads/\(uploadID)/delete"

            let (_, filePage) = try await ApplicationFlowTests.get(app, owner, "/applications/\(id)")
            #expect(filePage.contains("action=\"\(path)\" class=\"inline-form\" data-confirm=\""), "the remove button asks first")

            var (status, page) = try await Self.unconfirmed(app, owner, path, [:])
            #expect(status == .ok)
            #expect(page.contains("请确认：删除附件"))
            #expect(page.contains(UploadKind.degree.name.zh), "the attachment is named")
            #expect(Self.formAction(in: page) == path)
            #expect(Self.hiddenFields(in: page)["confirmed"] == "1")
            #expect(try await ApplicationUploadRecord.find(uploadID, on: app.db) != nil, "nothing removed")
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == "application.removeUpload").count() == 0)

            // An attachment of no file of the caller's: 404, as the removal itself.
            (status, _) = try await Self.unconfirmed(app, owner, "/applications/\(id)/uploads/\(UUID())/delete", [:])
            #expect(status == .notFound)

            (status, page) = try await Self.unconfirmed(app, owner, path, ["confirmed": "1"])
            #expect(status == .seeOther)
            #expect(try await ApplicationUploadRecord.find(uploadID, on: app.db) == nil)
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == "application.removeUpload").count() == 1)
        }
    }

    @Test("Accepting: the bureau's verdicts come back on the confirmation page and are sent again as given; submitting asks too",
          arguments: DatabaseEngine.available)
    func acceptAndSubmit(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-08-20"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            let id = try await AcceptanceTests.reportedFile(app, "applicant1", clock: clock)
            let (bureau, ids) = try await AcceptanceTests.bureauChecklist(app, id)
            let (_, checklistPage) = try await ApplicationFlowTests.get(app, bureau, "/applications/\(id)")
            #expect(checklistPage.contains(#"value="accept" data-confirm=""#), "the accept button asks first")

            var fields = AcceptanceTests.verdicts(ids)
            fields["event"] = "accept"
            fields["idempotencyKey"] = "accept-1"
            var (status, page) = try await Self.unconfirmed(app, bureau, "/applications/\(id)/transitions", fields)
            #expect(status == .ok)
            #expect(page.contains("请确认：予以受理"))
            #expect(try await ApplicationRecord.find(id, on: app.db)?.currentStage == .reported)
            #expect(try await AcceptanceRecord.query(on: app.db).count() == 0)
            var again = Self.hiddenFields(in: page)
            for itemID in ids { #expect(again["items[\(itemID)][verdict]"] == "conforms", "\(itemID) is sent again") }
            #expect(again["event"] == "accept" && again["confirmed"] == "1")
            again["_csrf"] = nil
            (status, page) = try await Self.unconfirmed(app, bureau, "/applications/\(id)/transitions", again)
            #expect(status == .seeOther, "\(page.prefix(300))")
            #expect(try await AcceptanceRecord.query(on: app.db).count() == 1)

            // Not accepting asks as well, once the reason is there.
            let other = try await UnitApplicationsTests.file(app, "applicant2", creditCode: DemoUnits.enterprise, stage: .reported)
            (status, page) = try await Self.unconfirmed(app, bureau, "/applications/\(other)/transitions",
                                                        ["event": "notAccept", "reason": "证书不在本批次清单内", "idempotencyKey": "no-1"])
            #expect(status == .ok)
            #expect(page.contains("请确认：不予受理"))
            #expect(page.contains("证书不在本批次清单内"), "the reason is shown once more")
            #expect(Self.hiddenFields(in: page)["reason"] == "证书不在本批次清单内")
            #expect(try await ApplicationRecord.find(other, on: app.db)?.currentStage == .reported)
        }
    }

    @Test("Submitting without confirmed=1 answers the confirmation page and the file stays a draft", arguments: DatabaseEngine.available)
    func submit(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-08-20"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            // A complete file, submitted on 9/9 by the fixture; returned, it is a draft again.
            let id = try await ReviewFixture.submittedFile(app, "applicant1", creditCode: DemoUnits.enterprise, clock: clock)
            let employer = try await signInBrowser(app, "employer1")
            #expect(try await ReviewFixture.act(app, employer, id, "returnToApplicant", ["reason": "请补充说明"]).0 == .seeOther,
                    "a return is not one of the changes that ask")
            let applicant = try await signInBrowser(app, "applicant1")
            let before = try await ReviewFixture.footprint(app, id)
            let (status, page) = try await Self.unconfirmed(app, applicant, "/applications/\(id)/transitions",
                                                            ["event": "submit", "idempotencyKey": "submit-again"])
            #expect(status == .ok)
            #expect(page.contains("请确认：提交单位审核"))
            #expect(Self.hiddenFields(in: page)["event"] == "submit")
            #expect(try await ReviewFixture.footprint(app, id) == before)
        }
    }
}
