import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

/// Those who judge a file read what the applicant wrote on its page, not only the engine's
/// findings: the employer, the supervising department and the bureau. The employer takes back
/// what its unit uploaded before the file is reported; the bureau decides every checklist item
/// itself, each row leading to the part of the file it judges.
@Suite("The file as its reviewers read it — what was written, the attachments, the unit's own uploads, the checklist")
struct FileViewTests {
    static let wholeNumber = "11010519491231002X"
    static let maskedNumber = "1101**********002X"

    /// Two work periods and a summary of two paragraphs, each indented with ideographic spaces.
    static func written(_ content: inout ApplicationContent) throws {
        content.work = [
            ApplicationContent.WorkEntry(from: try ReviewFixture.day("2012-07-01"), to: try ReviewFixture.day("2015-06-30"),
                                         employer: "Example LLP, London", position: "Audit senior", inShanghai: false, related: true),
            ApplicationContent.WorkEntry(from: try ReviewFixture.day("2015-07-01"), to: nil, employer: "上海示例工程技术研究院财务处",
                                         position: "财务经理", inShanghai: true, related: true),
        ]
        content.summary = "　　一、财务管理" + String(repeating: "账", count: 1600) + "\n"
            + "　　二、税务筹划" + String(repeating: "税", count: 1600)
    }

    /// The upload of `id` whose file was uploaded as `name`.
    static func upload(named name: String, of id: UUID, _ app: Application) async throws -> ApplicationUploadRecord {
        for upload in try await ApplicationUploadRecord.query(on: app.db).filter(\.$applicationID == id).all() {
            if try await UploadedFileRecord.find(upload.fileID, on: app.db)?.originalName == name { return upload }
        }
        throw TestSetupError("no upload named \(name)")
    }

    /// The options of the verdict list of checklist item `itemID`.
    static func verdictList(_ itemID: String, in page: String) -> String? {
        guard let start = page.range(of: "name=\"items[\(itemID)][verdict]\"") else { return nil }
        let rest = page[start.upperBound...]
        return rest.range(of: "</select>").map { String(rest[..<$0.lowerBound]) }
    }

    @Test("Employer, supervising department and bureau read the education, work, title and summary; the ID number masked for the unit, whole for the bureau; attachments with name, size and day",
          arguments: DatabaseEngine.available)
    func reviewersReadTheFile(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-08-20"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            let id = try await AcceptanceTests.reportedFile(app, "applicant2", clock: clock, institution: true, adjust: Self.written)
            let record = try #require(try await ApplicationRecord.find(id, on: app.db))
            record.idNumberSealed = try app.security.cipher.seal(Self.wholeNumber, in: .applicationIDNumber, row: id)
            try await record.save(on: app.db)
            let opinion = try await Self.upload(named: "o.pdf", of: id, app)
            let uploadedOn = DateText.long(try ReviewFixture.day("2024-09-09"), in: .zh)
            let zi = try record.content.summaryCount.zi
            let secondFrom = DateText.long(try ReviewFixture.day("2015-07-01"), in: .zh)

            for (username, number) in [("employer2", Self.maskedNumber), ("supervisor1", Self.maskedNumber),
                                       ("bureau1", Self.wholeNumber), ("applicant2", Self.wholeNumber)] {
                let browser = try await signInBrowser(app, username)
                let (status, page) = try await ApplicationFlowTests.get(app, browser, "/applications/\(id)")
                #expect(status == .ok, "\(username)")
                for written in ["陈思远", "University of Edinburgh", "Example LLP, London", "Audit senior", "上海示例工程技术研究院财务处",
                                "高级会计师（副高级）", secondFrom] {
                    #expect(page.contains(written), "\(username) does not read “\(written)”")
                }
                // The summary in its paragraphs, the Chinese indent kept, with its count.
                #expect(page.contains("<p>　　一、财务管理"), "\(username): first paragraph")
                #expect(page.contains("<p>　　二、税务筹划"), "\(username): second paragraph")
                #expect(page.contains("共 \(zi) 字"), "\(username): the 字 count")
                #expect(page.contains(number), "\(username) reads the ID number as \(number)")
                if number == Self.maskedNumber { #expect(!page.contains(Self.wholeNumber), "\(username) reads the whole ID number") }
                // Each attachment: what it is, its name as a link, its size and its day.
                #expect(page.contains("href=\"/files/\(opinion.fileID.uuidString)\">o.pdf</a>"), "\(username): the opinion's link")
                for name in ["commitment.pdf", "degree.pdf", "notice.pdf"] {
                    #expect(page.contains(">\(name)</a>"), "\(username): \(name)")
                }
                #expect(page.contains("<td class=\"nowrap\">1 KB</td>"), "\(username): the size")
                #expect(page.contains("<td class=\"nowrap\">\(uploadedOn)</td>"), "\(username): the upload day")
            }

            // In English, in English dates.
            let bureau = try await signInBrowser(app, "bureau1")
            let (_, english) = try await ApplicationFlowTests.get(app, bureau, "/applications/\(id)?lang=en")
            let firstFrom = DateText.long(try ReviewFixture.day("2012-07-01"), in: .en)
            let uploadedOnEnglish = DateText.long(try ReviewFixture.day("2024-09-09"), in: .en)
            for written in ["Senior accountant (associate senior)", "Audit senior", "Work history", "Present", firstFrom,
                            "<td class=\"nowrap\">\(uploadedOnEnglish)</td>"] {
                #expect(english.contains(written), "the English page does not read “\(written)”")
            }
        }
    }

    @Test("The employer removes its unit's earlier upload before reporting — not the applicant's, not the publicity's evidence, nothing after reporting",
          arguments: DatabaseEngine.available)
    func employerRemovesItsOwnUpload(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-08-20"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            let id = try await ReviewFixture.submittedFile(app, "applicant1", creditCode: DemoUnits.enterprise, clock: clock)
            let employer = try await signInBrowser(app, "employer1")
            #expect(try await ReviewFixture.act(app, employer, id, "approve", ReviewFixture.opinion(on: "2024-09-09")).0 == .seeOther)
            #expect(try await ReviewFixture.publicity(app, employer, id, startsOn: "2024-09-09").0 == .seeOther)
            for name in ["opinion-draft.pdf", "opinion-stamped.pdf"] {
                #expect(try await ApplicationUploadTests.upload(app, employer, id, kind: "unitOpinion", data: ReviewFixture.pdf(name), name: name).0 == .seeOther)
            }
            let applicant = try await signInBrowser(app, "applicant1")
            #expect(try await ApplicationUploadTests.upload(app, applicant, id, kind: "commitment", data: ReviewFixture.pdf("commitment"),
                                                            name: "commitment.pdf").0 == .seeOther)
            let draft = try await Self.upload(named: "opinion-draft.pdf", of: id, app)
            let stamped = try await Self.upload(named: "opinion-stamped.pdf", of: id, app)
            let commitment = try await Self.upload(named: "commitment.pdf", of: id, app)
            let evidence = try await Self.upload(named: "notice.pdf", of: id, app)
            func removal(_ upload: ApplicationUploadRecord) throws -> String { "/applications/\(id)/uploads/\(try upload.requireID())/delete" }

            // The page offers the unit's own uploads, not the applicant's, not the evidence the publicity rests on.
            var (_, page) = try await ApplicationFlowTests.get(app, employer, "/applications/\(id)")
            let (removeDraft, removeStamped) = (try removal(draft), try removal(stamped))
            #expect(page.contains(removeDraft) && page.contains(removeStamped))
            #expect(!page.contains(try removal(commitment)), "the applicant's commitment is offered to the employer")
            #expect(!page.contains(try removal(evidence)), "the publicity's evidence is offered")

            var (status, _, body) = try await ApplicationFlowTests.post(app, employer, try removal(draft), ["confirmed": "1"])
            #expect(status == .seeOther, "the employer's removal answered \(status): \(body.prefix(300))")
            #expect(try await ApplicationUploadRecord.find(draft.id, on: app.db) == nil)
            let removed = try await AuditEventRecord.query(on: app.db).filter(\.$action == "application.removeUpload").all()
            #expect(removed.map(\.actorName) == ["employer1"])
            #expect(removed.map(\.reason) == ["unitOpinion"])
            #expect(removed.first?.recordID == id.uuidString)

            (status, _, body) = try await ApplicationFlowTests.post(app, employer, try removal(commitment), ["confirmed": "1"])
            #expect(status == .forbidden, "removing the applicant's upload answered \(status)")
            (status, _, body) = try await ApplicationFlowTests.post(app, employer, try removal(evidence), ["confirmed": "1"])
            #expect(status == .conflict, "removing the publicity's evidence answered \(status)")
            #expect(try await ApplicationUploadRecord.find(commitment.id, on: app.db) != nil)
            #expect(try await ApplicationUploadRecord.find(evidence.id, on: app.db) != nil)

            // Reported: the file is the bureau's to judge as it is.
            try await ReviewFixture.attachProofs(app, id, owner: "applicant1")
            clock.set("2024-09-13", 12)
            let recorder = try await signInBrowser(app, "employer1")
            #expect(try await ReviewFixture.outcome(app, recorder, id, on: "2024-09-13").0 == .seeOther)
            let reporter = try await signInBrowser(app, "applicant1")
            #expect(try await ReviewFixture.act(app, reporter, id, "report").0 == .seeOther)
            #expect(try await ApplicationRecord.find(id, on: app.db)?.currentStage == .reported)

            (_, page) = try await ApplicationFlowTests.get(app, recorder, "/applications/\(id)")
            #expect(!page.contains(try removal(stamped)), "removal offered after reporting")
            (status, _, body) = try await ApplicationFlowTests.post(app, recorder, try removal(stamped), ["confirmed": "1"])
            #expect(status == .conflict, "removal after reporting answered \(status)")
            #expect(try await ApplicationUploadRecord.find(stamped.id, on: app.db) != nil)
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == "application.removeUpload").count() == 1)
        }
    }

    @Test("The bureau's checklist starts with no verdict, each row leads to what it judges, and a refused decision keeps every verdict given",
          arguments: DatabaseEngine.available)
    func checklistStartsUnjudged(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-08-20"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            let id = try await AcceptanceTests.reportedFile(app, "applicant1", clock: clock)
            let (bureau, ids) = try await AcceptanceTests.bureauChecklist(app, id)
            let (_, page) = try await ApplicationFlowTests.get(app, bureau, "/applications/\(id)")
            #expect(ids.contains("summary") && ids.contains("upload:unitOpinion") && ids.contains("clause:experience.ladder"))
            for itemID in ids {
                let list = try #require(Self.verdictList(itemID, in: page), "no verdict list for \(itemID)")
                #expect(list.hasPrefix(" ") && list.prefix { $0 != ">" }.contains(" required"), "\(itemID): a verdict is required")
                #expect(list.contains("<option value=\"\" selected>"), "\(itemID) does not start as not yet judged")
                #expect(list.components(separatedBy: " selected>").count == 2, "\(itemID): more than one option selected")
            }
            // Each row links to the part of the file it judges, and the part is on the page.
            for anchor in ["file-work", "file-summary", "file-upload-unitOpinion"] {
                #expect(page.contains("<td><a href=\"#\(anchor)\">"), "no checklist row links to \(anchor)")
                #expect(page.contains("id=\"\(anchor)\""), "the page has no \(anchor)")
            }

            // One item not judged: refused as undecided, and every other verdict and note stays.
            var fields = AcceptanceTests.verdicts(ids, flagged: ["upload:workProof": "nonConforming"])
            fields["items[summary][verdict]"] = ""
            fields["supplementDue"] = "2024-09-23"
            let (status, body) = try await ReviewFixture.act(app, bureau, id, "requestSupplement", fields)
            #expect(status == .badRequest, "a checklist with an item not judged answered \(status)")
            #expect(body.contains("作出审核结论"), "the refusal does not name the undecided item")
            #expect(try await ApplicationRecord.find(id, on: app.db)?.currentStage == .reported)
            #expect(try await SupplementRecord.query(on: app.db).filter(\.$applicationID == id).count() == 0)
            #expect(Self.verdictList("summary", in: body)?.contains("<option value=\"\" selected>") == true)
            #expect(Self.verdictList("upload:workProof", in: body)?.contains("<option value=\"nonConforming\" selected>") == true)
            let note = body.components(separatedBy: "name=\"items[upload:workProof][note]\"").dropFirst().first?.prefix { $0 != ">" }
            #expect(note?.contains("value=\"请补充\"") == true, "the note typed is kept")
            #expect(Self.verdictList("upload:degree", in: body)?.contains("<option value=\"conforms\" selected>") == true)
            #expect(body.contains("name=\"supplementDue\" value=\"2024-09-23\""))
        }
    }
}
