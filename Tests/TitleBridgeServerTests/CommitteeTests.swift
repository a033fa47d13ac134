import Fluent
import Foundation
import SQLKit
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

/// 四(六) on both databases, as the demo leaves the committee on 2024-10-16: applicant3 passed,
/// applicant16 not, applicant17 interviewed (expert6 absent, expert7 recused as an employee of
/// the same enterprise, expert2 … expert5 voted, expert1 not yet), applicant18 on the next
/// session, applicant14 accepted without its printed files.
@Suite("The committee: sessions, recusal, opinions and the secret ballot (四(六))")
struct CommitteeTests {
    static let day = "2024-10-16"

    struct OpinionBody: Encodable {
        var academicLevel = "理论基础扎实。"
        var professionalAbility = "能独立主持复杂项目。"
        var workResults = "成果明显。"
        var contribution = "贡献突出。"
        var recommendation = "recognise"
    }

    struct Choice: Encodable {
        let choice: String
    }

    struct Close: Encodable {
        let opinion: String
    }

    struct Present: Encodable {
        let present: [String]
    }

    struct Place: Encodable {
        let applications: [String]
    }

    struct NewSession: Encodable {
        let field: String
        let day: String
        let from = "09:00"
        let until = "12:00"
        let place: String
        let panel: [String]
    }

    static func file(_ app: Application, _ username: String) async throws -> UUID {
        let user = try await userID(app, username)
        return try #require(try await ApplicationRecord.query(on: app.db).filter(\.$applicantID == user).first()?.requireID())
    }

    static func code(_ body: String) throws -> String {
        try ReviewFixture.decode(ErrorPageMiddleware.APIError.self, body).error.code
    }

    static func ballots(_ app: Application, _ id: UUID) async throws -> [String] {
        let sql = try #require(app.db as? any SQLDatabase)
        return try await sql.raw("SELECT choice FROM ballots WHERE application_id = \(bind: id)").all()
            .map { try $0.decode(column: "choice", as: String.self) }
    }

    @Test("An expert votes once; a recused, an absent or an off-panel expert neither reads nor votes; the secretary does not vote",
          arguments: DatabaseEngine.available)
    func whoMayVote(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, clock: shanghaiNoon(Self.day), demoFiles: true) { app in
            let id = try await Self.file(app, "applicant17")
            let path = "/api/v1/committee/files/\(id)"
            #expect(try await Self.ballots(app, id).count == 4)

            let expert1 = try await signInAPI(app, "expert1").token
            // The ballot rests on the opinion: none yet, no ballot.
            var (status, body) = try await ReviewFixture.api(app, .POST, path + "/ballot", token: expert1, json: Choice(choice: "agree"))
            #expect(status == .conflict)
            #expect(try Self.code(body) == "opinion_first")
            (status, body) = try await ReviewFixture.api(app, .PUT, path + "/opinion", token: expert1, json: OpinionBody())
            #expect(status == .ok, "\(body)")
            (status, body) = try await ReviewFixture.api(app, .POST, path + "/ballot", token: expert1, json: Choice(choice: "disagree"))
            #expect(status == .ok, "\(body)")
            (status, body) = try await ReviewFixture.api(app, .POST, path + "/ballot", token: expert1, json: Choice(choice: "agree"))
            #expect(status == .conflict)
            #expect(try Self.code(body) == "already_voted")
            let expert2 = try await signInAPI(app, "expert2").token
            (status, body) = try await ReviewFixture.api(app, .POST, path + "/ballot", token: expert2, json: Choice(choice: "agree"))
            #expect(status == .conflict)
            #expect(try Self.code(body) == "already_voted")
            // Nor can one who voted stand aside afterwards: the ballot has no voter to take it back from.
            struct Reason: Encodable { let reason = "事后发现利害关系。" }
            (status, body) = try await ReviewFixture.api(app, .POST, path + "/recusals", token: expert2, json: Reason())
            #expect(status == .conflict)
            #expect(try Self.code(body) == "already_voted")
            #expect(try await Self.ballots(app, id).count == 5)

            // expert7 works for the applicant's employer (recused when placed), expert6 was absent:
            // the file is not there for them, through the API, the pages, the file and its uploads.
            let before = try await ReviewFixture.footprint(app, id)
            for username in ["expert7", "expert6"] {
                let token = try await signInAPI(app, username).token
                #expect(try await ReviewFixture.api(app, .GET, path, token: token).0 == .notFound, "\(username) reads")
                #expect(try await ReviewFixture.api(app, .GET, "/api/v1/applications/\(id)", token: token).0 == .notFound)
                #expect(try await ReviewFixture.api(app, .PUT, path + "/opinion", token: token, json: OpinionBody()).0 == .notFound)
                #expect(try await ReviewFixture.api(app, .POST, path + "/ballot", token: token, json: Choice(choice: "agree")).0 == .notFound)
                let browser = try await signInBrowser(app, username)
                #expect(try await ApplicationFlowTests.get(app, browser, "/committee/files/\(id)").0 == .notFound)
                #expect(try await ApplicationFlowTests.get(app, browser, "/applications/\(id)").0 == .notFound)
                let upload = try #require(try await ApplicationUploadRecord.query(on: app.db).filter(\.$applicationID == id).first())
                #expect(try await ApplicationFlowTests.get(app, browser, "/files/\(upload.fileID)").0 == .notFound)
            }
            // The secretary reads the file but has no ballot: refused at the door, page and API alike.
            let secretary = try await signInAPI(app, "secretary1").token
            #expect(try await ReviewFixture.api(app, .GET, path, token: secretary).0 == .ok)
            #expect(try await ReviewFixture.api(app, .POST, path + "/ballot", token: secretary, json: Choice(choice: "agree")).0 == .forbidden)
            let desk = try await signInBrowser(app, "secretary1")
            #expect(try await ApplicationFlowTests.post(app, desk, "/committee/files/\(id)/ballot", ["choice": "agree"]).0 == .forbidden)
            // Nor can the bureau or the applicant reach the committee's routes.
            let bureau = try await signInAPI(app, "bureau1").token
            #expect(try await ReviewFixture.api(app, .GET, path, token: bureau).0 == .forbidden)
            #expect(try await ReviewFixture.footprint(app, id) == before)
            #expect(try await Self.ballots(app, id).count == 5)
        }
    }

    @Test("Nobody sees another's ballot before or after the close; the close is final and moves the file with the tally",
          arguments: DatabaseEngine.available)
    func secrecyAndFinality(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, clock: shanghaiNoon(Self.day), demoFiles: true) { app in
            let id = try await Self.file(app, "applicant17")
            let path = "/api/v1/committee/files/\(id)"
            // Before: one's own standing and a count, nothing of anyone's choice.
            let expert2 = try await signInAPI(app, "expert2").token
            var (status, body) = try await ReviewFixture.api(app, .GET, path, token: expert2)
            #expect(status == .ok)
            let before = try ReviewFixture.decode(CommitteeAPIController.FileAnswer.self, body)
            #expect(before.hasVoted && before.voted == 4 && before.entitled == 5 && before.tally == nil)
            for word in ["\"choice\"", "\"agree\"", "disagree", "abstain"] { #expect(!body.contains(word), "\(word) in \(body)") }
            // An expert's page shows no other expert's opinion; the secretary's shows them unsigned.
            let page1 = try await ApplicationFlowTests.get(app, try await signInBrowser(app, "expert1"), "/committee/files/\(id)").1
            #expect(!page1.contains("熟悉国际和国内会计准则"))
            let secretaryPage = try await ApplicationFlowTests.get(app, try await signInBrowser(app, "secretary1"), "/committee/files/\(id)").1
            #expect(secretaryPage.contains("熟悉国际和国内会计准则") && secretaryPage.contains("委员评议意见（不署名）"))
            #expect(!secretaryPage.contains(">同意<") && !secretaryPage.contains(">不同意<"))

            let expert1 = try await signInAPI(app, "expert1").token
            _ = try await ReviewFixture.api(app, .PUT, path + "/opinion", token: expert1, json: OpinionBody(recommendation: "notRecognise"))
            #expect(try await ReviewFixture.api(app, .POST, path + "/ballot", token: expert1, json: Choice(choice: "disagree")).0 == .ok)

            // The close: 5 present of 7 (quorum 5), 4 agreeing of 5 (4 needed) — passed.
            let secretary = try await signInAPI(app, "secretary1").token
            (status, body) = try await ReviewFixture.api(app, .POST, path + "/close", token: secretary, json: Close(opinion: ""))
            #expect(status == .badRequest)
            #expect(try Self.code(body) == "committee_opinion_missing")
            (status, body) = try await ReviewFixture.api(app, .POST, path + "/close", token: secretary,
                                                       json: Close(opinion: "符合副高级职称考核认定条件。"))
            #expect(status == .ok, "\(body)")
            let tally = try ReviewFixture.decode(CommitteeAPIController.TallyAnswer.self, body)
            #expect(tally.outcome == "passed" && tally.present == 5 && tally.agree == 4 && tally.disagree == 1)
            #expect(tally.committeeSize == 7 && tally.quorumNeeded == 5 && tally.agreeNeeded == 4)
            let record = try #require(try await ApplicationRecord.find(id, on: app.db))
            #expect(record.currentStage == .resultPublicity)
            let change = try #require(try await ReviewRecord.query(on: app.db).filter(\.$applicationID == id)
                .filter(\.$event == StageEvent.recordPass.rawValue).first())
            guard case .decision(let decision)? = change.detail else { Issue.record("no decision in the history"); return }
            #expect(decision.agree == 4 && decision.present == 5 && decision.opinion == "符合副高级职称考核认定条件。")
            // The applicant is told the outcome, not the count.
            let told = try #require(try await MessageRecord.query(on: app.db).filter(\.$applicationID == id).sort(\.$createdAt, .descending).first())
            #expect(told.bodyZh.contains("表决通过") && !told.bodyZh.contains("同意 4 票"))

            // After: the count only, to everyone on the file.
            (status, body) = try await ReviewFixture.api(app, .GET, path, token: expert2)
            #expect(try ReviewFixture.decode(CommitteeAPIController.FileAnswer.self, body).tally?.agree == 4)
            #expect(!body.contains("\"choice\""))

            // Final: no second close, no ballot or opinion, no way round through the generic stage change.
            let footprint = try await ReviewFixture.footprint(app, id)
            (status, body) = try await ReviewFixture.api(app, .POST, path + "/close", token: secretary, json: Close(opinion: "重新表决"))
            #expect(status == .conflict)
            #expect(try Self.code(body) == "vote_closed")
            (status, body) = try await ReviewFixture.api(app, .PUT, path + "/opinion", token: expert1, json: OpinionBody())
            #expect(status == .conflict)
            let desk = try await signInBrowser(app, "secretary1")
            #expect(try await ReviewFixture.act(app, desk, id, "recordFail").0 == .conflict)
            #expect(try await ReviewFixture.footprint(app, id) == footprint)
            #expect(try await VoteClosureRecord.query(on: app.db).filter(\.$applicationID == id).count() == 1)
            #expect(try await Self.ballots(app, id).count == 5)
        }
    }

    @Test("Files are placed only once their printed files are in, and only on a session of their field; the applicant is told each time",
          arguments: DatabaseEngine.available)
    func placing(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, clock: shanghaiNoon(Self.day), demoFiles: true) { app in
            let id = try await Self.file(app, "applicant14")
            let secretary = try await signInAPI(app, "secretary1").token
            var panel: [String] = []
            for number in 1...5 { panel.append(try await userID(app, "expert\(number)").uuidString) }

            // The session: a working day ahead, a panel no smaller than the quorum of the committee.
            var (status, body) = try await ReviewFixture.api(app, .POST, "/api/v1/committee/sessions", token: secretary, json: NewSession(
                field: "informationTechnology", day: "2024-10-26", place: "第三会议室", panel: panel))
            #expect(status == .badRequest)
            #expect(try Self.code(body) == "day_not_working_day")
            (status, body) = try await ReviewFixture.api(app, .POST, "/api/v1/committee/sessions", token: secretary, json: NewSession(
                field: "informationTechnology", day: "2024-10-24", place: "第三会议室", panel: Array(panel.prefix(4))))
            #expect(status == .badRequest)
            #expect(try Self.code(body) == "panel_too_small")
            (status, body) = try await ReviewFixture.api(app, .POST, "/api/v1/committee/sessions", token: secretary, json: NewSession(
                field: "informationTechnology", day: "2024-10-24", place: "第三会议室", panel: panel))
            #expect(status == .created, "\(body)")
            let session = try ReviewFixture.decode(CommitteeAPIController.SessionAnswer.self, body)

            // No printed files yet: refused, nothing changes.
            let before = try await ReviewFixture.footprint(app, id)
            (status, body) = try await ReviewFixture.api(app, .POST, "/api/v1/committee/sessions/\(session.id)/files", token: secretary,
                                                       json: Place(applications: [id.uuidString]))
            #expect(status == .conflict)
            #expect(try Self.code(body) == "paperNotReceived")
            #expect(try await ReviewFixture.footprint(app, id) == before)
            // The secretary's page lists it as waiting for its printed files.
            let page = try await ApplicationFlowTests.get(app, try await signInBrowser(app, "secretary1"), "/committee").1
            #expect(page.contains("尚未收到，暂不能安排"))

            let number = try #require(try await AcceptanceRecord.query(on: app.db).filter(\.$applicationID == id).first()?.number)
            let bureau = try await signInAPI(app, "bureau1").token
            #expect(try await ReviewFixture.api(app, .POST, "/api/v1/paper-receipts", token: bureau, json: ["number": number]).0 == .ok)
            // Of another field: refused.
            let finance = try #require(try await InterviewSessionRecord.query(on: app.db).filter(\.$field == "financeManagement").first())
            (status, body) = try await ReviewFixture.api(app, .POST, "/api/v1/committee/sessions/\(try finance.requireID())/files",
                                                       token: secretary, json: Place(applications: [id.uuidString]))
            #expect(status == .conflict)
            #expect(try Self.code(body) == "field_mismatch")
            (status, body) = try await ReviewFixture.api(app, .POST, "/api/v1/committee/sessions/\(session.id)/files", token: secretary,
                                                       json: Place(applications: [id.uuidString]))
            #expect(status == .ok, "\(body)")
            #expect(try await ApplicationRecord.find(id, on: app.db)?.currentStage == .interviewScheduled)
            let messages = { try await MessageRecord.query(on: app.db).filter(\.$applicationID == id).all() }
            let told = try await messages().first { $0.bodyZh.contains("面谈答辩：") }
            #expect(told?.bodyZh.contains("第三会议室") == true && told?.bodyEn.contains("第三会议室") == true)

            // expert6 is not on this panel: the file is not there for it.
            let expert6 = try await signInAPI(app, "expert6").token
            #expect(try await ReviewFixture.api(app, .GET, "/api/v1/committee/files/\(id)", token: expert6).0 == .notFound)
            #expect(try await ReviewFixture.api(app, .POST, "/api/v1/committee/files/\(id)/ballot", token: expert6,
                                                json: Choice(choice: "agree")).0 == .notFound)
            // A panel expert reads the file before the interview, but judges only after it.
            let expert1 = try await signInAPI(app, "expert1").token
            #expect(try await ReviewFixture.api(app, .GET, "/api/v1/applications/\(id)", token: expert1).0 == .ok)
            (status, body) = try await ReviewFixture.api(app, .PUT, "/api/v1/committee/files/\(id)/opinion", token: expert1, json: OpinionBody())
            #expect(status == .conflict)
            #expect(try Self.code(body) == "may_not_judge")

            // The secretary recuses an expert with a reason: from then on the file is not there for it.
            struct Recusal: Encodable { let expert: String, reason: String }
            let expert2 = try await signInAPI(app, "expert2").token
            #expect(try await ReviewFixture.api(app, .GET, "/api/v1/committee/files/\(id)", token: expert2).0 == .ok)
            (status, body) = try await ReviewFixture.api(app, .POST, "/api/v1/committee/files/\(id)/recusals", token: secretary,
                                                       json: Recusal(expert: panel[1], reason: " "))
            #expect(status == .badRequest)
            (status, body) = try await ReviewFixture.api(app, .POST, "/api/v1/committee/files/\(id)/recusals", token: secretary,
                                                       json: Recusal(expert: panel[1], reason: "与申报人系近亲属。"))
            #expect(status == .ok, "\(body)")
            (status, body) = try await ReviewFixture.api(app, .POST, "/api/v1/committee/files/\(id)/recusals", token: secretary,
                                                       json: Recusal(expert: panel[1], reason: "与申报人系近亲属。"))
            #expect(status == .conflict)
            #expect(try Self.code(body) == "already_recused")
            #expect(try await ReviewFixture.api(app, .GET, "/api/v1/committee/files/\(id)", token: expert2).0 == .notFound)
            let recusal = try await RecusalRecord.query(on: app.db).filter(\.$applicationID == id).all()
            #expect(recusal.map(\.ground) == [RecusalGround.bySecretary.rawValue] && recusal.first?.reason == "与申报人系近亲属。")

            // A moved session tells the applicant again.
            struct Move: Encodable { let day = "2024-10-25", from = "14:00", until = "17:00", place = "第五会议室" }
            (status, body) = try await ReviewFixture.api(app, .PATCH, "/api/v1/committee/sessions/\(session.id)", token: secretary, json: Move())
            #expect(status == .ok, "\(body)")
            let moved = try await messages().first { $0.titleZh == "面谈答辩时间已调整" }
            #expect(moved?.titleZh == "面谈答辩时间已调整" && moved?.bodyZh.contains("第五会议室") == true && moved?.bodyZh.contains("第三会议室") == true)
        }
    }

    @Test("A sitting without a quorum cannot close the vote: the file waits, nothing changes", arguments: DatabaseEngine.available)
    func noQuorum(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, clock: shanghaiNoon("2024-10-22"), demoFiles: true) { app in
            let id = try await Self.file(app, "applicant18")
            let secretary = try await signInAPI(app, "secretary1").token
            // expert7 is recused (same enterprise); four of the other six sit: below 5 of 7.
            var present: [String] = []
            for number in 1...4 { present.append(try await userID(app, "expert\(number)").uuidString) }
            var (status, body) = try await ReviewFixture.api(app, .POST, "/api/v1/committee/files/\(id)/interview", token: secretary,
                                                           json: Present(present: present))
            #expect(status == .ok, "\(body)")
            #expect(try await ApplicationRecord.find(id, on: app.db)?.currentStage == .interviewed)
            let before = try await ReviewFixture.footprint(app, id)
            (status, body) = try await ReviewFixture.api(app, .POST, "/api/v1/committee/files/\(id)/close", token: secretary,
                                                       json: Close(opinion: "出席不足"))
            #expect(status == .conflict)
            #expect(try Self.code(body) == "no_quorum")
            #expect(try await ReviewFixture.footprint(app, id) == before)
        }
    }

    @Test("The ballot table keeps the choice and the file only, in an order that is the same whatever order the ballots came in",
          arguments: DatabaseEngine.available)
    func ballotsCannotBeLinked(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, clock: shanghaiNoon(Self.day), demoFiles: true) { app in
            let sql = try #require(app.db as? any SQLDatabase)
            func columns(_ table: String) async throws -> Set<String> {
                let rows = engine == .sqlite
                    ? try await sql.raw("SELECT name FROM pragma_table_info(\(bind: table))").all()
                    : try await sql.raw("SELECT column_name AS name FROM information_schema.columns WHERE table_name = \(bind: table) AND table_schema = current_schema()").all()
                return Set(try rows.map { try $0.decode(column: "name", as: String.self) })
            }
            // No voter, no key drawn in order, no time in the ballots; no time or choice beside who voted.
            #expect(try await columns("ballots") == ["application_id", "choice"])
            #expect(try await columns("vote_participation") == ["id", "application_id", "expert_id"])

            // applicant17: four agreeing ballots from the demo, then expert1's disagreeing one.
            let id = try await Self.file(app, "applicant17")
            let expert1 = try await signInAPI(app, "expert1").token
            _ = try await ReviewFixture.api(app, .PUT, "/api/v1/committee/files/\(id)/opinion", token: expert1, json: OpinionBody())
            #expect(try await ReviewFixture.api(app, .POST, "/api/v1/committee/files/\(id)/ballot", token: expert1,
                                                json: Choice(choice: "disagree")).0 == .ok)
            #expect(try await Self.ballots(app, id) == ["agree", "agree", "agree", "agree", "disagree"])
            if engine == .sqlite {
                let stored = try await sql.raw("SELECT choice FROM ballots WHERE application_id = \(bind: id) ORDER BY rowid").all()
                    .map { try $0.decode(column: "choice", as: String.self) }
                #expect(stored == ["agree", "agree", "agree", "agree", "disagree"])
            }

            // The same ballots in two orders leave the same rows in the same order.
            let first = UUID(), second = UUID()
            try await app.db.transaction { db in
                for choice in [BallotChoice.disagree, .abstain, .agree, .agree] { try await BallotBox.add(choice, for: first, on: db) }
                for choice in [BallotChoice.agree, .agree, .abstain, .disagree] { try await BallotBox.add(choice, for: second, on: db) }
            }
            #expect(try await Self.ballots(app, first) == ["agree", "agree", "disagree", "abstain"])
            #expect(try await Self.ballots(app, first) == (try await Self.ballots(app, second)))

            // The audit log says who voted on which file, never how.
            let votes = try await AuditEventRecord.query(on: app.db).filter(\.$action == "committee.vote").all()
            #expect(votes.filter { $0.afterDigest == id.uuidString }.count == 5)
            for row in votes {
                let text = [row.beforeDigest, row.afterDigest, row.reason].compactMap { $0 }.joined(separator: " ")
                for choice in BallotChoice.allCases { #expect(!text.contains(choice.rawValue)) }
            }
        }
    }

    @Test("In the browser: a refused opinion comes back with every answer typed, then the ballot, then the secretary's close and the tally",
          arguments: DatabaseEngine.available)
    func pagesWalk(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, clock: shanghaiNoon(Self.day), demoFiles: true) { app in
            let id = try await Self.file(app, "applicant17")
            let page = "/committee/files/\(id)"
            let expert = try await signInBrowser(app, "expert1")
            let typed = ["academicLevel": "理论扎实，跟踪前沿。", "professionalAbility": "", "workResults": "成果突出。",
                         "contribution": "贡献明显。", "recommendation": "recognise"]
            let (status, location, _) = try await ApplicationFlowTests.post(app, expert, page + "/opinion", typed)
            #expect(status == .seeOther)
            let back = try #require(location)
            #expect(back.hasPrefix(page + "?refused="))
            let (refused, shown) = try await ApplicationFlowTests.get(app, expert, back)
            #expect(refused == .badRequest)
            #expect(shown.contains("请填写“业务能力”的评议意见。") && shown.contains("理论扎实，跟踪前沿。") && shown.contains("成果突出。"))

            var complete = typed
            complete["professionalAbility"] = "能独立主持复杂项目。"
            #expect(try await ApplicationFlowTests.post(app, expert, page + "/opinion", complete).0 == .seeOther)
            #expect(try await ApplicationFlowTests.post(app, expert, page + "/ballot", ["choice": "agree"]).0 == .seeOther)
            let after = try await ApplicationFlowTests.get(app, expert, page).1
            #expect(after.contains("您已投票。") && !after.contains("name=\"choice\""))

            let secretary = try await signInBrowser(app, "secretary1")
            #expect(try await ApplicationFlowTests.post(app, secretary, page + "/close", ["opinion": "同意认定。"]).0 == .seeOther)
            let tally = try await ApplicationFlowTests.get(app, secretary, page + "?lang=en").1
            #expect(tally.contains("Result of the vote") && tally.contains("Passed") && tally.contains("同意认定。"))
            #expect(!tally.contains("name=\"opinion\""), "no close form after the close")
        }
    }
}
