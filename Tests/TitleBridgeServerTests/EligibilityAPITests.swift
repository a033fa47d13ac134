import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

@Suite("API — eligibility check and working-day calendar")
struct EligibilityAPITests {
    static let profile = """
    { "target": { "series": "engineering", "level": "associateSenior" },
      "employer": { "kind": "publicInstitution" },
      "currentTitle": { "series": "engineering", "level": "intermediate" },
      "certificate": { "field": "informationTechnology", "titleSeries": "engineering", "verifiedOn": "2024-08-20" },
      "education": [ { "degree": "master", "discipline": "engineering", "awardedOn": "2014-06-30" } ],
      "work": [ { "from": "2014-07-01", "to": null, "inShanghai": false, "related": true },
                { "from": "2024-06-01", "to": null, "inShanghai": true, "related": true } ],
      "attestations": { "lawAbiding": true, "professionalEthics": true, "dutiesFulfilled": true } }
    """

    static func post(_ app: Application, _ body: String, check: @escaping (TestingHTTPResponse) throws -> Void) async throws {
        try await app.testing().test(.POST, "/api/v1/eligibility/check",
                                     headers: ["Content-Type": "application/json"],
                                     body: ByteBuffer(string: body)) { res in try check(res) }
    }

    static func json(_ res: TestingHTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(res.body.string.utf8)) as? [String: Any])
    }

    @Test("A report in exactly the documented shape", arguments: DatabaseEngine.available)
    func report(engine: DatabaseEngine) async throws {
        try await withTestApp(engine) { app in
            try await Self.post(app, Self.profile) { res in
                #expect(res.status == .ok)
                let body = try Self.json(res)
                #expect(Set(body.keys) == ["eligible", "needsReview", "clauses"])
                #expect(body["eligible"] as? Bool == true)
                // Seven months in Shanghai: 原则上 one year, so a reviewer decides.
                #expect(body["needsReview"] as? Bool == true)
                let clauses = try #require(body["clauses"] as? [[String: Any]])
                for clause in clauses {
                    #expect(Set(clause.keys) == ["id", "citation", "outcome", "message"])
                    let message = try #require(clause["message"] as? [String: String])
                    #expect(Set(message.keys) == ["zh", "en"])
                }
                let byID = Dictionary(uniqueKeysWithValues: clauses.compactMap { c in (c["id"] as? String).map { ($0, c) } })
                #expect(byID["experience.ladder"]?["citation"] as? String == "三(二)3(2)")
                #expect(byID["experience.ladder"]?["outcome"] as? String == "pass")
                #expect(byID["experience.shanghai"]?["outcome"] as? String == "review")
                #expect(byID["publicInstitution.oneLevelUp"]?["outcome"] as? String == "pass")
                #expect(byID["verification.cutoff"]?["citation"] as? String == "四(一)")
            }
        }
    }

    @Test("Malformed input gets 400 with the field named", arguments: [
        ("\"degree\": \"master\"", "\"degree\": \"mba\"", "education[0].degree"),
        ("\"from\": \"2014-07-01\"", "\"from\": \"2014-02-30\"", "work[0].from"),
        ("\"from\": \"2014-07-01\", \"to\": null", "\"from\": \"2014-07-01\", \"to\": \"2014-06-30\"", "work[0].to"),
        ("\"level\": \"associateSenior\"", "\"level\": \"senior\"", "target.level"),
        ("\"kind\": \"publicInstitution\"", "\"kind\": \"ngo\"", "employer.kind"),
        ("\"lawAbiding\": true,", "", "attestations.lawAbiding"),
    ])
    func malformed(original: String, replacement: String, field: String) async throws {
        let body = Self.profile.replacingOccurrences(of: original, with: replacement)
        #expect(body != Self.profile)
        try await withTestApp(.sqlite) { app in
            try await Self.post(app, body) { res in
                #expect(res.status == .badRequest)
                let error = try #require(try Self.json(res)["error"] as? [String: Any])
                #expect(error["field"] as? String == field)
                let message = try #require(error["message"] as? [String: String])
                #expect(message["zh"]?.isEmpty == false && message["en"]?.isEmpty == false)
                #expect(error["code"] as? String != nil)
            }
        }
    }

    @Test("An unknown batch and a body that is not JSON are refused")
    func unknownBatch() async throws {
        try await withTestApp(.sqlite) { app in
            try await Self.post(app, Self.profile.replacingOccurrences(of: "{ \"target\"", with: "{ \"batch\": \"shanghai-2031\", \"target\"")) { res in
                #expect(res.status == .badRequest)
                let error = try Self.json(res)["error"] as? [String: Any]
                #expect(error?["field"] as? String == "batch")
            }
            try await Self.post(app, "not json") { res in
                #expect(res.status == .badRequest)
            }
        }
    }

    @Test("Working days and latest start, as documented", arguments: DatabaseEngine.available)
    func calendar(engine: DatabaseEngine) async throws {
        try await withTestApp(engine) { app in
            try await app.testing().test(.GET, "/api/v1/calendar/working-days?start=2024-09-13&count=5") { res in
                #expect(res.status == .ok)
                let body = try Self.json(res) as NSDictionary
                #expect(body == ["start": "2024-09-13", "count": 5, "end": "2024-09-20"] as NSDictionary)
            }
            try await app.testing().test(.GET, "/api/v1/calendar/latest-start?end=2024-09-19&count=5") { res in
                let body = try Self.json(res) as NSDictionary
                #expect(body == ["end": "2024-09-19", "count": 5, "latestStart": "2024-09-12"] as NSDictionary)
            }
            try await app.testing().test(.GET, "/api/v1/calendar/working-days?start=2027-01-04&count=5") { res in
                let body = try Self.json(res)
                #expect(body["provisional"] as? Bool == true)
            }
            for bad in ["start=2024-02-30&count=5", "start=2024-09-13&count=0", "start=2024-09-13&count=x", "count=5"] {
                try await app.testing().test(.GET, "/api/v1/calendar/working-days?\(bad)") { res in
                    #expect(res.status == .badRequest, "\(bad)")
                }
            }
        }
    }
}

@Suite("资格自查 — the self-check page")
struct SelfCheckPageTests {
    @Test("The form, then the report in plain words with citations", arguments: DatabaseEngine.available)
    func selfCheck(engine: DatabaseEngine) async throws {
        try await withTestApp(engine) { app in
            try await app.testing().test(.GET, "/self-check") { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("资格自查"))
                #expect(res.body.string.contains("name=\"edu0Degree\""))
            }
            let query = "target=accounting.intermediate&employer=enterprise&field=financeManagement&certSeries=accounting"
                + "&verifiedOn=2024-09-02&edu0Degree=bachelor&edu0Discipline=management&edu0AwardedOn=2010-06-30"
                + "&work0From=2010-07-01&work0InShanghai=1&work0Related=1&lawAbiding=1&ethics=1&duties=1"
            try await app.testing().test(.GET, "/self-check?" + query) { res in
                let html = res.body.string
                #expect(res.status == .ok)
                #expect(html.contains("不符合条件"))
                #expect(html.contains("金融与管理领域证书只能认定副高级职称。"))
                #expect(html.contains("晚于截止日2024年8月31日"))
                // The clause reference says what it is about when pointed at.
                #expect(html.contains("<span class=\"cite\"><abbr title=\"四(一)：证书查验"))
                #expect(html.contains("四(一)</abbr></span>"))
            }
            try await app.testing().test(.GET, "/self-check?lang=en&" + query.replacingOccurrences(of: "intermediate", with: "associateSenior")
                .replacingOccurrences(of: "2024-09-02", with: "2024-08-31")) { res in
                let html = res.body.string
                #expect(html.contains("Eligible for this batch."))
                #expect(html.contains("passed verification on 31 August 2024"))
            }
            try await app.testing().test(.GET, "/self-check?" + query.replacingOccurrences(of: "2010-07-01", with: "2010-13-01")) { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("日期“2010-13-01”无效"))
            }
            // A bad choice is named as the form labels it, not by its name in the address.
            try await app.testing().test(.GET, "/self-check?" + query.replacingOccurrences(of: "employer=enterprise", with: "employer=bank")) { res in
                #expect(res.body.string.contains("请检查“用人单位性质”一项。"))
            }
            try await app.testing().test(.GET, "/self-check?lang=en&" + query.replacingOccurrences(of: "edu0Degree=bachelor", with: "edu0Degree=diploma")) { res in
                #expect(res.body.string.contains("Please check the field “Degree”."))
            }
        }
    }
}
