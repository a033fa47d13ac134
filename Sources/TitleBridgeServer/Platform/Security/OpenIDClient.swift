import Crypto
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// The relying-party side of OpenID Connect (authorisation code flow with PKCE) against the
/// city's unified identity service. The provider's metadata and keys are cached in memory;
/// everything a sign-in must remember lives in the database, so any instance can finish it.
final class OpenIDClient: Sendable {
    struct Metadata: Codable, Sendable {
        let issuer: String
        let authorization_endpoint: String
        let token_endpoint: String
        let jwks_uri: String
    }

    let settings: OIDCSettings
    let redirectURI: String
    private let cache = NIOLockedValueBox<(metadata: Metadata?, keys: JSONWebKeySet?)>((nil, nil))

    init(settings: OIDCSettings, redirectURI: String) {
        self.settings = settings
        self.redirectURI = redirectURI
    }

    func metadata(client: any Client) async throws -> Metadata {
        if let metadata = cache.withLockedValue({ $0.metadata }) { return metadata }
        let base = settings.issuer.hasSuffix("/") ? String(settings.issuer.dropLast()) : settings.issuer
        let response = try await client.get(URI(string: base + "/.well-known/openid-configuration"))
        guard response.status == .ok else { throw OpenIDError.provider("discovery answered \(response.status.code)") }
        let metadata = try response.content.decode(Metadata.self, using: JSONDecoder())
        guard metadata.issuer == settings.issuer else { throw OpenIDError.provider("discovery names another issuer") }
        cache.withLockedValue { $0.metadata = metadata }
        return metadata
    }

    /// The provider's keys; fetched again once when a token names a key not yet known.
    func keys(client: any Client, refresh: Bool) async throws -> JSONWebKeySet {
        if !refresh, let keys = cache.withLockedValue({ $0.keys }) { return keys }
        let response = try await client.get(URI(string: try await metadata(client: client).jwks_uri))
        guard response.status == .ok else { throw OpenIDError.provider("JWKS answered \(response.status.code)") }
        let keys = try response.content.decode(JSONWebKeySet.self, using: JSONDecoder())
        cache.withLockedValue { $0.keys = keys }
        return keys
    }

    func authorizationURL(state: String, nonce: String, codeVerifier: String, client: any Client) async throws -> String {
        let metadata = try await metadata(client: client)
        guard var components = URLComponents(string: metadata.authorization_endpoint) else {
            throw OpenIDError.provider("the authorisation endpoint is not a URL")
        }
        components.queryItems = (components.queryItems ?? []) + [
            URLQueryItem(name: "response_type", value: "code"),
            URLQueryItem(name: "client_id", value: settings.clientID),
            URLQueryItem(name: "redirect_uri", value: redirectURI),
            URLQueryItem(name: "scope", value: "openid profile"),
            URLQueryItem(name: "state", value: state),
            URLQueryItem(name: "nonce", value: nonce),
            URLQueryItem(name: "code_challenge", value: Self.challenge(for: codeVerifier)),
            URLQueryItem(name: "code_challenge_method", value: "S256"),
        ]
        guard let url = components.string else { throw OpenIDError.provider("cannot build the authorisation URL") }
        return url
    }

    /// PKCE S256 (RFC 7636 4.2).
    static func challenge(for verifier: String) -> String {
        Data(SHA256.hash(data: Data(verifier.utf8))).base64URLEncodedString()
    }

    /// Redeems the code at the token endpoint and returns the verified ID token's claims.
    func redeem(code: String, codeVerifier: String, nonce: String, now: Date, client: any Client) async throws -> IDTokenClaims {
        let metadata = try await metadata(client: client)
        struct TokenRequest: Content {
            let grant_type: String
            let code: String
            let redirect_uri: String
            let code_verifier: String
            let client_id: String
        }
        struct TokenAnswer: Content {
            let id_token: String?
        }
        let response = try await client.post(URI(string: metadata.token_endpoint)) { request in
            request.headers.basicAuthorization = BasicAuthorization(username: settings.clientID, password: settings.clientSecret)
            try request.content.encode(TokenRequest(grant_type: "authorization_code", code: code, redirect_uri: redirectURI,
                                                    code_verifier: codeVerifier, client_id: settings.clientID),
                                       as: .urlEncodedForm)
        }
        guard response.status == .ok else { throw OpenIDError.provider("the token endpoint answered \(response.status.code)") }
        guard let idToken = try response.content.decode(TokenAnswer.self, using: JSONDecoder()).id_token else {
            throw OpenIDError.provider("the token answer has no ID token")
        }
        var keys = try await keys(client: client, refresh: false)
        do {
            return try await IDTokenVerifier.verify(idToken, keys: keys, issuer: settings.issuer, clientID: settings.clientID,
                                                    nonce: nonce, now: now)
        } catch IDTokenError.noMatchingKey {
            keys = try await self.keys(client: client, refresh: true)
            return try await IDTokenVerifier.verify(idToken, keys: keys, issuer: settings.issuer, clientID: settings.clientID,
                                                    nonce: nonce, now: now)
        }
    }
}

enum OpenIDError: Error, CustomStringConvertible {
    case provider(String)
    case flow(String)

    var description: String {
        switch self {
        case .provider(let text): "OpenID provider: \(text)"
        case .flow(let text): "OpenID sign-in: \(text)"
        }
    }
}
