import Foundation
import Testing
@testable import TitleBridgeCore

/// 二 of the third batch: people who took part in batch 1 or 2 may not apply again. The rule is
/// the policy's `priorParticipation.excludedBatches`; the engine judges what the profile says.
@Suite("Prior participation — a later batch's exclusion of earlier participants")
struct PriorParticipationTests {
    struct Row: Sendable, CustomStringConvertible {
        let name: String
        let excluded: [String]
        let participated: [String]?
        /// nil: the clause is not asked at all (a batch without the rule).
        let outcome: ClauseOutcome?
        var description: String { name }
    }

    static func day(_ iso: String) -> LocalDate {
        guard let date = LocalDate(iso: iso) else { fatalError("bad test date \(iso)") }
        return date
    }

    @Test("Excluded batches fail the applicant who took part in one of them, and no one else", arguments: [
        Row(name: "二 batch 2 excludes no one", excluded: [], participated: ["shanghai-2024-batch1"], outcome: nil),
        Row(name: "二 batch 3: took part in batch 2", excluded: ["shanghai-2024-batch1", "shanghai-2024-batch2"],
            participated: ["shanghai-2024-batch2"], outcome: .fail),
        Row(name: "二 batch 3: took part in batch 1", excluded: ["shanghai-2024-batch1", "shanghai-2024-batch2"],
            participated: ["shanghai-2024-batch1"], outcome: .fail),
        Row(name: "二 batch 3: never took part", excluded: ["shanghai-2024-batch1", "shanghai-2024-batch2"],
            participated: [], outcome: .pass),
        Row(name: "二 batch 3: took part only in a batch it does not exclude", excluded: ["shanghai-2024-batch2"],
            participated: ["beijing-2024-batch1"], outcome: .pass),
    ])
    func exclusion(row: Row) throws {
        let policy = try BatchPolicyTests.load { object in
            object["priorParticipation"] = ["excludedBatches": row.excluded, "citation": "二"]
        }
        let profile = ApplicantProfile(
            target: .init(series: .engineering, level: .intermediate), employer: .init(kind: .enterprise), currentTitle: nil,
            certificate: .init(field: .engineeringTechnology, titleSeries: .engineering, verifiedOn: Self.day("2024-08-01")),
            education: [.init(degree: .master, discipline: .engineering, awardedOn: Self.day("2021-06-30"))],
            work: [.init(from: Self.day("2021-07-01"), to: nil, inShanghai: true, related: true)],
            attestations: .init(lawAbiding: true, professionalEthics: true, dutiesFulfilled: true),
            participatedIn: row.participated)
        let clause = EligibilityEngine(policy: policy).evaluate(profile).clause(.priorParticipation)
        #expect(clause?.outcome == row.outcome)
    }
}
