import TitleBridgeCore

/// 结果公示 (四(七)) — the public list of those recognised, and the objections raised while it
/// runs. An upheld objection moves the file only through `ResultPublicityDesk`.
enum ResultPublicityStep {
    static let events: Set<StageEvent> = [.upholdObjection]
}
