import Foundation

/// 无记名投票 — one expert's secret ballot on one file. It carries the choice only: who cast it
/// is kept apart (as "has voted"), so no ballot can be linked to its voter.
public enum BallotChoice: String, Codable, Sendable, CaseIterable {
    case agree, disagree, abstain

    public var name: LocalizedText {
        switch self {
        case .agree: LocalizedText(zh: "同意", en: "Agree")
        case .disagree: LocalizedText(zh: "不同意", en: "Disagree")
        case .abstain: LocalizedText(zh: "弃权", en: "Abstain")
        }
    }
}
