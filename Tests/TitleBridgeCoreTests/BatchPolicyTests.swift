import Foundation
import Testing
@testable import TitleBridgeCore

@Suite("Batch policy files")
struct BatchPolicyTests {
    static func bundledFile() throws -> Data {
        let url = try #require(ResourceFile.url("policies", "shanghai-2024-batch2"))
        return try Data(contentsOf: url)
    }

    /// Writes an edited copy of the shipped policy and loads it.
    static func load(editing edit: (inout [String: Any]) -> Void) throws -> BatchPolicy {
        var object = try #require(try JSONSerialization.jsonObject(with: bundledFile()) as? [String: Any])
        edit(&object)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("policy-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: object).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try BatchPolicy.load(from: url)
    }

    @Test("The second batch loads with the notice's dates and numbers")
    func secondBatch() throws {
        let policy = try #require(try BatchPolicy.bundled()["shanghai-2024-batch2"])
        #expect(policy.notice.document == "沪人社专〔2024〕296号")
        #expect(policy.dates.verificationCutoff.value.iso == "2024-08-31")
        #expect(policy.dates.submissionOpens.value.iso == "2024-09-06")
        #expect(policy.dates.submissionCloses.value.iso == "2024-09-19")
        #expect(policy.dates.experienceCutoff.value.iso == "2024-12-31")
        #expect(policy.thresholds.unitPublicityWorkingDays.value == 5)
        #expect(policy.thresholds.workSummaryMinimumZi.value == 3000)
        #expect(policy.thresholds.shanghaiRelatedWorkYears.inPrinciple)
        #expect(policy.ladder.associateSenior.map(\.years) == [2, 7, 10])
        #expect(policy.fields.financeManagement.levels == [.associateSenior])
        #expect(policy.contacts == ["021-32511209", "021-12333"])
    }

    @Test("A missing key is named with its path")
    func missingKey() {
        #expect(throws: DataFileError.self) {
            _ = try Self.load { object in
                var dates = object["dates"] as? [String: Any] ?? [:]
                dates["submissionCloses"] = nil
                object["dates"] = dates
            }
        }
        do {
            _ = try Self.load { object in
                var dates = object["dates"] as? [String: Any] ?? [:]
                dates["submissionCloses"] = nil
                object["dates"] = dates
            }
        } catch let error as DataFileError {
            #expect(error.key == "dates.submissionCloses")
            #expect(error.problem == "is missing")
            #expect(error.file.hasPrefix("policy-"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("A date that is not a calendar day is refused with its key")
    func badDate() {
        do {
            _ = try Self.load { object in
                object["dates"] = (object["dates"] as? [String: Any] ?? [:]).merging(
                    ["verificationCutoff": ["value": "2024-02-30", "citation": "四(一)"]]) { _, new in new }
            }
            Issue.record("a policy with 2024-02-30 loaded")
        } catch let error as DataFileError {
            #expect(error.key == "dates.verificationCutoff.value")
            #expect(error.problem.contains("2024-02-30"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("A window that closes before it opens is refused")
    func reversedWindow() {
        do {
            _ = try Self.load { object in
                object["dates"] = (object["dates"] as? [String: Any] ?? [:]).merging(
                    ["submissionCloses": ["value": "2024-09-05", "citation": "四(四)"]]) { _, new in new }
            }
            Issue.record("a reversed window loaded")
        } catch let error as DataFileError {
            #expect(error.key == "dates.submissionCloses")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("A voting share that could never be reached, or would pass anything, is refused with its key",
          arguments: [(4, 3), (0, 3), (2, 0)])
    func badVotingShare(numerator: Int, denominator: Int) {
        do {
            _ = try Self.load { object in
                var voting = object["voting"] as? [String: Any] ?? [:]
                voting["pass"] = ["numerator": numerator, "denominator": denominator, "citation": "四(六)"]
                object["voting"] = voting
            }
            Issue.record("a pass rule of \(numerator)/\(denominator) loaded")
        } catch let error as DataFileError {
            #expect(error.key == "voting.pass")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("The window is open from 00:00 of the first day to 24:00 of the last, Shanghai time")
    func windowEdges() throws {
        let policy = try #require(try BatchPolicy.bundled()["shanghai-2024-batch2"])
        let opens = ShanghaiTime.startOfDay(policy.dates.submissionOpens.value)
        let closes = ShanghaiTime.endOfDay(policy.dates.submissionCloses.value)
        #expect(!policy.isSubmissionOpen(at: opens.addingTimeInterval(-1)))
        #expect(policy.isSubmissionOpen(at: opens))
        #expect(policy.isSubmissionOpen(at: closes.addingTimeInterval(-1)))
        #expect(!policy.isSubmissionOpen(at: closes))
    }

    /// One policy file that must not load, the key its refusal names, and why.
    struct Refused: Sendable, CustomStringConvertible {
        let name: String
        let dates: [String: String]
        var publicityDays: Int? = nil
        var code: String? = nil
        let key: String
        var description: String { name }
    }

    static func edited(_ row: Refused) -> (inout [String: Any]) -> Void {
        { object in
            var dates = object["dates"] as? [String: Any] ?? [:]
            for (key, value) in row.dates { dates[key] = ["value": value, "citation": "四(四)"] }
            object["dates"] = dates
            if let days = row.publicityDays {
                var thresholds = object["thresholds"] as? [String: Any] ?? [:]
                thresholds["unitPublicityWorkingDays"] = ["value": days, "citation": "四(四)", "inPrinciple": false]
                object["thresholds"] = thresholds
            }
            if let code = row.code { object["acceptanceBatchCode"] = code }
        }
    }

    @Test("A policy whose dates or codes do not hold together is refused at load, naming the key", arguments: [
        Refused(name: "四(一) the window opens before the verification cut-off",
                dates: ["verificationCutoff": "2024-09-10"], key: "dates.verificationCutoff"),
        Refused(name: "四(四) 5 working days of publicity in a window of 4 (9/6–9/11 holds Fri, Mon, Tue, Wed)",
                dates: ["submissionCloses": "2024-09-11"], key: "thresholds.unitPublicityWorkingDays"),
        Refused(name: "四(四) 10 working days of publicity in the real window of 9 (Mid-Autumn holiday, working Saturday 9/14)",
                dates: [:], publicityDays: 10, key: "thresholds.unitPublicityWorkingDays"),
        Refused(name: "a window in a year with no holiday calendar",
                dates: ["verificationCutoff": "2030-08-31", "submissionOpens": "2030-09-06", "submissionCloses": "2030-09-19",
                        "experienceCutoff": "2030-12-31"],
                key: "dates.submissionCloses"),
        Refused(name: "受理号 batch code with a hyphen", dates: [:], code: "2024-B2", key: "acceptanceBatchCode"),
    ])
    func refusedAtLoad(row: Refused) throws {
        let calendar = try WorkingDayCalendar.bundled()
        do {
            let policy = try Self.load(editing: Self.edited(row))
            try policy.validate(against: calendar, file: "edited.json")
            Issue.record("\(row.name): loaded")
        } catch let error as DataFileError {
            #expect(error.key == row.key, "\(row.name): \(error)")
        }
    }

    @Test("四(四) The shipped window holds exactly 9 working days, so 9 days of publicity would still load")
    func publicityBoundary() throws {
        let calendar = try WorkingDayCalendar.bundled()
        let policy = try Self.load(editing: Self.edited(Refused(name: "9 days", dates: [:], publicityDays: 9, key: "")))
        let window = calendar.workingDays(from: policy.dates.submissionOpens.value, through: policy.dates.submissionCloses.value)
        #expect(window.value == 9)
        try policy.validate(against: calendar, file: "edited.json")
    }
}
