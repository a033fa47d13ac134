import Foundation

/// 安排面谈答辩 — the session a file is placed on, kept with the stage change as the applicant
/// was told it.
public struct InterviewPlacement: Codable, Sendable, Equatable {
    public let sessionID: UUID
    public let when: LocalizedText

    public init(sessionID: UUID, when: LocalizedText) {
        self.sessionID = sessionID
        self.when = when
    }
}

/// 面谈答辩记录 — that the interview took place, and how the panel stood at it. Counts only:
/// the names of the experts are not published (评审专家名单一般不对外公布).
public struct InterviewHeld: Codable, Sendable, Equatable {
    public let panel: Int
    public let present: Int
    public let absent: Int
    public let recused: Int

    public init(panel: Int, present: Int, absent: Int, recused: Int) {
        self.panel = panel
        self.present = present
        self.absent = absent
        self.recused = recused
    }

    public var summary: LocalizedText {
        LocalizedText(zh: "评议组 \(panel) 人：出席 \(present) 人，缺席 \(absent) 人，回避 \(recused) 人。",
                      en: "Panel of \(panel): \(present) present, \(absent) absent, \(recused) recused.")
    }
}

/// 考核认定意见 and the closed tally of the secret ballot: what the file's history keeps of the vote.
public struct CommitteeDecision: Codable, Sendable, Equatable {
    public let opinion: String
    public let committeeSize: Int
    public let present: Int
    public let agree: Int
    public let disagree: Int
    public let abstain: Int

    public init(opinion: String, tally: CommitteeTally) {
        self.opinion = opinion
        committeeSize = tally.committeeSize
        present = tally.present
        agree = tally.agree
        disagree = tally.disagree
        abstain = tally.abstain
    }

    public func tally(rules: VotingRules) throws -> CommitteeTally {
        try CommitteeTally(committeeSize: committeeSize, present: present, agree: agree, disagree: disagree, abstain: abstain, rules: rules)
    }

    /// Longest committee opinion kept with the decision.
    public static let maximumLength = 2000

    /// The committee's opinion is written (四(六): 提出考核认定意见) and not over-long.
    public static func checkedOpinion(_ text: String?) throws -> String {
        let opinion = text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !opinion.isEmpty else {
            throw ProfileError(code: "committee_opinion_missing", field: "opinion", message: LocalizedText(
                zh: "请填写认定委员会的考核认定意见。", en: "Write the committee's opinion (考核认定意见)."))
        }
        guard opinion.count <= maximumLength else {
            throw ProfileError(code: "committee_opinion_too_long", field: "opinion", message: LocalizedText(
                zh: "考核认定意见不能超过 \(maximumLength) 字，现为 \(opinion.count) 字。",
                en: "The committee's opinion can be at most \(maximumLength) characters; it has \(opinion.count)."))
        }
        return opinion
    }
}
