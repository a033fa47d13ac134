import Foundation
import Testing
import TitleBridgeCore

/// 投票表决 (四(六); 人社部令第40号): at least 2/3 of the committee present, at least 2/3 of those
/// present agreeing; recused experts are not present for the file; abstentions and ballots not
/// cast count against. Every boundary of committees of 5, 7, 9, 11 and 25, with the numbers of
/// FACTS.md §2 written out (25 → 17 present; 17 present → 12 agree).
@Suite("Committee tally — quorum and the two-thirds rule at every boundary")
struct CommitteeTallyTests {
    struct Row: CustomTestStringConvertible, Sendable {
        let name: String
        let committee: Int
        /// Experts sitting, and of them recused on this file.
        let sitting: Int
        var recused = 0
        let agree: Int
        var disagree = 0
        var abstain = 0
        let quorumNeeded: Int
        let agreeNeeded: Int
        let outcome: CommitteeTally.Outcome

        var testDescription: String { name }
    }

    static let rows: [Row] = [
        // 5: 4 must sit.
        Row(name: "5 — 3 sitting: no quorum, even all agreeing", committee: 5, sitting: 3, agree: 3, quorumNeeded: 4, agreeNeeded: 2, outcome: .inquorate),
        Row(name: "5 — 4 sitting, 3 agree: passed", committee: 5, sitting: 4, agree: 3, disagree: 1, quorumNeeded: 4, agreeNeeded: 3, outcome: .passed),
        Row(name: "5 — 4 sitting, 2 agree: not passed", committee: 5, sitting: 4, agree: 2, disagree: 2, quorumNeeded: 4, agreeNeeded: 3, outcome: .failed),
        Row(name: "5 — 5 sitting, 4 agree: passed", committee: 5, sitting: 5, agree: 4, abstain: 1, quorumNeeded: 4, agreeNeeded: 4, outcome: .passed),
        Row(name: "5 — 5 sitting, 3 agree, 2 abstain: not passed", committee: 5, sitting: 5, agree: 3, abstain: 2, quorumNeeded: 4, agreeNeeded: 4, outcome: .failed),
        // 7: 5 must sit.
        Row(name: "7 — 4 sitting: no quorum", committee: 7, sitting: 4, agree: 4, quorumNeeded: 5, agreeNeeded: 3, outcome: .inquorate),
        Row(name: "7 — 5 sitting, 4 agree: passed", committee: 7, sitting: 5, agree: 4, disagree: 1, quorumNeeded: 5, agreeNeeded: 4, outcome: .passed),
        Row(name: "7 — 5 sitting, 3 agree: not passed", committee: 7, sitting: 5, agree: 3, disagree: 2, quorumNeeded: 5, agreeNeeded: 4, outcome: .failed),
        Row(name: "7 — 6 sitting, 4 agree: passed (exactly 2/3)", committee: 7, sitting: 6, agree: 4, disagree: 2, quorumNeeded: 5, agreeNeeded: 4, outcome: .passed),
        Row(name: "7 — 6 sitting, 3 agree, 3 abstain: not passed", committee: 7, sitting: 6, agree: 3, abstain: 3, quorumNeeded: 5, agreeNeeded: 4, outcome: .failed),
        Row(name: "7 — 7 sitting, 5 agree: passed", committee: 7, sitting: 7, agree: 5, disagree: 2, quorumNeeded: 5, agreeNeeded: 5, outcome: .passed),
        Row(name: "7 — 7 sitting, 4 agree: not passed", committee: 7, sitting: 7, agree: 4, disagree: 3, quorumNeeded: 5, agreeNeeded: 5, outcome: .failed),
        // 9: 6 must sit.
        Row(name: "9 — 5 sitting: no quorum", committee: 9, sitting: 5, agree: 5, quorumNeeded: 6, agreeNeeded: 4, outcome: .inquorate),
        Row(name: "9 — 6 sitting, 4 agree: passed", committee: 9, sitting: 6, agree: 4, disagree: 2, quorumNeeded: 6, agreeNeeded: 4, outcome: .passed),
        Row(name: "9 — 6 sitting, 3 agree: not passed", committee: 9, sitting: 6, agree: 3, disagree: 3, quorumNeeded: 6, agreeNeeded: 4, outcome: .failed),
        Row(name: "9 — 7 sitting, 5 agree: passed", committee: 9, sitting: 7, agree: 5, disagree: 2, quorumNeeded: 6, agreeNeeded: 5, outcome: .passed),
        Row(name: "9 — 7 sitting, 4 agree: not passed", committee: 9, sitting: 7, agree: 4, disagree: 3, quorumNeeded: 6, agreeNeeded: 5, outcome: .failed),
        Row(name: "9 — 9 sitting, 6 agree: passed", committee: 9, sitting: 9, agree: 6, disagree: 3, quorumNeeded: 6, agreeNeeded: 6, outcome: .passed),
        Row(name: "9 — 9 sitting, 5 agree: not passed", committee: 9, sitting: 9, agree: 5, disagree: 4, quorumNeeded: 6, agreeNeeded: 6, outcome: .failed),
        // 11: 8 must sit.
        Row(name: "11 — 7 sitting: no quorum", committee: 11, sitting: 7, agree: 7, quorumNeeded: 8, agreeNeeded: 5, outcome: .inquorate),
        Row(name: "11 — 8 sitting, 6 agree: passed", committee: 11, sitting: 8, agree: 6, disagree: 2, quorumNeeded: 8, agreeNeeded: 6, outcome: .passed),
        Row(name: "11 — 8 sitting, 5 agree: not passed", committee: 11, sitting: 8, agree: 5, disagree: 3, quorumNeeded: 8, agreeNeeded: 6, outcome: .failed),
        Row(name: "11 — 9 sitting, 6 agree: passed", committee: 11, sitting: 9, agree: 6, disagree: 3, quorumNeeded: 8, agreeNeeded: 6, outcome: .passed),
        Row(name: "11 — 9 sitting, 5 agree: not passed", committee: 11, sitting: 9, agree: 5, disagree: 4, quorumNeeded: 8, agreeNeeded: 6, outcome: .failed),
        Row(name: "11 — 11 sitting, 8 agree: passed", committee: 11, sitting: 11, agree: 8, disagree: 3, quorumNeeded: 8, agreeNeeded: 8, outcome: .passed),
        Row(name: "11 — 11 sitting, 7 agree: not passed", committee: 11, sitting: 11, agree: 7, disagree: 4, quorumNeeded: 8, agreeNeeded: 8, outcome: .failed),
        // 25: 17 must sit (FACTS.md §2).
        Row(name: "25 — 16 sitting: no quorum", committee: 25, sitting: 16, agree: 16, quorumNeeded: 17, agreeNeeded: 11, outcome: .inquorate),
        Row(name: "25 — 17 sitting, 12 agree: passed", committee: 25, sitting: 17, agree: 12, disagree: 5, quorumNeeded: 17, agreeNeeded: 12, outcome: .passed),
        Row(name: "25 — 17 sitting, 11 agree: not passed", committee: 25, sitting: 17, agree: 11, disagree: 6, quorumNeeded: 17, agreeNeeded: 12, outcome: .failed),
        Row(name: "25 — 18 sitting, 12 agree: passed (exactly 2/3)", committee: 25, sitting: 18, agree: 12, disagree: 6, quorumNeeded: 17, agreeNeeded: 12, outcome: .passed),
        Row(name: "25 — 18 sitting, 11 agree: not passed", committee: 25, sitting: 18, agree: 11, abstain: 7, quorumNeeded: 17, agreeNeeded: 12, outcome: .failed),
        Row(name: "25 — 25 sitting, 17 agree: passed", committee: 25, sitting: 25, agree: 17, disagree: 8, quorumNeeded: 17, agreeNeeded: 17, outcome: .passed),
        Row(name: "25 — 25 sitting, 16 agree: not passed", committee: 25, sitting: 25, agree: 16, disagree: 9, quorumNeeded: 17, agreeNeeded: 17, outcome: .failed),
        // Recusal (回避): a recused expert is not present for the file.
        Row(name: "7 — 6 sitting, 1 recused: 5 present, quorum met, 4 agree passes", committee: 7, sitting: 6, recused: 1, agree: 4, disagree: 1, quorumNeeded: 5, agreeNeeded: 4, outcome: .passed),
        Row(name: "7 — 5 sitting, 1 recused: 4 present, no quorum", committee: 7, sitting: 5, recused: 1, agree: 4, quorumNeeded: 5, agreeNeeded: 3, outcome: .inquorate),
        Row(name: "9 — 7 sitting, 1 recused: 6 present, 3 agree is not 2/3", committee: 9, sitting: 7, recused: 1, agree: 3, disagree: 3, quorumNeeded: 6, agreeNeeded: 4, outcome: .failed),
        Row(name: "25 — 18 sitting, 2 recused: 16 present, no quorum", committee: 25, sitting: 18, recused: 2, agree: 16, quorumNeeded: 17, agreeNeeded: 11, outcome: .inquorate),
        Row(name: "25 — 19 sitting, 2 recused: 17 present, 12 agree passes", committee: 25, sitting: 19, recused: 2, agree: 12, disagree: 5, quorumNeeded: 17, agreeNeeded: 12, outcome: .passed),
        // A present expert who casts no ballot counts against, like an abstention.
        Row(name: "5 — 4 sitting, 2 agree and 2 not cast: not passed", committee: 5, sitting: 4, agree: 2, quorumNeeded: 4, agreeNeeded: 3, outcome: .failed),
        Row(name: "5 — 4 sitting, 3 agree and 1 not cast: passed", committee: 5, sitting: 4, agree: 3, quorumNeeded: 4, agreeNeeded: 3, outcome: .passed),
    ]

    static let rules: VotingRules = {
        // The shipped batch's rules: the numbers come from the policy file, not from code.
        guard let policy = try? BatchPolicy.bundled()["shanghai-2024-batch2"] else { fatalError("the bundled policy does not load") }
        return policy.voting
    }()

    @Test("Tally", arguments: rows)
    func tally(_ row: Row) throws {
        let tally = try CommitteeTally(committeeSize: row.committee, present: row.sitting - row.recused,
                                       agree: row.agree, disagree: row.disagree, abstain: row.abstain, rules: Self.rules)
        #expect(tally.outcome == row.outcome)
        #expect(tally.quorumNeeded == row.quorumNeeded)
        #expect(tally.agreeNeeded == row.agreeNeeded)
    }

    @Test("A panel is never smaller than the policy's smallest panel, nor than the quorum of the committee",
          arguments: [(3, 3), (4, 3), (5, 4), (7, 5), (9, 6), (11, 8), (25, 17)])
    func smallestPanel(committee: Int, panel: Int) {
        #expect(Self.rules.panelMinimum == 3)
        #expect(Self.rules.smallestPanel(committeeSize: committee) == panel)
    }

    @Test("The shipped policy states two thirds for both rules, each with its source")
    func policyRules() {
        #expect(Self.rules.quorum.numerator == 2 && Self.rules.quorum.denominator == 3)
        #expect(Self.rules.pass.numerator == 2 && Self.rules.pass.denominator == 3)
        #expect(Self.rules.quorum.citation.contains("四（六）") && Self.rules.pass.citation.contains("第40号"))
    }

    @Test("Impossible counts are refused, not tallied")
    func impossibleCounts() {
        #expect(throws: CommitteeTally.Problem.self) {
            try CommitteeTally(committeeSize: 7, present: 8, agree: 5, disagree: 0, abstain: 0, rules: Self.rules)
        }
        #expect(throws: CommitteeTally.Problem.self) {
            try CommitteeTally(committeeSize: 7, present: 5, agree: 4, disagree: 2, abstain: 0, rules: Self.rules)
        }
        #expect(throws: CommitteeTally.Problem.self) {
            try CommitteeTally(committeeSize: 0, present: 0, agree: 0, disagree: 0, abstain: 0, rules: Self.rules)
        }
    }

    @Test("The summary says the outcome and every count in both languages")
    func summary() throws {
        let tally = try CommitteeTally(committeeSize: 7, present: 6, agree: 3, disagree: 1, abstain: 1, rules: Self.rules)
        #expect(tally.outcome == .failed)
        #expect(tally.notCast == 1)
        #expect(tally.summary.zh.hasPrefix("表决未通过。") && tally.summary.zh.contains("同意 3 票") && tally.summary.zh.contains("未投 1 票"))
        #expect(tally.summary.en.hasPrefix("Not passed.") && tally.summary.en.contains("passing needs 4 or more agreeing"))
    }
}
