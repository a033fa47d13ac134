import Foundation
import JWTKit

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

/// The claims of an OpenID Connect ID token that sign-in relies on. Checked after the signature
/// (`IDTokenVerifier`), so each refusal is named.
struct IDTokenClaims: JWTPayload {
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

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(iss, forKey: .iss)
        try container.encode(sub, forKey: .sub)
        try container.encode(aud, forKey: .aud)
        try container.encode(exp, forKey: .exp)
        try container.encodeIfPresent(iat, forKey: .iat)
        try container.encodeIfPresent(nonce, forKey: .nonce)
        try container.encodeIfPresent(azp, forKey: .azp)
        try container.encodeIfPresent(name, forKey: .name)
    }

    /// jwt-kit's hook after the signature holds; the claims are checked by `IDTokenVerifier`.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
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
/// are several), expiry with a minute of leeway, and the nonce of this sign-in. The signature is
/// jwt-kit's to check, with the provider's keys of the token's kind and `kid` only.
enum IDTokenVerifier {
    static let leeway: TimeInterval = 60

    static func verify(_ token: String, keys: JSONWebKeySet, issuer: String, clientID: String, nonce: String,
                       now: Date) async throws -> IDTokenClaims {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = Data(base64URLEncoded: parts[0]),
              let header = try? JSONDecoder().decode(Header.self, from: headerData) else { throw IDTokenError.malformed }
        let kty: String
        switch header.alg {
        case "RS256": kty = "RSA"
        case "ES256": kty = "EC"
        default: throw IDTokenError.unsupportedAlgorithm(header.alg)
        }
        let candidates = keys.keys.filter { key in
            (header.kid == nil || key.kid == header.kid) && (key.use ?? "sig") == "sig" && key.kty == kty
                && (kty == "RSA" || key.crv == "P-256") && (key.alg == nil || key.alg == header.alg)
        }
        guard !candidates.isEmpty else { throw IDTokenError.noMatchingKey }
        let collection = JWTKeyCollection()
        for (index, key) in candidates.enumerated() {
            // jwt-kit keeps keys by kid; the algorithm is the one the header named, checked above.
            let named = JSONWebKey(kty: key.kty, kid: key.kid ?? "key-\(index)", alg: header.alg, use: key.use,
                                   n: key.n, e: key.e, crv: key.crv, x: key.x, y: key.y)
            guard let jwk = try? JSONDecoder().decode(JWK.self, from: JSONEncoder().encode(named)),
                  (try? await collection.add(jwk: jwk)) != nil else { continue }
        }
        let claims: IDTokenClaims
        do {
            claims = try await collection.verify(token, as: IDTokenClaims.self, iteratingKeys: true)
        } catch let error as JWTError where error.errorType == .malformedToken {
            throw IDTokenError.malformed
        } catch {
            throw IDTokenError.badSignature
        }
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
