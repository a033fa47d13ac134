import TitleBridgeCore

/// 评议表决 (四(六)) — the experts' opinions and the secret ballot on an interviewed file, closed
/// by the secretary with the tally of the voting rule (`VoteDesk`, `BallotBox`).
enum VoteStep {
    static let events: Set<StageEvent> = [.recordPass, .recordFail]
}
