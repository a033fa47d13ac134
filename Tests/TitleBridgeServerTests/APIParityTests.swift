import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

@Suite("The API offers what the pages offer — employers to choose from, the acceptance checklist")
struct APIParityTests {
    struct FileAnswer: Decodable {
        let id: UUID
        let version: Int
        let employerID: UUID?
    }

    @Test("An applicant lists by the API the employers the employer step offers — name, credit code and kind, nothing more — and chooses one",
          arguments: DatabaseEngine.available)
    func employersForApplicants(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let enterprise = try await organisationID(app, creditCode: DemoUnits.enterprise)
            let institution = try await organisationID(app, creditCode: DemoUnits.institution)
            // Contact details the applicant's page never shows.
            let unit = try #require(try await OrganisationRecord.find(enterprise, on: app.db))
            unit.contactPhone = "021-66668888"
            unit.address = "浦东新区示例路1号"
            try await unit.save(on: app.db)

            let applicant = try await signInAPI(app, "applicant1")
            let (status, body) = try await ReviewFixture.api(app, .GET, "/api/v1/organisations", token: applicant.token)
            #expect(status == .ok, "the list answered \(status): \(body.prefix(300))")
            let units = try ReviewFixture.decode([UnitController.UnitAnswer].self, body)
            #expect(Set(units.map(\.id)) == [enterprise, institution], "only the employers to choose from")
            let listed = try #require(units.first { $0.id == enterprise })
            #expect(listed.nameZh == "上海浦江示例科技有限公司")
            #expect(listed.nameEn == "Pujiang Demo Technology Co., Ltd.")
            #expect(listed.creditCode == DemoUnits.enterprise)
            #expect(listed.kind == .enterprise)
            #expect(units.first { $0.id == institution }?.kind == .publicInstitution)
            for hidden in ["021-66668888", "浦东新区示例路1号", "contactPhone", "address", "supervisingID"] {
                #expect(!body.contains(hidden), "the list shows \(hidden)")
            }

            // The same units the employer step lists.
            let browser = try await signInBrowser(app, "applicant1")
            let (_, stepURL, _) = try await ApplicationFlowTests.post(app, browser, "/applications", [:])
            let fileID = try #require(stepURL.flatMap { UUID(uuidString: String($0.split(separator: "/")[1])) })
            let (_, step) = try await ApplicationFlowTests.get(app, browser, "/applications/\(fileID)/steps/employer")
            for unit in units { #expect(step.contains("value=\"\(unit.id.uuidString)\"")) }

            // Chosen by the API from the list.
            let (_, fileBody) = try await ReviewFixture.api(app, .GET, "/api/v1/applications/\(fileID)", token: applicant.token)
            let file = try ReviewFixture.decode(FileAnswer.self, fileBody)
            struct Employer: Encodable, Sendable { let version: Int; let employerID: String }
            let (saved, savedBody) = try await ReviewFixture.api(app, .PUT, "/api/v1/applications/\(fileID)/steps/employer", token: applicant.token,
                                                                 json: Employer(version: file.version, employerID: enterprise.uuidString))
            #expect(saved == .ok, "\(savedBody.prefix(300))")
            #expect(try ReviewFixture.decode(FileAnswer.self, savedBody).employerID == enterprise)

            // The employer still sees its own unit whole.
            let employer = try await signInAPI(app, "employer1")
            let (_, own) = try await ReviewFixture.api(app, .GET, "/api/v1/organisations", token: employer.token)
            #expect(try ReviewFixture.decode([UnitController.UnitAnswer].self, own).first?.contactPhone == "021-66668888")
        }
    }

    struct Verdicts: Encodable, Sendable {
        struct Item: Encodable, Sendable {
            let verdict: String
            let note: String?
        }

        let event: String
        let items: [String: Item]
    }

    @Test("The bureau reads a reported file's checklist by the API; verdicts on a key it does not have, or an unknown verdict, are refused 400",
          arguments: DatabaseEngine.available)
    func acceptanceChecklist(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-08-20"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            let id = try await AcceptanceTests.reportedFile(app, "applicant1", clock: clock)
            let bureau = try await signInAPI(app, "bureau1")
            let (status, body) = try await ReviewFixture.api(app, .GET, "/api/v1/applications/\(id)/acceptance-checklist", token: bureau.token)
            #expect(status == .ok, "the checklist answered \(status): \(body.prefix(300))")
            let checklist = try ReviewFixture.decode(AcceptanceController.ChecklistAnswer.self, body)
            #expect(checklist.applicationID == id)
            #expect(checklist.stage == .reported)
            #expect(checklist.open)

            // The same items, in the same order, as the bureau's page.
            let bureauBrowser = try await signInBrowser(app, "bureau1")
            let (_, page) = try await ApplicationFlowTests.get(app, bureauBrowser, "/applications/\(id)")
            #expect(checklist.items.map(\.id) == AcceptanceTests.itemIDs(in: page))
            let opinion = try #require(checklist.items.first { $0.id == "upload:unitOpinion" })
            #expect(opinion.found == "present" && opinion.inOrder && opinion.fixUpload == "unitOpinion")
            #expect(opinion.label.zh == UploadKind.unitOpinion.name.zh && opinion.label.en == UploadKind.unitOpinion.name.en)
            let ladder = try #require(checklist.items.first { $0.id == "clause:experience.ladder" })
            #expect(ladder.fixStep == "work" && !ladder.citation.isEmpty && !ladder.label.en.isEmpty)
            #expect(checklist.items.allSatisfy { !$0.label.zh.isEmpty && !$0.label.en.isEmpty })
            #expect(checklist.verdicts.map(\.value) == ItemVerdict.allCases.map(\.rawValue))

            // Only the bureau reads it.
            for username in ["applicant1", "employer1"] {
                let other = try await signInAPI(app, username)
                let (refused, _) = try await ReviewFixture.api(app, .GET, "/api/v1/applications/\(id)/acceptance-checklist", token: other.token)
                #expect(refused == .forbidden, "\(username) read the checklist")
            }

            // Verdicts as the checklist names them; a reviewer's reason where the system asks for judgement.
            var items: [String: Verdicts.Item] = [:]
            for item in checklist.items {
                items[item.id] = Verdicts.Item(verdict: "conforms", note: item.found == "review" ? "经核实，符合原则上的要求" : nil)
            }
            let transitions = "/api/v1/applications/\(id)/transitions"
            var unknown = items
            unknown["clause:made.up"] = Verdicts.Item(verdict: "conforms", note: nil)
            var (answer, text) = try await ReviewFixture.api(app, .POST, transitions, token: bureau.token,
                                                             json: Verdicts(event: "accept", items: unknown))
            #expect(answer == .badRequest, "a verdict on an unknown key answered \(answer): \(text.prefix(300))")
            #expect(text.contains("clause:made.up"))
            var badVerdict = items
            badVerdict["summary"] = Verdicts.Item(verdict: "fine", note: nil)
            (answer, text) = try await ReviewFixture.api(app, .POST, transitions, token: bureau.token,
                                                         json: Verdicts(event: "accept", items: badVerdict))
            #expect(answer == .badRequest)
            #expect(text.contains("items.summary.verdict"))
            #expect(try await ApplicationRecord.find(id, on: app.db)?.currentStage == .reported)

            (answer, text) = try await ReviewFixture.api(app, .POST, transitions, token: bureau.token,
                                                         json: Verdicts(event: "accept", items: items))
            #expect(answer == .ok, "accept answered \(answer): \(text.prefix(300))")
            #expect(try await ApplicationRecord.find(id, on: app.db)?.currentStage == .accepted)
            let (_, afterBody) = try await ReviewFixture.api(app, .GET, "/api/v1/applications/\(id)/acceptance-checklist", token: bureau.token)
            #expect(try ReviewFixture.decode(AcceptanceController.ChecklistAnswer.self, afterBody).open == false)

            // A change refused after acceptance says so once, not “accepted (Accepted)”.
            let applicant = try await signInAPI(app, "applicant1")
            struct Save: Encodable, Sendable { let version = 99; let summary = "改" }
            let (frozen, refusal) = try await ReviewFixture.api(app, .PUT, "/api/v1/applications/\(id)/steps/summary", token: applicant.token,
                                                                json: Save())
            #expect(frozen == .conflict)
            #expect(refusal.contains("The file has been accepted; an accepted file cannot be changed."))
            #expect(refusal.contains("申报材料已受理，受理后不能再修改"))
            #expect(!refusal.contains("(Accepted)") && !refusal.contains("（已受理）"))
        }
    }
}
