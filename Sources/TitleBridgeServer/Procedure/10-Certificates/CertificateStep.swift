import TitleBridgeCore

/// 发证 (四(八)) — the electronic title certificate, its public verification and its revocation.
/// Issuing and revoking move a file only through `CertificateDesk`, which writes the
/// certificate or its revocation in the same transaction.
enum CertificateStep {
    static let events: Set<StageEvent> = [.certify, .revoke]
}
