import Crypto

/// An Ed25519 key pair written as Multikey: the multicodec prefix (`0xed01` public,
/// `0x8026` private) followed by the raw 32-byte key, in base58-btc multibase.
public struct Ed25519Multikey: Sendable {
    static let publicPrefix: [UInt8] = [0xED, 0x01]
    static let privatePrefix: [UInt8] = [0x80, 0x26]

    public let privateKey: Curve25519.Signing.PrivateKey

    public init(privateKey: Curve25519.Signing.PrivateKey = .init()) {
        self.privateKey = privateKey
    }

    /// Reads a `z3u2…` private Multikey; nil when it is not one.
    public init?(privateKeyMultibase: String) {
        guard let bytes = Multibase.decodeBase58btc(privateKeyMultibase), bytes.count == 34,
              Array(bytes.prefix(2)) == Self.privatePrefix,
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: bytes.dropFirst(2)) else { return nil }
        self.privateKey = key
    }

    public var publicKeyMultibase: String {
        Multibase.encodeBase58btc(Self.publicPrefix + Array(privateKey.publicKey.rawRepresentation))
    }

    public var privateKeyMultibase: String {
        Multibase.encodeBase58btc(Self.privatePrefix + Array(privateKey.rawRepresentation))
    }

    /// The public key of a `z6Mk…` Multikey; nil when it is not an Ed25519 public Multikey.
    public static func publicKey(fromMultibase text: String) -> Curve25519.Signing.PublicKey? {
        guard let bytes = Multibase.decodeBase58btc(text), bytes.count == 34,
              Array(bytes.prefix(2)) == publicPrefix else { return nil }
        return try? Curve25519.Signing.PublicKey(rawRepresentation: bytes.dropFirst(2))
    }
}
