import Foundation
import Testing
import TitleBridgeCore
import TitleBridgeServer

/// 演练 — the acceptance of the rehearsal clock: the built `titlebridge serve`, a fresh data
/// folder, and nothing but HTTP, as a newcomer walks the second batch's window years after it
/// closed.
@Suite("Rehearsal — the window walked on the real binary with a simulated clock")
struct RehearsalServeTests {
    static let opening = "2024-09-10T09:00:00+08:00"
    static let reporting = "2024-09-19T10:00:00+08:00"
    static let batch = "shanghai-2024-batch2"

    /// The parts of a file's API answer this walk reads.
    struct FileAnswer: Decodable {
        struct Publicity: Decodable {
            let startsOn: String
            let endsOn: String
            let fitsWindow: Bool
        }

        struct ReportingItem: Decodable {
            let id: String
            let met: Bool
        }

        struct HistoryEntry: Decodable {
            let event: String
            let at: String
        }

        let id: UUID
        let batch: String
        let stage: String
        let version: Int
        let publicity: Publicity?
        let reporting: [ReportingItem]?
        let history: [HistoryEntry]
        let acceptanceNumber: String?
    }

    struct VerificationAnswer: Decodable {
        struct BatchUse: Decodable {
            let batch: String
            let qualifies: Bool
        }

        let certificateCode: String
        let status: String
        let verificationNumber: String?
        let currentBatch: BatchUse?
    }

    struct CertificateItemAnswer: Decodable {
        let id: String
        let field: String
        let titleSeries: String
    }

    struct UnitAnswer: Decodable {
        let id: UUID
        let creditCode: String?
    }

    struct ChecklistAnswer: Decodable {
        struct Item: Decodable {
            let id: String
            let found: String
        }

        let open: Bool
        let items: [Item]
    }

    @Test("serve --clock 2024-09-10 09:00: applicant1 submits, employer1 approves and starts the publicity; restarted at 2024-09-19 10:00 the file is reported and accepted with 2024B2-FM-0001; a restart at the earlier instant is refused")
    func rehearseTheWindow() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: ServeCommandTests.executable.path),
                     "build the titlebridge product first (swift build)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("titlebridge-rehearsal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data").path
        let opening = try #require(RehearsalClock.instant(from: Self.opening))
        let reporting = try #require(RehearsalClock.instant(from: Self.reporting))

        let id: UUID
        do {
            let serve = try ServeProcess(arguments: ["--data-dir", data, "--clock", Self.opening], in: folder)
            defer { serve.stop() }
            try #require(try await serve.healthy(), "serve --clock did not answer /healthz within 30 s: \(serve.errors.suffix(2000))")
            try await Self.expectSimulated(serve.base, from: opening)
            id = try await Self.submitAndPublicise(serve.base)
        }

        let lastAnswer: Date
        do {
            let serve = try ServeProcess(arguments: ["--data-dir", data, "--clock", Self.reporting], in: folder)
            defer { serve.stop() }
            try #require(try await serve.healthy(), "serve --clock did not restart on the same folder: \(serve.errors.suffix(2000))")
            try await Self.expectSimulated(serve.base, from: reporting)
            lastAnswer = try await Self.reportAndAccept(serve.base, id, from: reporting)
        }

        // Back to an instant before what the folder holds: the start is refused, with both instants.
        let refused = try ServeProcess(arguments: ["--data-dir", data, "--clock", Self.opening], in: folder)
        defer { refused.stop() }
        let ended = try await refused.exited(within: 60)
        let (status, errors) = try #require(ended, "serve started on a clock earlier than its newest stored event")
        #expect(status != 0)
        #expect(errors.contains(ShanghaiTime.clockText(opening)), "the refusal names the requested start: \(errors.suffix(1000))")
        // The newest stored event lies between the rehearsal's restart and its last answer.
        let named = Set([reporting, lastAnswer].map(ShanghaiTime.clockText))
        #expect(named.contains { errors.contains($0) }, "the refusal names the newest stored event: \(errors.suffix(1000))")
        #expect(!(try await refused.healthy()))
    }

    /// The clock a rehearsal's answers and pages tell: the header on a page and on an API answer,
    /// and the banner in both languages.
    static func expectSimulated(_ base: String, from start: Date) async throws {
        let visitor = APIClient(base: base)
        let home = try await visitor.get("/")
        #expect(home.status == 200)
        let now = try #require(Self.simulatedNow(home), "a page lacks the TitleBridge-Clock header: \(home.headers)")
        #expect(now >= start && now < start.addingTimeInterval(600), "the clock runs on from \(start), not \(now)")
        #expect(home.text.contains("<p class=\"rehearsal-banner\""))
        #expect(home.text.contains("演练模式") && home.text.contains("现在是北京时间 \(ShanghaiTime.clockText(now))"),
                "the banner tells the simulated Beijing time \(ShanghaiTime.clockText(now))")
        let english = try await visitor.get("/?lang=en")
        let nowEn = try #require(Self.simulatedNow(english))
        #expect(english.text.contains("Rehearsal:") && english.text.contains("it is now \(ShanghaiTime.clockText(nowEn)) Beijing time"))
        let api = try await visitor.get("/api/v1/catalogue")
        #expect(api.status == 200)
        #expect(Self.simulatedNow(api).map { $0 >= start } == true, "an API answer lacks the TitleBridge-Clock header")
    }

    /// The instant of `TitleBridge-Clock: simulated; now=…`, when the answer carries it.
    static func simulatedNow(_ answer: APIClient.Answer) -> Date? {
        let prefix = "simulated; now="
        guard let value = answer.header("TitleBridge-Clock"), value.hasPrefix(prefix) else { return nil }
        return RehearsalClock.instant(from: String(value.dropFirst(prefix.count)))
    }

    /// An attachment as the file's page or an integration sends it.
    static func attachment(_ field: String, _ tag: String, fields: [String: String] = [:]) -> Multipart {
        var form = Multipart()
        form.fields = fields
        form.files[field] = Multipart.FilePart(name: "\(tag).pdf", data: ReviewFixture.pdf(tag), contentType: "application/pdf")
        return form
    }

    /// 2024-09-10: applicant1 fills in every step by the API, attaches the proofs and submits;
    /// employer1 approves with its opinion and records a publicity from that day, with evidence,
    /// and its stamped opinion. Reporting is not possible yet.
    static func submitAndPublicise(_ base: String) async throws -> UUID {
        let applicant = try await APIClient.signIn(base, "applicant1")
        let verifications = try await applicant.get("/api/v1/verifications")
        #expect(verifications.status == 200)
        let passed = try #require(try verifications.decode([VerificationAnswer].self).first { $0.status == "passed" },
                                  "the demo gives applicant1 a passed verification")
        let number = try #require(passed.verificationNumber)
        #expect(passed.currentBatch?.batch == Self.batch)
        #expect(passed.currentBatch?.qualifies == true, "applicant1's verification passed by the batch's cut-off")
        // The title applied for is the series the certificate leads to (二).
        let catalogue = try await applicant.get("/api/v1/catalogue").decode([CertificateItemAnswer].self)
        let certificate = try #require(catalogue.first { $0.id == passed.certificateCode })
        #expect(certificate.field == "financeManagement", "the acceptance number's FM is the certificate's field")
        let units = try await applicant.get("/api/v1/organisations").decode([UnitAnswer].self)
        let employerID = try #require(units.first { $0.creditCode == DemoUnits.enterprise }?.id)

        let opened = try await applicant.send("POST", "/api/v1/applications")
        #expect(opened.status == 201, "opening the file answered \(opened.status): \(opened.text.prefix(300))")
        var file = try opened.decode(FileAnswer.self)
        #expect(file.batch == Self.batch)
        #expect(file.stage == "draft")

        let education: JSONBody = [["degree": "master", "discipline": "economics", "school": "University of Edinburgh",
                                    "country": "英国", "awardedOn": "2012-06-30"]]
        let work: JSONBody = [["from": "2012-07-01", "employer": "上海浦江示例科技有限公司 财务部", "position": "财务经理",
                               "inShanghai": true, "related": true]]
        let steps: [(String, [String: JSONBody])] = [
            ("personal", ["name": "陈思远", "gender": "male", "birthDate": "1986-04-12", "nationality": "中国",
                          "idKind": "residentID", "idNumber": "11010519491231002X"]),
            ("employer", ["employerID": .string(employerID.uuidString)]),
            ("certificate", ["verificationNumber": .string(number)]),
            ("education", ["education": education]),
            ("work", ["work": work]),
            ("target", ["targetSeries": .string(certificate.titleSeries), "targetLevel": "associateSenior", "attest": true]),
            ("summary", ["summary": .string(String(repeating: "账", count: 3000))]),
        ]
        for (step, fields) in steps {
            var body = fields
            body["version"] = .number(file.version)
            let saved = try await applicant.send("PUT", "/api/v1/applications/\(file.id)/steps/\(step)", json: .object(body))
            #expect(saved.status == 200, "step \(step) answered \(saved.status): \(saved.text.prefix(300))")
            file = try saved.decode(FileAnswer.self)
        }
        let id = file.id
        for kind in ["degree", "workProof", "certificateScan", "commitment"] {
            let attached = try await applicant.upload("/api/v1/applications/\(id)/uploads",
                                                      Self.attachment("file", "\(id) \(kind)", fields: ["kind": kind]))
            #expect(attached.status == 201, "\(kind) answered \(attached.status): \(attached.text.prefix(300))")
        }
        let transitions = "/api/v1/applications/\(id)/transitions"
        let submitted = try await applicant.send("POST", transitions, json: ["event": "submit"],
                                                 headers: ["Idempotency-Key": UUID().uuidString])
        #expect(submitted.status == 200, "submit answered \(submitted.status): \(submitted.text.prefix(300))")
        #expect(try submitted.decode(FileAnswer.self).stage == "employerReview")

        let employer = try await APIClient.signIn(base, "employer1")
        let approved = try await employer.send("POST", transitions, json: [
            "event": "approve",
            "opinion": ["dutiesPerformed": true, "materialsTrue": true, "agrees": true, "reviewer": "王敏", "reviewedOn": "2024-09-10"],
        ], headers: ["Idempotency-Key": UUID().uuidString])
        #expect(approved.status == 200, "approve answered \(approved.status): \(approved.text.prefix(300))")
        #expect(try approved.decode(FileAnswer.self).stage == "unitPublicity")

        let posted = try await employer.upload("/api/v1/applications/\(id)/publicity", Self.attachment(
            "evidence", "\(id) publicity", fields: ["startsOn": "2024-09-10", "place": "公司内网公告栏及人事部公告栏"]))
        #expect(posted.status == 200, "the publicity answered \(posted.status): \(posted.text.prefix(300))")
        let publicity = try #require(try posted.decode(FileAnswer.self).publicity)
        let policy = try #require(try BatchPolicy.bundled()[Self.batch])
        let ends = PublicityPlan(policy: policy, calendar: try WorkingDayCalendar.bundled())
            .earliestEnd(startingOn: try ReviewFixture.day("2024-09-10")).value
        #expect(publicity.startsOn == "2024-09-10")
        #expect(publicity.endsOn == ends.iso, "the end comes from the working-day calendar")
        #expect(publicity.fitsWindow)
        let opinion = try await employer.upload("/api/v1/applications/\(id)/uploads",
                                                Self.attachment("file", "\(id) unitOpinion", fields: ["kind": "unitOpinion"]))
        #expect(opinion.status == 201, "the unit's opinion answered \(opinion.status): \(opinion.text.prefix(300))")

        // On the simulated 10 September the publicity has just begun: too early to report.
        let early = try await applicant.send("POST", transitions, json: ["event": "report"])
        #expect(early.status == 409, "reporting during the publicity answered \(early.status)")
        #expect(try await applicant.get("/api/v1/applications/\(id)").decode(FileAnswer.self).stage == "unitPublicity")
        return id
    }

    /// 2024-09-19: employer1 records how the publicity ended, applicant1 reports, bureau1 accepts
    /// with a verdict on every item of the checklist. Returns the instant of the last answer.
    static func reportAndAccept(_ base: String, _ id: UUID, from start: Date) async throws -> Date {
        let applicant = try await APIClient.signIn(base, "applicant1")
        let file = try await applicant.get("/api/v1/applications/\(id)").decode(FileAnswer.self)
        #expect(file.stage == "unitPublicity", "the file kept its stage over the restart")
        #expect(file.reporting?.first { $0.id == "publicity" }?.met == true, "by 19 September the publicity is over")
        #expect(file.reporting?.first { $0.id == "publicityOutcome" }?.met == false, "reporting waits for the publicity's outcome")

        let employer = try await APIClient.signIn(base, "employer1")
        let outcome = try await employer.send("POST", "/api/v1/applications/\(id)/publicity/outcome", json: [
            "kind": "noObjection", "recordedBy": "王敏", "recordedOn": "2024-09-19",
        ])
        #expect(outcome.status == 200, "the outcome answered \(outcome.status): \(outcome.text.prefix(300))")

        let transitions = "/api/v1/applications/\(id)/transitions"
        let reported = try await applicant.send("POST", transitions, json: ["event": "report"],
                                                headers: ["Idempotency-Key": UUID().uuidString])
        #expect(reported.status == 200, "report answered \(reported.status): \(reported.text.prefix(300))")
        #expect(try reported.decode(FileAnswer.self).stage == "reported")

        let bureau = try await APIClient.signIn(base, "bureau1")
        let checklist = try await bureau.get("/api/v1/applications/\(id)/acceptance-checklist").decode(ChecklistAnswer.self)
        #expect(checklist.open)
        var verdicts: [String: JSONBody] = [:]
        for item in checklist.items {
            // A condition the system leaves to a reviewer is in order only with the reviewer's reason.
            let verdict: JSONBody = item.found == "review"
                ? ["verdict": "conforms", "note": "经核实，符合原则上的要求"]
                : ["verdict": "conforms"]
            verdicts[item.id] = verdict
        }
        let accepted = try await bureau.send("POST", transitions, json: ["event": "accept", "items": .object(verdicts)],
                                             headers: ["Idempotency-Key": UUID().uuidString])
        #expect(accepted.status == 200, "accept answered \(accepted.status): \(accepted.text.prefix(300))")
        let answer = try accepted.decode(FileAnswer.self)
        #expect(answer.stage == "accepted")
        #expect(answer.acceptanceNumber == "2024B2-FM-0001")

        // The applicant reads the same number; the history holds the simulated instants.
        let seen = try await applicant.get("/api/v1/applications/\(id)")
        let mine = try seen.decode(FileAnswer.self)
        #expect(mine.stage == "accepted")
        #expect(mine.acceptanceNumber == answer.acceptanceNumber)
        #expect(mine.history.map(\.event) == ["submit", "approve", "report", "accept"])
        let acceptedAt = mine.history.last.flatMap { ISO8601DateFormatter().date(from: $0.at) }
        #expect(acceptedAt.map { $0 >= start && $0 < start.addingTimeInterval(600) } == true,
                "the acceptance is recorded at the simulated time, not \(mine.history.last?.at ?? "-")")
        return try #require(Self.simulatedNow(seen))
    }
}
