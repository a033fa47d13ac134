import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

/// 批次管理 — the administrator opens the next batch in a form, from a copy of the running one:
/// refused drafts come back with every problem beside its field; once chosen it takes
/// applications in its own window with no code change; a batch with applications keeps its
/// rules and can only be closed; every change is in the audit log and survives a restart.
@Suite("Batch administration — the next batch through the form")
struct BatchAdministrationTests {
    static let fields: [String: String] = [
        "base": "shanghai-2024-batch2", "id": "shanghai-2025-batch1", "nameZh": "2025年第一批职称考核认定",
        "nameEn": "2025 first batch of title recognition", "batchCode": "2025B1", "noticeDocument": "沪人社专〔2025〕12号",
        "noticeIssuedOn": "2025-03-03", "certificateListVersion": "1.0", "verificationCutoff": "2025-03-01",
        "submissionOpens": "2025-03-10", "submissionCloses": "2025-03-21", "experienceCutoff": "2025-12-31",
        "shanghaiRelatedWorkYears": "1", "unitPublicityWorkingDays": "5", "resultPublicityWorkingDays": "5",
        "workSummaryMinimumZi": "3000", "formPrintCopies": "3", "publicInstitutionLevelsAboveCurrent": "1",
    ]

    @Test("A batch made in the form takes files in its own window; its rules are fixed once it has one; closing stops new files",
          arguments: DatabaseEngine.available)
    func nextBatchThroughTheForm(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-12-02"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            let admin = try await signInBrowser(app, "admin")
            // Refused: every problem at once, beside its field, what was typed kept; nothing made.
            var wrong = Self.fields
            wrong["batchCode"] = "2024B2"
            wrong["submissionCloses"] = "2025-03-23"
            let (refusedStatus, back, _) = try await ApplicationFlowTests.post(app, admin, "/admin/batches", wrong)
            #expect(refusedStatus == .seeOther)
            let (shown, page) = try await ApplicationFlowTests.get(app, admin, try #require(back))
            #expect(shown == .unprocessableEntity)
            #expect(page.contains(#"id="e-batchCode""#) && page.contains(#"id="e-submissionCloses""#))
            #expect(page.contains("受理号会重复") && page.contains("不是工作日"))
            #expect(page.contains(#"value="2025-03-23""#), "what was typed comes back")
            #expect(app.domain.policy("shanghai-2025-batch1") == nil)

            // Made, then chosen: no restart, no file, no build.
            let (made, location, _) = try await ApplicationFlowTests.post(app, admin, "/admin/batches", Self.fields)
            #expect(made == .seeOther && location?.contains("done=created") == true)
            let policy = try #require(app.domain.policy("shanghai-2025-batch1"))
            #expect(policy.acceptanceBatchCode == "2025B1" && app.domain.currentBatchID == "shanghai-2024-batch2")
            let (chosen, _, _) = try await ApplicationFlowTests.post(app, admin, "/admin/batches/shanghai-2025-batch1/current", [:])
            #expect(chosen == .seeOther)
            #expect(app.domain.currentBatchID == "shanghai-2025-batch1")
            let (_, list) = try await ApplicationFlowTests.get(app, admin, "/admin/batches?lang=en")
            #expect(list.contains("2025 first batch of title recognition") && list.contains("2025-03-10 – 2025-03-21"))

            // In its window an applicant's new file joins it.
            clock.set("2025-03-12", 10)
            let applicant = try await signInBrowser(app, "applicant1")
            let (opened, _, _) = try await ApplicationFlowTests.post(app, applicant, "/applications", [:])
            #expect(opened == .seeOther)
            let applicantID = try await userID(app, "applicant1")
            let file = try #require(try await ApplicationRecord.query(on: app.db).filter(\.$applicantID == applicantID).first())
            #expect(file.batchID == "shanghai-2025-batch1")
            let (home, homePage) = try await ApplicationFlowTests.get(app, applicant, "/?lang=zh")
            #expect(home == .ok && homePage.contains("2025年3月21日"), "the home page tells the new window")

            // Its rules are now fixed: the change is refused and nothing is written.
            let adminAgain = try await signInBrowser(app, "admin")
            var changed = Self.fields
            changed["submissionCloses"] = "2025-03-28"
            let (_, refusedBack, _) = try await ApplicationFlowTests.post(app, adminAgain, "/admin/batches/shanghai-2025-batch1", changed)
            let (conflict, rulesPage) = try await ApplicationFlowTests.get(app, adminAgain, try #require(refusedBack))
            #expect(conflict == .conflict && rulesPage.contains("规则不能再修改"))
            #expect(app.domain.policy("shanghai-2025-batch1")?.dates.submissionCloses.value.iso == "2025-03-21")
            let stored = try #require(try await BatchRecord.find("shanghai-2025-batch1", on: app.db))
            #expect(stored.policyJSON.contains("2025-03-21") && !stored.policyJSON.contains("2025-03-28"))

            // After its own window no file is opened, told with its own last day.
            clock.set("2025-03-22", 10)
            let late = try await signInBrowser(app, "applicant2")
            _ = try await ApplicationFlowTests.post(app, late, "/applications", [:])
            let lateID = try await userID(app, "applicant2")
            #expect(try await ApplicationRecord.query(on: app.db).filter(\.$applicantID == lateID).count() == 0)
            let (_, startPage) = try await ApplicationFlowTests.get(app, late, "/applications?lang=zh")
            #expect(startPage.contains("2025年3月21日截止"))

            // Closed: asked first without the dialog; then closed for good, and not chosen again.
            let closer = try await signInBrowser(app, "admin")
            let (asked, _, question) = try await ApplicationFlowTests.post(app, closer, "/admin/batches/shanghai-2025-batch1/close", ["confirmed": "0"])
            #expect(asked == .ok && question.contains("不能重新开放"))
            #expect(!app.domain.batches.isClosed("shanghai-2025-batch1"))
            let (closed, _, _) = try await ApplicationFlowTests.post(app, closer, "/admin/batches/shanghai-2025-batch1/close", [:])
            #expect(closed == .seeOther && app.domain.batches.isClosed("shanghai-2025-batch1"))
            // The second batch is chosen again; the closed one cannot be.
            _ = try await ApplicationFlowTests.post(app, closer, "/admin/batches/shanghai-2024-batch2/current", [:])
            #expect(app.domain.currentBatchID == "shanghai-2024-batch2")
            let (_, chooseBack, _) = try await ApplicationFlowTests.post(app, closer, "/admin/batches/shanghai-2025-batch1/current", [:])
            let (notChosen, batchesPage) = try await ApplicationFlowTests.get(app, closer, try #require(chooseBack))
            #expect(notChosen == .conflict && batchesPage.contains("已关闭的批次不能设为当前批次"))
            #expect(app.domain.currentBatchID == "shanghai-2024-batch2")

            // Every change audited; a restart finds the batch, its closing and the choice.
            let actions = try await AuditEventRecord.query(on: app.db).filter(\.$recordType == "batch").sort(\.$id).all().map(\.action)
            #expect(actions == ["batch.create", "batch.choose", "batch.close", "batch.choose"])
            let restarted = try DomainServices.bundled(clock: clock)
            try await BatchAdministration.restore(restarted.batches, on: app.db)
            #expect(restarted.currentBatchID == "shanghai-2024-batch2", "the last choice")
            #expect(restarted.policy("shanghai-2025-batch1") == policy && restarted.batches.isClosed("shanghai-2025-batch1"))
        }
    }

    @Test("A closed batch opens no file even inside its window")
    func closedBatchOpensNoFile() async throws {
        let clock = MovableClock(shanghaiNoon("2024-12-02"))
        try await withTestApp(.sqlite, clock: clock, demo: true) { app in
            let admin = try await signInBrowser(app, "admin")
            _ = try await ApplicationFlowTests.post(app, admin, "/admin/batches", Self.fields)
            _ = try await ApplicationFlowTests.post(app, admin, "/admin/batches/shanghai-2025-batch1/current", [:])
            _ = try await ApplicationFlowTests.post(app, admin, "/admin/batches/shanghai-2025-batch1/close", [:])
            clock.set("2025-03-12", 10)
            let applicant = try await signInBrowser(app, "applicant1")
            _ = try await ApplicationFlowTests.post(app, applicant, "/applications", [:])
            let id = try await userID(app, "applicant1")
            #expect(try await ApplicationRecord.query(on: app.db).filter(\.$applicantID == id).filter(\.$batchID == "shanghai-2025-batch1").count() == 0)
            let (_, page) = try await ApplicationFlowTests.get(app, applicant, "/applications?lang=zh")
            #expect(page.contains("本批次已关闭"))
        }
    }
}
