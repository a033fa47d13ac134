import TitleBridgeCore

/// 发证 (四(七)) — the electronic title certificate, its public verification and its revocation.
/// Its desk, controller, pages and records belong in this folder; until they exist its events
/// stay closed (`ClosedSteps`).
enum CertificateStep {
    static let events: Set<StageEvent> = [.certify, .revoke]
}
