import NIOConcurrencyHelpers
import TitleBridgeCore

/// 批次 — the batches the service knows, which one is current and which are closed. Loaded
/// from the policy files at start, joined by the batches the administration form made (kept in
/// the database), and changed while the service runs when an administrator creates, chooses
/// or closes a batch: every page reads it afresh, so a new batch needs no restart.
public final class BatchRegistry: Sendable {
    struct State {
        var policies: [String: BatchPolicy]
        var currentID: String
        var closed: Set<String>
    }

    private let state: NIOLockedValueBox<State>
    /// Set when the installation names the current batch (`TITLEBRIDGE_BATCH`): then the
    /// setting wins over a choice made in the administration.
    let pinned: Bool

    init(policies: [String: BatchPolicy], currentID: String, pinned: Bool) {
        state = NIOLockedValueBox(State(policies: policies, currentID: currentID, closed: []))
        self.pinned = pinned
    }

    public var policies: [String: BatchPolicy] { state.withLockedValue { $0.policies } }
    public var currentID: String { state.withLockedValue { $0.currentID } }
    public func isClosed(_ id: String) -> Bool { state.withLockedValue { $0.closed.contains(id) } }

    func add(_ policy: BatchPolicy) { state.withLockedValue { $0.policies[policy.id] = policy } }

    func choose(_ id: String) { state.withLockedValue { if $0.policies[id] != nil { $0.currentID = id } } }

    func close(_ id: String) { state.withLockedValue { _ = $0.closed.insert(id) } }
}
