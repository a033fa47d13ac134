import Crypto
import Fluent
import Foundation
import TitleBridgeCore
import TitleBridgeCredentials
import Vapor

/// The bureau's certificate signing keys (Ed25519). The private half of each is a file of the
/// data folder (`signing-keys/<id>.key`, owner-only) or the `TITLEBRIDGE_SIGNING_KEY`
/// variable, never the database and never a log line; the public half is in `signing_keys`,
/// named in the issuer's controller document for good, so a certificate signed with a
/// retired key still verifies. The newest key that is not retired and whose private half is
/// here signs.
struct SigningKeys: Sendable {
    let folder: URL
    /// `keyID:z3u2…` from the environment.
    let environmentKey: String?
    /// The site's address as the public reaches it: the issuer, the status list and each
    /// certificate's verification page are named under it.
    let siteBase: String

    init(dataDirectory: String, environmentKey: String?, siteBase: String) {
        folder = URL(fileURLWithPath: dataDirectory).appendingPathComponent("signing-keys")
        self.environmentKey = environmentKey
        var base = siteBase
        while base.hasSuffix("/") { base.removeLast() }
        self.siteBase = base
    }

    var issuerID: String { siteBase + SiteURL.certificateIssuer.path }
    var statusListID: String { siteBase + SiteURL.certificateStatusList.path }
    func verificationURL(_ number: String) -> String { siteBase + SiteURL.certificate.path(number) }

    private var environmentPair: (id: String, key: Ed25519Multikey)? {
        guard let text = environmentKey else { return nil }
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let key = Ed25519Multikey(privateKeyMultibase: parts[1]) else { return nil }
        return (parts[0], key)
    }

    func privateKey(_ keyID: String) -> Ed25519Multikey? {
        if let pair = environmentPair, pair.id == keyID { return pair.key }
        guard Self.isKeyID(keyID),
              let text = try? String(contentsOf: folder.appendingPathComponent(keyID + ".key"), encoding: .utf8) else { return nil }
        return Ed25519Multikey(privateKeyMultibase: text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    static func isKeyID(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 64 && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }

    /// Makes a new key: its private half written owner-only, its public half recorded.
    @discardableResult
    func create(on database: any Database, app: Application, actor: AuditActor) async throws -> SigningKeyRecord {
        let key = Ed25519Multikey()
        let now = app.domain.clock.now()
        let keyID = "key-" + ShanghaiTime.date(of: now).iso.replacingOccurrences(of: "-", with: "") + "-"
            + SecureToken.sha256Hex(key.publicKeyMultibase).prefix(8)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let path = folder.appendingPathComponent(keyID + ".key").path
        guard FileManager.default.createFile(atPath: path, contents: Data((key.privateKeyMultibase + "\n").utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw ConfigError("cannot write the signing key to \(path)")
        }
        return try await record(keyID: keyID, publicMultibase: key.publicKeyMultibase, on: database, app: app, actor: actor)
    }

    @discardableResult
    private func record(keyID: String, publicMultibase: String, on database: any Database, app: Application,
                        actor: AuditActor) async throws -> SigningKeyRecord {
        let record = SigningKeyRecord()
        record.keyID = keyID
        record.publicMultibase = publicMultibase
        record.createdAt = app.domain.clock.now()
        try await AuditLog.write(on: database, gate: app.security.auditGate, clock: app.domain.clock) { db in
            try await record.create(on: db)
            return ((), [AuditEntry(actor: actor, action: "keys.signing.new", recordType: "signing_key", recordID: keyID,
                                    after: publicMultibase)])
        }
        return record
    }

    /// Every key, newest first.
    func all(on database: any Database) async throws -> [SigningKeyRecord] {
        try await SigningKeyRecord.query(on: database).sort(\.$createdAt, .descending).sort(\.$keyID, .descending).all()
    }

    /// The key that signs now; the environment's key is recorded on first use. Nil when no
    /// usable key is here.
    func current(on database: any Database, app: Application) async throws -> TitleCredential.Issuer? {
        if let pair = environmentPair {
            let known = try await SigningKeyRecord.query(on: database).filter(\.$keyID == pair.id).first()
            if known == nil {
                try await record(keyID: pair.id, publicMultibase: pair.key.publicKeyMultibase, on: database, app: app, actor: .system("environment"))
            }
        }
        for record in try await all(on: database) where record.retiredAt == nil {
            if let key = privateKey(record.keyID), key.publicKeyMultibase == record.publicMultibase {
                return TitleCredential.Issuer(id: issuerID, keyID: record.keyID, key: key.privateKey)
            }
        }
        return nil
    }

    /// Retires a key: it signs nothing more, and what it signed keeps verifying.
    func retire(_ keyID: String, on database: any Database, app: Application, actor: AuditActor) async throws {
        guard let record = try await SigningKeyRecord.query(on: database).filter(\.$keyID == keyID).first() else {
            throw ConfigError("no signing key \(keyID)")
        }
        guard record.retiredAt == nil else { return }
        record.retiredAt = app.domain.clock.now()
        try await AuditLog.write(on: database, gate: app.security.auditGate, clock: app.domain.clock) { db in
            try await record.save(on: db)
            return ((), [AuditEntry(actor: actor, action: "keys.signing.retire", recordType: "signing_key", recordID: keyID)])
        }
    }

    /// The public key a verification method names, retired keys included.
    func publicKeys(on database: any Database) async throws -> [String: Curve25519.Signing.PublicKey] {
        var keys: [String: Curve25519.Signing.PublicKey] = [:]
        for record in try await all(on: database) {
            if let key = Ed25519Multikey.publicKey(fromMultibase: record.publicMultibase) { keys[issuerID + "#" + record.keyID] = key }
        }
        return keys
    }
}

extension Application {
    private struct SigningKeysKey: StorageKey {
        typealias Value = SigningKeys
    }

    var signingKeys: SigningKeys {
        get {
            guard let keys = storage[SigningKeysKey.self] else {
                fatalError("configure(_:config:services:) sets the signing keys before any route runs")
            }
            return keys
        }
        set { storage[SigningKeysKey.self] = newValue }
    }
}
