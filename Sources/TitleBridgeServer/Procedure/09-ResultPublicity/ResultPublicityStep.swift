import TitleBridgeCore

/// 结果公示 (四(七)) — the public list of those recognised, and the objections raised while it
/// runs. Its desk, controller, pages and records belong in this folder; until they exist its
/// events stay closed (`ClosedSteps`).
enum ResultPublicityStep {
    static let events: Set<StageEvent> = [.upholdObjection]
}
