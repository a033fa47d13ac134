import Crypto
import Foundation
import TitleBridgeCore
import TitleBridgeCredentials
import Vapor

/// What `titlebridge keys signing …` and `titlebridge verify` do.
public enum CertificateOperations {
    /// `keys signing new`: a new signing key in the data folder; it signs from now on.
    public static func newSigningKey(on app: Application) async throws -> String {
        let record = try await app.signingKeys.create(on: app.db, app: app, actor: .system("cli"))
        return "\(record.keyID) \(record.publicMultibase)"
    }

    /// `keys signing list`: one line per key — id, public Multikey, created, retired or
    /// whether this machine holds its private half. The private key is never printed.
    public static func listSigningKeys(on app: Application) async throws -> [String] {
        let keys = app.signingKeys
        return try await keys.all(on: app.db).map { record in
            let state = record.retiredAt.map { "retired " + ShanghaiTime.clockText($0) }
                ?? (keys.privateKey(record.keyID) == nil ? "active (private key not here)" : "active")
            return "\(record.keyID)  \(record.publicMultibase)  created \(ShanghaiTime.clockText(record.createdAt))  \(state)"
        }
    }

    public static func retireSigningKey(_ keyID: String, on app: Application) async throws {
        try await app.signingKeys.retire(keyID, on: app.db, app: app, actor: .system("cli"))
    }

    /// `titlebridge verify FILE.json`: checks a certificate offline against the issuer's public
    /// key (a `z6Mk…` Multikey, or a controller document naming it) and, when given, a status
    /// list credential — whose own signature is checked with the same keys before it is believed.
    /// Answers one line per step and whether the certificate is valid.
    public static func verifyOffline(credential: Data, key: String, statusList: Data?, now: Date) -> (valid: Bool, lines: [String]) {
        guard let document = try? CanonicalJSON.parse(String(decoding: credential, as: UTF8.self)) else {
            return (false, ["format: failed (not JSON)"])
        }
        var keys: [String: Curve25519.Signing.PublicKey] = [:]
        if let single = Ed25519Multikey.publicKey(fromMultibase: key.trimmingCharacters(in: .whitespacesAndNewlines)) {
            if let method = document["proof"]?["verificationMethod"]?.stringValue { keys[method] = single }
        } else if let controller = try? CanonicalJSON.parse(key), case .array(let methods)? = controller["verificationMethod"] {
            for method in methods {
                if let id = method["id"]?.stringValue, let text = method["publicKeyMultibase"]?.stringValue,
                   let found = Ed25519Multikey.publicKey(fromMultibase: text) { keys[id] = found }
            }
        }
        let instant = RFC3339.text(now)
        var list: BitstringStatusList?
        var lines: [String] = []
        if let statusList {
            if let listCredential = try? CanonicalJSON.parse(String(decoding: statusList, as: UTF8.self)),
               let method = listCredential["proof"]?["verificationMethod"]?.stringValue, let listKey = keys[method] ?? keys.values.first,
               (try? EddsaJcs2022.verify(listCredential, publicKey: listKey)) != nil,
               let encoded = listCredential["credentialSubject"]?["encodedList"]?.stringValue {
                list = try? BitstringStatusList(encoded: encoded)
            }
            if list == nil { lines.append("status list: not used (unreadable or its signature does not verify)") }
        }
        let report = CredentialVerifier.verify(document, publicKey: { keys[$0] }, statusList: list, now: instant)
        lines += report.steps.map { "\($0.0.rawValue): \($0.1.rawValue)" }
        let verdict = report.isRevoked ? "REVOKED" : report.isValid ? "VALID" : report.steps.contains { $0.1 == .failed } ? "NOT VALID" : "VALID (status not checked)"
        lines.append(verdict)
        return (report.steps.allSatisfy { $0.1 == .passed || ($0.0 == .status && $0.1 == .notChecked) } && !report.isRevoked, lines)
    }
}
