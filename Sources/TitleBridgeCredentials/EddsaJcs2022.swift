import Crypto
import Foundation

/// The `eddsa-jcs-2022` cryptosuite of W3C Data Integrity EdDSA Cryptosuites v1.0 (§3.3): the
/// document and the proof options are each canonicalised by RFC 8785 and hashed with SHA-256;
/// the proof options' hash followed by the document's is signed with Ed25519, and the signature
/// is the proof's `proofValue` in base58-btc multibase.
public enum EddsaJcs2022 {
    public static let cryptosuite = "eddsa-jcs-2022"
    public static let proofType = "DataIntegrityProof"

    /// The proof options before signing (the proof without `proofValue`).
    public struct ProofOptions: Sendable {
        public var verificationMethod: String
        public var created: String
        public var proofPurpose: String

        public init(verificationMethod: String, created: String, proofPurpose: String = "assertionMethod") {
            self.verificationMethod = verificationMethod
            self.created = created
            self.proofPurpose = proofPurpose
        }
    }

    public enum Failure: Error, Equatable, Sendable {
        case notAnObject
        case noProof
        case wrongProofType
        case wrongCryptosuite
        case malformedProofValue
        case contextMismatch
        case badSignature
    }

    /// The intermediate values of the suite, as the specification's test vectors list them.
    public struct Hashes: Sendable {
        public let canonicalDocument: String
        public let canonicalProofConfig: String
        public let documentHash: [UInt8]
        public let proofConfigHash: [UInt8]

        /// What is signed: the proof configuration's hash, then the document's.
        public var combined: [UInt8] { proofConfigHash + documentHash }
    }

    /// The proof configuration (§3.3.5): the options as a proof object, with the document's
    /// `@context` when the document has one.
    public static func proofConfig(_ options: ProofOptions, for document: JSONValue) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("type", .string(proofType)),
            ("cryptosuite", .string(cryptosuite)),
            ("created", .string(options.created)),
            ("verificationMethod", .string(options.verificationMethod)),
            ("proofPurpose", .string(options.proofPurpose)),
        ]
        if let context = document["@context"] { members.append(("@context", context)) }
        return .object(members)
    }

    /// Transformation and hashing (§3.3.4, §3.3.6).
    public static func hashes(document: JSONValue, proofConfig: JSONValue) -> Hashes {
        let canonicalDocument = CanonicalJSON.serialize(document)
        let canonicalProofConfig = CanonicalJSON.serialize(proofConfig)
        return Hashes(canonicalDocument: canonicalDocument, canonicalProofConfig: canonicalProofConfig,
                      documentHash: Array(SHA256.hash(data: Array(canonicalDocument.utf8))),
                      proofConfigHash: Array(SHA256.hash(data: Array(canonicalProofConfig.utf8))))
    }

    /// The document with its proof added (§3.3.1). The document must be an object without a proof.
    public static func sign(_ document: JSONValue, options: ProofOptions, key: Curve25519.Signing.PrivateKey) throws -> JSONValue {
        guard case .object = document else { throw Failure.notAnObject }
        let unsecured = document.setting("proof", to: nil)
        let config = proofConfig(options, for: unsecured)
        let signature = try key.signature(for: hashes(document: unsecured, proofConfig: config).combined)
        let proof = config.setting("proofValue", to: .string(Multibase.encodeBase58btc(Array(signature))))
        return unsecured.setting("proof", to: proof)
    }

    /// Verifies the proof of a secured document (§3.3.2) with the public key its
    /// `verificationMethod` names (the caller resolves it). Returns the document without its proof.
    @discardableResult
    public static func verify(_ secured: JSONValue, publicKey: Curve25519.Signing.PublicKey) throws -> JSONValue {
        guard case .object = secured else { throw Failure.notAnObject }
        guard let proof = secured["proof"], case .object = proof else { throw Failure.noProof }
        guard proof["type"]?.stringValue == proofType else { throw Failure.wrongProofType }
        guard proof["cryptosuite"]?.stringValue == cryptosuite else { throw Failure.wrongCryptosuite }
        guard let value = proof["proofValue"]?.stringValue, let signature = Multibase.decodeBase58btc(value), signature.count == 64 else {
            throw Failure.malformedProofValue
        }
        let unsecured = secured.setting("proof", to: nil)
        // The proof's context, when it has one, must be the document's (§3.3.2 step 4).
        if let context = proof["@context"], context != unsecured["@context"] { throw Failure.contextMismatch }
        let config = proof.setting("proofValue", to: nil)
        guard publicKey.isValidSignature(signature, for: hashes(document: unsecured, proofConfig: config).combined) else {
            throw Failure.badSignature
        }
        return unsecured
    }
}
