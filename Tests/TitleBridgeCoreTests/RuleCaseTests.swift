import Foundation
import Testing
import TitleBridgeCore

/// One row of a rule-case file: a profile (the group's base with some keys replaced) and the
/// outcome the notice demands for it.
struct RuleCase: CustomTestStringConvertible, Sendable {
    let file: String
    let name: String
    let batch: String
    let profile: Data
    let failing: Set<String>
    let review: Set<String>
    let clauses: [String: String]

    var testDescription: String { "\(file): \(name)" }

    /// Every case of every file in `RuleCases/`.
    static func all() -> [RuleCase] {
        guard let folder = Bundle.module.resourceURL.flatMap(locate),
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return names.filter { $0.hasSuffix(".json") }.sorted().flatMap { name -> [RuleCase] in
            guard let data = try? Data(contentsOf: folder.appendingPathComponent(name)),
                  let group = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let base = group["base"] as? [String: Any],
                  let batch = group["batch"] as? String,
                  let cases = group["cases"] as? [[String: Any]] else {
                return [RuleCase(file: name, name: "(unreadable file)", batch: "", profile: Data(), failing: [], review: [], clauses: [:])]
            }
            return cases.map { row in
                var profile = base
                for (key, value) in row["set"] as? [String: Any] ?? [:] { profile[key] = value }
                let expect = row["expect"] as? [String: Any] ?? [:]
                return RuleCase(
                    file: name, name: row["name"] as? String ?? "(unnamed)", batch: batch,
                    profile: (try? JSONSerialization.data(withJSONObject: profile)) ?? Data(),
                    failing: Set(expect["failing"] as? [String] ?? []),
                    review: Set(expect["review"] as? [String] ?? []),
                    clauses: expect["clauses"] as? [String: String] ?? [:])
            }
        }
    }

    private static func locate(_ root: URL) -> URL? {
        [root.appendingPathComponent("RuleCases"), root.appendingPathComponent("Resources/RuleCases")]
            .first { FileManager.default.fileExists(atPath: $0.path) }
    }
}

@Suite("Rule cases (data files, one row per clause and boundary)")
struct RuleCaseTests {
    static let policies: [String: BatchPolicy] = (try? BatchPolicy.bundled()) ?? [:]

    @Test("The rule-case files are there and hold cases")
    func filesLoad() {
        let cases = RuleCase.all()
        #expect(cases.count >= 60)
        #expect(!cases.contains { $0.name == "(unreadable file)" })
    }

    @Test("Each case gets exactly the failing and review clauses it names", arguments: RuleCase.all())
    func evaluate(_ rule: RuleCase) throws {
        let policy = try #require(Self.policies[rule.batch], "no policy \(rule.batch)")
        let profile = try JSONDecoder().decode(ApplicantProfile.self, from: rule.profile)
        let report = EligibilityEngine(policy: policy).evaluate(profile)
        let failing = Set(report.clauses.filter { $0.outcome == .fail }.map(\.id.rawValue))
        let review = Set(report.clauses.filter { $0.outcome == .review }.map(\.id.rawValue))
        #expect(failing == rule.failing)
        #expect(review == rule.review)
        #expect(report.eligible == rule.failing.isEmpty)
        #expect(report.needsReview == !rule.review.isEmpty)
        for (id, outcome) in rule.clauses {
            #expect(report.clauses.first { $0.id.rawValue == id }?.outcome.rawValue == outcome, "\(id)")
        }
        // Every clause explains itself in both languages and cites the notice.
        for clause in report.clauses {
            #expect(!clause.message.zh.isEmpty && !clause.message.en.isEmpty)
            #expect(clause.citation.first.map { "一二三四五".contains($0) } == true, "\(clause.id) cites \(clause.citation)")
        }
    }
}
