import _CryptoExtras
import Crypto
import Foundation

/// A JSON Web Key from a provider's JWKS (RSA or P-256 public keys).
struct JSONWebKey: Codable, Sendable {
    let kty: String
    let kid: String?
    let alg: String?
    let use: String?
    let n: String?
    let e: String?
    let crv: String?
    let x: String?
    let y: String?
}

struct JSONWebKeySet: Codable, Sendable {
    let keys: [JSONWebKey]
}

/// The claims of an OpenID Connect ID token that sign-in relies on.
struct IDTokenClaims: Decodable, Sendable {
    let iss: String
    let sub: String
    let aud: [String]
    let exp: Double
    let iat: Double?
    let nonce: String?
    let azp: String?
    let name: String?

    enum CodingKeys: String, CodingKey { case iss, sub, aud, exp, iat, nonce, azp, name }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        iss = try container.decode(String.self, forKey: .iss)
        sub = try container.decode(String.self, forKey: .sub)
        // `aud` is a string or an array of strings (OpenID Connect Core 2).
        if let single = try? container.decode(String.self, forKey: .aud) {
            aud = [single]
        } else {
            aud = try container.decode([String].self, forKey: .aud)
        }
        exp = try container.decode(Double.self, forKey: .exp)
        iat = try container.decodeIfPresent(Double.self, forKey: .iat)
        nonce = try container.decodeIfPresent(String.self, forKey: .nonce)
        azp = try container.decodeIfPresent(String.self, forKey: .azp)
        name = try container.decodeIfPresent(String.self, forKey: .name)
    }
}

/// Why an ID token is refused; each reason goes to the audit log.
enum IDTokenError: Error, Equatable, CustomStringConvertible {
    case malformed
    case unsupportedAlgorithm(String)
    case noMatchingKey
    case badSignature
    case wrongIssuer
    case wrongAudience
    case expired
    case issuedInFuture
    case wrongNonce

    var description: String {
        switch self {
        case .malformed: "the ID token is not a well-formed JWS"
        case .unsupportedAlgorithm(let alg): "the ID token is signed with \(alg), which is not accepted"
        case .noMatchingKey: "no key of the provider matches the ID token"
        case .badSignature: "the ID token's signature does not verify"
        case .wrongIssuer: "the ID token comes from another issuer"
        case .wrongAudience: "the ID token was issued for another client"
        case .expired: "the ID token has expired"
        case .issuedInFuture: "the ID token was issued in the future"
        case .wrongNonce: "the ID token's nonce does not match this sign-in"
        }
    }
}

/// Validates an ID token as OpenID Connect Core 3.1.3.7 asks: signature by a key of the
/// provider (RS256 or ES256; `none` and HMAC never), issuer, audience (and `azp` when there
/// are several), expiry with a minute of leeway, and the nonce of this sign-in.
enum IDTokenVerifier {
    static let leeway: TimeInterval = 60

    static func verify(_ token: String, keys: JSONWebKeySet, issuer: String, clientID: String, nonce: String,
                       now: Date) throws -> IDTokenClaims {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = Data(base64URLEncoded: parts[0]),
              let payload = Data(base64URLEncoded: parts[1]), let signature = Data(base64URLEncoded: parts[2]),
              let header = try? JSONDecoder().decode(Header.self, from: headerData) else { throw IDTokenError.malformed }
        let signingInput = Data((parts[0] + "." + parts[1]).utf8)
        let candidates = keys.keys.filter { key in (header.kid == nil || key.kid == header.kid) && (key.use ?? "sig") == "sig" }
        switch header.alg {
        case "RS256":
            let rsa = candidates.filter { $0.kty == "RSA" }
            guard !rsa.isEmpty else { throw IDTokenError.noMatchingKey }
            let digest = SHA256.hash(data: signingInput)
            let valid = rsa.contains { key in
                guard let n = key.n.flatMap({ Data(base64URLEncoded: $0) }), let e = key.e.flatMap({ Data(base64URLEncoded: $0) }),
                      let publicKey = try? _RSA.Signing.PublicKey(n: n, e: e) else { return false }
                return publicKey.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signature), for: digest,
                                                  padding: .insecurePKCS1v1_5)
            }
            guard valid else { throw IDTokenError.badSignature }
        case "ES256":
            let ec = candidates.filter { $0.kty == "EC" && $0.crv == "P-256" }
            guard !ec.isEmpty else { throw IDTokenError.noMatchingKey }
            let valid = ec.contains { key in
                guard let x = key.x.flatMap({ Data(base64URLEncoded: $0) }), let y = key.y.flatMap({ Data(base64URLEncoded: $0) }),
                      let publicKey = try? P256.Signing.PublicKey(rawRepresentation: x + y),
                      let ecdsa = try? P256.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
                return publicKey.isValidSignature(ecdsa, for: SHA256.hash(data: signingInput))
            }
            guard valid else { throw IDTokenError.badSignature }
        default:
            throw IDTokenError.unsupportedAlgorithm(header.alg)
        }
        guard let claims = try? JSONDecoder().decode(IDTokenClaims.self, from: payload) else { throw IDTokenError.malformed }
        guard claims.iss == issuer else { throw IDTokenError.wrongIssuer }
        guard claims.aud.contains(clientID), claims.aud.count == 1 || claims.azp == clientID else { throw IDTokenError.wrongAudience }
        let seconds = now.timeIntervalSince1970
        guard claims.exp + leeway > seconds else { throw IDTokenError.expired }
        if let iat = claims.iat, iat - leeway > seconds { throw IDTokenError.issuedInFuture }
        guard let sent = claims.nonce, SecureToken.equal(sent, nonce) else { throw IDTokenError.wrongNonce }
        return claims
    }

    private struct Header: Decodable {
        let alg: String
        let kid: String?
    }
}
