/// A share of a whole as the rules state it, "2/3以上": reached when the part is at least the
/// share — 以上 includes the number itself (民法典第1259条). Counted in whole numbers, so no
/// rounding decides a vote.
public struct Share: Codable, Sendable, Equatable {
    public let numerator: Int
    public let denominator: Int
    public let citation: String

    public init(numerator: Int, denominator: Int, citation: String) {
        self.numerator = numerator
        self.denominator = denominator
        self.citation = citation
    }

    /// part / whole ≥ numerator / denominator.
    public func isReached(by part: Int, of whole: Int) -> Bool {
        part * denominator >= numerator * whole
    }

    /// The smallest part of `whole` that reaches the share (17 of 25 for 2/3).
    public func smallestPart(of whole: Int) -> Int {
        (numerator * whole + denominator - 1) / denominator
    }
}

/// 表决规则 of the batch: how many of the committee must sit, and how many of those sitting
/// must agree (四(六); 人社部令第40号《职称评审管理暂行规定》).
public struct VotingRules: Codable, Sendable, Equatable {
    /// 出席评审会议的专家人数应当不少于职称评审委员会人数的 2/3.
    public let quorum: Share
    /// 同意票数达到出席评审会议的评审专家总数 2/3 以上的即为通过.
    public let pass: Share
    /// 评议组: the fewest experts a session's panel may have (每组评审专家不少于3人).
    public let panelMinimum: Int

    /// The fewest experts a session's panel may have in a committee of `committeeSize`: the
    /// policy's smallest panel, and never fewer than the quorum — a smaller panel could never
    /// decide a file.
    public func smallestPanel(committeeSize: Int) -> Int {
        max(panelMinimum, quorum.smallestPart(of: committeeSize))
    }
}

/// 投票表决 — the count of one file's secret ballot.
///
/// Readings, the stricter where the rules are silent:
/// - An expert recused on the file (回避) is not among those present for it: the quorum and the
///   pass rule both count only present experts who may vote on it, while the committee's size
///   stays the quorum's denominator (a recusal never makes a quorum easier to reach).
/// - The pass rule's denominator is the experts present, not the ballots cast: an abstention, and
///   a present expert who did not vote, count against the file.
/// - Without a quorum the sitting cannot decide: the outcome is `inquorate`, which neither passes
///   nor fails the file (the vote is not closed; the file waits for a sitting with a quorum).
public struct CommitteeTally: Sendable, Equatable {
    public enum Outcome: String, Sendable, Codable {
        case passed, failed, inquorate
    }

    public struct Problem: Error, Equatable, Sendable {
        public let message: LocalizedText
    }

    /// The committee's size: the quorum's denominator.
    public let committeeSize: Int
    /// Experts present at the sitting and not recused on this file.
    public let present: Int
    public let agree: Int
    public let disagree: Int
    public let abstain: Int
    public let outcome: Outcome
    /// How many had to sit, and how many of those present had to agree.
    public let quorumNeeded: Int
    public let agreeNeeded: Int

    /// Present voters who cast no ballot: they count against, as abstentions do.
    public var notCast: Int { present - agree - disagree - abstain }

    public init(committeeSize: Int, present: Int, agree: Int, disagree: Int, abstain: Int, rules: VotingRules) throws {
        guard committeeSize > 0 else {
            throw Problem(message: LocalizedText(zh: "认定委员会没有成员。", en: "The committee has no members."))
        }
        guard present >= 0, present <= committeeSize else {
            throw Problem(message: LocalizedText(zh: "出席人数不能超过委员会人数。", en: "More experts present than the committee has."))
        }
        guard agree >= 0, disagree >= 0, abstain >= 0, agree + disagree + abstain <= present else {
            throw Problem(message: LocalizedText(zh: "票数不能超过有表决权的出席专家人数。",
                                                 en: "More ballots than experts present who may vote."))
        }
        self.committeeSize = committeeSize
        self.present = present
        self.agree = agree
        self.disagree = disagree
        self.abstain = abstain
        quorumNeeded = rules.quorum.smallestPart(of: committeeSize)
        agreeNeeded = rules.pass.smallestPart(of: present)
        if present == 0 || !rules.quorum.isReached(by: present, of: committeeSize) {
            outcome = .inquorate
        } else {
            outcome = rules.pass.isReached(by: agree, of: present) ? .passed : .failed
        }
    }

    /// The tally as the file's history and the applicant's message say it.
    public var summary: LocalizedText {
        let counts = LocalizedText(
            zh: "出席且有表决权的专家 \(present) 人（委员会 \(committeeSize) 人，须至少 \(quorumNeeded) 人），同意 \(agree) 票、不同意 \(disagree) 票、弃权 \(abstain) 票、未投 \(notCast) 票；通过须同意 \(agreeNeeded) 票以上。",
            en: "\(present) experts present and entitled to vote (committee of \(committeeSize); at least \(quorumNeeded) needed); \(agree) agree, \(disagree) disagree, \(abstain) abstain, \(notCast) not cast; passing needs \(agreeNeeded) or more agreeing.")
        switch outcome {
        case .passed: return LocalizedText(zh: "表决通过。" + counts.zh, en: "Passed. " + counts.en)
        case .failed: return LocalizedText(zh: "表决未通过。" + counts.zh, en: "Not passed. " + counts.en)
        case .inquorate: return LocalizedText(zh: "出席人数不足，不能表决。" + counts.zh, en: "No quorum; the vote cannot decide. " + counts.en)
        }
    }
}
