import Crypto
import Foundation

/// Seals personal data (ID and phone numbers) with AES-256-GCM before it reaches the
/// database. A sealed value is `keyID:v2:base64(nonce ‖ ciphertext ‖ tag)`; its table, column
/// and row are bound in as associated data (`applications.id_number:<row id>`), so a value
/// copied into another column or another row does not open.
/// Keys rotate: the first key seals, every listed key opens, `titlebridge keys reseal`
/// moves old values to the first key.
/// Values sealed before rows were bound read `keyID:base64(…)` and carry only the column's
/// purpose (`users.id_number`, `users.phone`) as associated data; they still open, and
/// `keys reseal` binds them to their rows.
struct PersonalDataCipher: Sendable {
    struct Key: Sendable {
        let id: String
        let key: SymmetricKey
    }

    /// Where a sealed value lives: its table and column, bound into the associated data with
    /// the id of its row. Every sealed value is authenticated with its raw value, so these never change.
    enum Column: String, CaseIterable, Sendable {
        case userIDNumber = "users.id_number"
        case userPhone = "users.phone"
        case applicationIDNumber = "applications.id_number"
        case verificationIDNumber = "certificate_verifications.id_number"
        case objectionContact = "objections.contact_sealed"

        /// The associated data of a value sealed in this column of row `row`.
        func associatedData(row: UUID) -> Data {
            Data((rawValue + ":" + row.uuidString).utf8)
        }

        /// The associated data of values sealed before rows were bound: the purpose only, and
        /// every ID number, wherever it was stored, under the accounts' purpose.
        var legacyAssociatedData: Data {
            Data((self == .userPhone ? "users.phone" : "users.id_number").utf8)
        }
    }

    /// Marks a value bound to its row; values without it are of the purpose-only form.
    static let rowBoundMarker = "v2"

    let keys: [Key]

    var currentKeyID: String { keys[0].id }

    /// A check value per key of the keyring (an HMAC of a fixed text, never the key): a backup
    /// records them so a restore can tell whether this installation holds the same keys.
    var keyChecks: [String: String] {
        Dictionary(keys.map { key in
            let code = HMAC<SHA256>.authenticationCode(for: Data("titlebridge key check".utf8), using: key.key)
            return (key.id, Data(code).prefix(8).map { String(format: "%02x", $0) }.joined())
        }, uniquingKeysWith: { first, _ in first })
    }

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

    /// Seals `text` for `column` of the row `row`. A new record gets its id before its values
    /// are sealed, so the id bound in is the one it is saved under.
    func seal(_ text: String, in column: Column, row: UUID) throws -> String {
        let key = keys[0]
        let box = try AES.GCM.seal(Data(text.utf8), using: key.key, authenticating: column.associatedData(row: row))
        guard let combined = box.combined else { throw PersonalDataError.cannotSeal }
        return key.id + ":" + Self.rowBoundMarker + ":" + combined.base64EncodedString()
    }

    /// Opens a value found in `column` of the row `row`: a row-bound value only there, a
    /// value of the purpose-only form wherever its purpose matches.
    func open(_ sealed: String, in column: Column, row: UUID) throws -> String {
        let parts = sealed.split(separator: ":", omittingEmptySubsequences: false)
        let keyID: Substring, payload: Substring, associated: Data
        switch parts.count {
        case 3 where parts[1] == Self.rowBoundMarker:
            keyID = parts[0]
            payload = parts[2]
            associated = column.associatedData(row: row)
        case 2:
            keyID = parts[0]
            payload = parts[1]
            associated = column.legacyAssociatedData
        default:
            throw PersonalDataError.malformed
        }
        guard !keyID.isEmpty, let data = Data(base64Encoded: String(payload)) else { throw PersonalDataError.malformed }
        guard let key = keys.first(where: { $0.id == keyID }) else { throw PersonalDataError.unknownKey(String(keyID)) }
        let box = try AES.GCM.SealedBox(combined: data)
        let plain = try AES.GCM.open(box, using: key.key, authenticating: associated)
        guard let text = String(data: plain, encoding: .utf8) else { throw PersonalDataError.malformed }
        return text
    }

    /// True when `sealed` was sealed with an older key, or is not yet bound to its row.
    func isStale(_ sealed: String) -> Bool {
        !sealed.hasPrefix(currentKeyID + ":" + Self.rowBoundMarker + ":")
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
