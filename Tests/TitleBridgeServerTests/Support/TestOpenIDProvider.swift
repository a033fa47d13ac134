import _CryptoExtras
import Crypto
import Foundation
import NIOConcurrencyHelpers
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor

/// A small OpenID Connect provider of the tests' own, standing in for 一网通办 on 127.0.0.1.
/// It speaks the real protocol — discovery, JWKS, authorisation endpoint with PKCE (S256
/// only), token endpoint with client_secret_basic — and signs RS256 ID tokens. A fault can be
/// switched on to send a token the relying party must refuse.
final class TestOpenIDProvider: Sendable {
    enum Fault: String, Sendable, CaseIterable {
        case none
        /// Signed by a key that is not in the JWKS (same key id).
        case badSignature
        /// The nonce of another sign-in.
        case wrongNonce
        /// Issued for another client.
        case wrongAudience
    }

    struct Grant: Sendable {
        let nonce: String
        let challenge: String
        let redirectURI: String
    }

    struct State: Sendable {
        var fault: Fault = .none
        var subject = "ywtb-subject-0001"
        var name = "林晓明"
        var grants: [String: Grant] = [:]
        /// Every token request's PKCE check, for the tests to see it happened.
        var verifiedChallenges = 0
    }

    let app: Application
    let port: Int
    let clientID = "titlebridge"
    let clientSecret = "client-secret-for-tests"
    let redirectURI: String
    let clock: any WallClock
    private let key: _RSA.Signing.PrivateKey
    private let rogueKey: _RSA.Signing.PrivateKey
    private let state = NIOLockedValueBox(State())

    var issuer: String { "http://127.0.0.1:\(port)" }
    var settings: OIDCSettings { OIDCSettings(issuer: issuer, clientID: clientID, clientSecret: clientSecret) }

    private init(app: Application, port: Int, redirectURI: String, clock: any WallClock) throws {
        self.app = app
        self.port = port
        self.redirectURI = redirectURI
        self.clock = clock
        key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        rogueKey = try _RSA.Signing.PrivateKey(keySize: .bits2048)
    }

    var fault: Fault {
        get { state.withLockedValue { $0.fault } }
        set { state.withLockedValue { $0.fault = newValue } }
    }

    var verifiedChallenges: Int { state.withLockedValue { $0.verifiedChallenges } }

    static func start(redirectURI: String, clock: any WallClock) async throws -> TestOpenIDProvider {
        let app = try await Application.make(.testing)
        let port = try freeLoopbackPort()
        let provider = try TestOpenIDProvider(app: app, port: port, redirectURI: redirectURI, clock: clock)
        provider.routes()
        app.http.server.configuration.hostname = "127.0.0.1"
        app.http.server.configuration.port = port
        try await app.server.start(address: .hostname("127.0.0.1", port: port))
        return provider
    }

    func shutdown() async {
        await app.server.shutdown()
        try? await app.asyncShutdown()
    }

    private func routes() {
        app.get(".well-known", "openid-configuration") { [self] _ in
            Discovery(issuer: issuer, authorization_endpoint: issuer + "/authorize", token_endpoint: issuer + "/token",
                      jwks_uri: issuer + "/jwks", response_types_supported: ["code"], subject_types_supported: ["public"],
                      id_token_signing_alg_values_supported: ["RS256"], code_challenge_methods_supported: ["S256"])
        }
        app.get("jwks") { [self] _ in
            let primitives = try key.publicKey.getKeyPrimitives()
            return JSONWebKeySet(keys: [JSONWebKey(kty: "RSA", kid: "key-1", alg: "RS256", use: "sig",
                                                   n: primitives.modulus.base64URLEncodedString(),
                                                   e: primitives.publicExponent.base64URLEncodedString(),
                                                   crv: nil, x: nil, y: nil)])
        }
        app.get("authorize") { [self] request -> Response in
            let query = try request.query.decode(AuthorizeQuery.self)
            guard query.response_type == "code", query.client_id == clientID, query.redirect_uri == redirectURI,
                  query.scope.split(separator: " ").contains("openid"), query.code_challenge_method == "S256",
                  query.code_challenge.count >= 43, !query.nonce.isEmpty, !query.state.isEmpty else {
                throw Abort(.badRequest, reason: "invalid_request")
            }
            let code = SecureToken.make()
            state.withLockedValue {
                $0.grants[code] = Grant(nonce: query.nonce, challenge: query.code_challenge, redirectURI: query.redirect_uri)
            }
            var components = URLComponents(string: query.redirect_uri)
            components?.queryItems = [URLQueryItem(name: "code", value: code), URLQueryItem(name: "state", value: query.state)]
            return request.redirect(to: components?.string ?? query.redirect_uri, redirectType: .temporary)
        }
        app.post("token") { [self] request -> TokenResponse in
            guard let basic = request.headers.basicAuthorization, basic.username == clientID, basic.password == clientSecret else {
                throw Abort(.unauthorized, reason: "invalid_client")
            }
            let form = try request.content.decode(TokenForm.self)
            let grant = state.withLockedValue { $0.grants.removeValue(forKey: form.code) }
            guard form.grant_type == "authorization_code", let grant, grant.redirectURI == form.redirect_uri else {
                throw Abort(.badRequest, reason: "invalid_grant")
            }
            guard OpenIDClient.challenge(for: form.code_verifier) == grant.challenge else {
                throw Abort(.badRequest, reason: "invalid_grant: PKCE verifier does not match")
            }
            state.withLockedValue { $0.verifiedChallenges += 1 }
            return TokenResponse(access_token: SecureToken.make(), token_type: "Bearer", expires_in: 300,
                                 id_token: try idToken(nonce: grant.nonce))
        }
    }

    private func idToken(nonce: String) throws -> String {
        let (fault, subject, name) = state.withLockedValue { ($0.fault, $0.subject, $0.name) }
        let now = Int(clock.now().timeIntervalSince1970)
        let header = #"{"alg":"RS256","kid":"key-1","typ":"JWT"}"#
        let claims = Claims(iss: issuer, sub: subject, aud: fault == .wrongAudience ? "another-client" : clientID,
                            exp: now + 300, iat: now, nonce: fault == .wrongNonce ? "nonce-of-another-sign-in" : nonce, name: name)
        let payload = try JSONEncoder().encode(claims)
        let input = Data(header.utf8).base64URLEncodedString() + "." + payload.base64URLEncodedString()
        let signer = fault == .badSignature ? rogueKey : key
        let signature = try signer.signature(for: SHA256.hash(data: Data(input.utf8)), padding: .insecurePKCS1v1_5)
        return input + "." + signature.rawRepresentation.base64URLEncodedString()
    }

    struct Discovery: Content {
        let issuer: String
        let authorization_endpoint: String
        let token_endpoint: String
        let jwks_uri: String
        let response_types_supported: [String]
        let subject_types_supported: [String]
        let id_token_signing_alg_values_supported: [String]
        let code_challenge_methods_supported: [String]
    }

    struct AuthorizeQuery: Content {
        let response_type: String
        let client_id: String
        let redirect_uri: String
        let scope: String
        let state: String
        let nonce: String
        let code_challenge: String
        let code_challenge_method: String
    }

    struct TokenForm: Content {
        let grant_type: String
        let code: String
        let redirect_uri: String
        let code_verifier: String
    }

    struct TokenResponse: Content {
        let access_token: String
        let token_type: String
        let expires_in: Int
        let id_token: String
    }

    struct Claims: Encodable {
        let iss: String
        let sub: String
        let aud: String
        let exp: Int
        let iat: Int
        let nonce: String
        let name: String
    }
}

extension JSONWebKeySet: Content {}
