import Crypto
import Foundation

/// Seals personal data (ID and phone numbers) with AES-256-GCM before it reaches the
/// database. A sealed value is `keyID:base64(nonce ‖ ciphertext ‖ tag)`; the column it belongs
/// to is bound in as associated data, so a value copied into another column does not open.
/// Keys rotate: the first key seals, every listed key opens, `titlebridge keys reseal`
/// moves old values to the first key.
struct PersonalDataCipher: Sendable {
    struct Key: Sendable {
        let id: String
        let key: SymmetricKey
    }

    /// Where a sealed value lives; part of the associated data.
    enum Purpose: String, Sendable {
        case idNumber = "users.id_number"
        case phone = "users.phone"
    }

    let keys: [Key]

    var currentKeyID: String { keys[0].id }

    init(keys: [Key]) throws {
        guard !keys.isEmpty else { throw ConfigError("no personal-data key is configured") }
        self.keys = keys
    }

    /// Parses `id:base64key,id:base64key` (newest first); each key is 32 bytes.
    init(keyring: String) throws {
        var keys: [Key] = []
        for entry in keyring.split(separator: ",") {
            let parts = entry.trimmingCharacters(in: .whitespaces).split(separator: ":", maxSplits: 1)
            guard parts.count == 2, !parts[0].isEmpty, let data = Data(base64Encoded: String(parts[1])), data.count == 32 else {
                throw ConfigError("TITLEBRIDGE_DATA_KEYS must read id:base64key,… with 32-byte keys")
            }
            keys.append(Key(id: String(parts[0]), key: SymmetricKey(data: data)))
        }
        try self.init(keys: keys)
    }

    /// The configured keyring, or the key file in the data directory (created on first start).
    static func load(settings: SecuritySettings, dataDirectory: String) throws -> PersonalDataCipher {
        if let keyring = settings.dataKeys { return try PersonalDataCipher(keyring: keyring) }
        let path = (dataDirectory as NSString).appendingPathComponent("personal-data.keys")
        if let text = try? String(contentsOfFile: path, encoding: .utf8) {
            return try PersonalDataCipher(keyring: text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let line = "k1:" + SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
        guard FileManager.default.createFile(atPath: path, contents: Data((line + "\n").utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw ConfigError("cannot write the personal-data key file \(path)")
        }
        return try PersonalDataCipher(keyring: line)
    }

    static func newKeyringEntry(id: String) -> String {
        id + ":" + SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
    }

    func seal(_ text: String, for purpose: Purpose) throws -> String {
        let key = keys[0]
        let box = try AES.GCM.seal(Data(text.utf8), using: key.key, authenticating: Data(purpose.rawValue.utf8))
        guard let combined = box.combined else { throw PersonalDataError.cannotSeal }
        return key.id + ":" + combined.base64EncodedString()
    }

    func open(_ sealed: String, for purpose: Purpose) throws -> String {
        let parts = sealed.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let data = Data(base64Encoded: String(parts[1])) else { throw PersonalDataError.malformed }
        guard let key = keys.first(where: { $0.id == parts[0] }) else { throw PersonalDataError.unknownKey(String(parts[0])) }
        let box = try AES.GCM.SealedBox(combined: data)
        let plain = try AES.GCM.open(box, using: key.key, authenticating: Data(purpose.rawValue.utf8))
        guard let text = String(data: plain, encoding: .utf8) else { throw PersonalDataError.malformed }
        return text
    }

    /// True when `sealed` was sealed with an older key.
    func isStale(_ sealed: String) -> Bool {
        !sealed.hasPrefix(currentKeyID + ":")
    }
}

enum PersonalDataError: Error, CustomStringConvertible {
    case cannotSeal
    case malformed
    case unknownKey(String)

    var description: String {
        switch self {
        case .cannotSeal: "personal data could not be sealed"
        case .malformed: "a sealed personal-data value is malformed"
        case .unknownKey(let id): "personal data sealed with key “\(id)”, which is not in the keyring"
        }
    }
}
