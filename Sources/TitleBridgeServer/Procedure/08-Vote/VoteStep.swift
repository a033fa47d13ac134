import TitleBridgeCore

/// 评议表决 (四(六)) — the committee's secret ballot on an interviewed file: pass or fail by the
/// voting rule. Its desk, controller, pages and records belong in this folder; until they exist
/// its events stay closed (`ClosedSteps`).
enum VoteStep {
    static let events: Set<StageEvent> = [.recordPass, .recordFail]
}
