import Crypto
import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

/// 一网通办 sign-in end to end: the app talks to the test provider over real HTTP for
/// discovery, keys and the code exchange; the browser's hops are replayed by the test.
@Suite("OpenID Connect sign-in (一网通办)", .serialized)
struct OpenIDSignInTests {
    struct Outcome {
        let status: HTTPStatus
        let location: String?
        let cookies: [String: String]
        let body: String
    }

    /// Runs `body` with a provider on 127.0.0.1 and an app that trusts it.
    static func withProvider(_ engine: DatabaseEngine,
                             _ body: (Application, TestOpenIDProvider) async throws -> Void) async throws {
        let clock = shanghaiNoon("2024-09-10")
        let provider = try await TestOpenIDProvider.start(redirectURI: AppConfig().openIDRedirectURI, clock: clock)
        do {
            try await withTestApp(engine, clock: clock, security: SecuritySettings(bcryptCost: 4, oidc: provider.settings)) { app in
                try await body(app, provider)
            }
        } catch {
            await provider.shutdown()
            throw error
        }
        await provider.shutdown()
    }

    /// Start → provider's authorisation endpoint → callback, as a browser would go.
    static func signIn(_ app: Application, _ provider: TestOpenIDProvider,
                       tamper: ((inout URLComponents, inout Browser) -> Void)? = nil) async throws -> Outcome {
        var browser = Browser(cookies: [:], csrf: "")
        var authorize = ""
        try await app.testing().test(.GET, "/login/oidc") { res in
            #expect(res.status == .seeOther)
            authorize = res.headers.first(name: .location) ?? ""
            browser.keep(res)
        }
        #expect(authorize.hasPrefix(provider.issuer + "/authorize?"))
        let query = URLComponents(string: authorize)?.queryItems ?? []
        #expect(query.contains { $0.name == "code_challenge_method" && $0.value == "S256" })
        #expect(query.contains { $0.name == "nonce" && ($0.value?.count ?? 0) >= 32 })

        var callback = ""
        let path = String(authorize.dropFirst(provider.issuer.count))
        try await provider.app.testing().test(.GET, path) { res in
            #expect(res.status == .temporaryRedirect)
            callback = res.headers.first(name: .location) ?? ""
        }
        var components = try #require(URLComponents(string: callback))
        #expect(components.path == SiteURL.openIDCallback.path)
        tamper?(&components, &browser)
        var outcome: Outcome?
        let target = components.path + "?" + (components.percentEncodedQuery ?? "")
        try await app.testing().test(.GET, target, beforeRequest: { browser.prepare(&$0) }) { res in
            outcome = Outcome(status: res.status, location: res.headers.first(name: .location),
                              cookies: Browser.setCookies(res), body: res.body.string)
        }
        return try #require(outcome)
    }

    @Test("Sign-in end to end creates an applicant account once and opens a session", arguments: DatabaseEngine.available)
    func endToEnd(engine: DatabaseEngine) async throws {
        try await Self.withProvider(engine) { app, provider in
            let first = try await Self.signIn(app, provider)
            #expect(first.status == .seeOther)
            #expect(first.location == "/applications", "a new applicant lands where the application starts")
            let session = try #require(first.cookies[SessionStore.cookieName])
            #expect(provider.verifiedChallenges == 1, "the provider checked the PKCE verifier")

            try await app.testing().test(.GET, "/account", beforeRequest: { req in
                req.headers.replaceOrAdd(name: .cookie, value: "\(SessionStore.cookieName)=\(session)")
            }) { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("林晓明"))
                #expect(res.body.string.contains("申报人"))
            }
            let second = try await Self.signIn(app, provider)
            #expect(second.status == .seeOther)
            let users = try await UserRecord.query(on: app.db).filter(\.$oidcSubject == "ywtb-subject-0001").all()
            #expect(users.count == 1)
            #expect(users.first?.oidcIssuer == provider.issuer)
            #expect(users.first?.passwordHash == nil)
            #expect(try await OIDCRequestRecord.query(on: app.db).count() == 0, "each started sign-in is used up")
        }
    }

    @Test("A bad signature, a wrong nonce or a wrong audience is refused",
          arguments: DatabaseEngine.available, [TestOpenIDProvider.Fault.badSignature, .wrongNonce, .wrongAudience])
    func refusedTokens(engine: DatabaseEngine, fault: TestOpenIDProvider.Fault) async throws {
        try await Self.withProvider(engine) { app, provider in
            provider.fault = fault
            let outcome = try await Self.signIn(app, provider)
            #expect(outcome.status == .unauthorized)
            #expect(outcome.cookies[SessionStore.cookieName] == nil)
            #expect(outcome.body.contains("“一网通办”登录未能完成"))
            #expect(try await UserRecord.query(on: app.db).count() == 0)
            #expect(try await UserSessionRecord.query(on: app.db).count() == 0)
            let expected: IDTokenError = switch fault {
            case .badSignature: .badSignature
            case .wrongNonce: .wrongNonce
            default: .wrongAudience
            }
            let audit = try await AuditEventRecord.query(on: app.db).filter(\.$action == "signIn.failed").all()
            #expect(audit.count == 1)
            #expect(audit.first?.reason == expected.description)
        }
    }

    @Test("A callback from another browser, or a replayed one, is refused", arguments: DatabaseEngine.available)
    func boundToBrowser(engine: DatabaseEngine) async throws {
        try await Self.withProvider(engine) { app, provider in
            let foreign = try await Self.signIn(app, provider) { _, browser in browser.cookies = [:] }
            #expect(foreign.status == .unauthorized)

            var replay: (URLComponents, Browser)?
            let first = try await Self.signIn(app, provider) { components, browser in replay = (components, browser) }
            #expect(first.status == .seeOther)
            let (components, browser) = try #require(replay)
            try await app.testing().test(.GET, components.path + "?" + (components.percentEncodedQuery ?? ""),
                                         beforeRequest: { browser.prepare(&$0) }) { res in
                #expect(res.status == .unauthorized)
            }
        }
    }

    @Test("Without 一网通办 configured there is no such sign-in", arguments: DatabaseEngine.available)
    func notConfigured(engine: DatabaseEngine) async throws {
        try await withTestApp(engine) { app in
            try await app.testing().test(.GET, "/login/oidc") { res in #expect(res.status == .notFound) }
            try await app.testing().test(.GET, "/login") { res in #expect(!res.body.string.contains("/login/oidc")) }
        }
    }
}

@Suite("ID token checks")
struct IDTokenTests {
    @Test("ES256 tokens verify with the provider's P-256 key; alg none never does")
    func es256() async throws {
        let key = P256Key()
        let jwks = JSONWebKeySet(keys: [key.jwk])
        let now = Date(timeIntervalSince1970: 1_725_940_800)
        let token = try key.token(["iss": "https://id.example", "sub": "s", "aud": "c", "exp": 1_725_941_100, "nonce": "n"])
        let claims = try await IDTokenVerifier.verify(token, keys: jwks, issuer: "https://id.example", clientID: "c", nonce: "n", now: now)
        #expect(claims.sub == "s")
        await #expect(throws: IDTokenError.expired) {
            try await IDTokenVerifier.verify(token, keys: jwks, issuer: "https://id.example", clientID: "c", nonce: "n",
                                             now: now.addingTimeInterval(3600))
        }
        await #expect(throws: IDTokenError.wrongIssuer) {
            try await IDTokenVerifier.verify(token, keys: jwks, issuer: "https://other.example", clientID: "c", nonce: "n", now: now)
        }
        let parts = token.split(separator: ".")
        let unsigned = Data(#"{"alg":"none"}"#.utf8).base64URLEncodedString() + "." + parts[1] + "."
        await #expect(throws: IDTokenError.unsupportedAlgorithm("none")) {
            try await IDTokenVerifier.verify(unsigned, keys: jwks, issuer: "https://id.example", clientID: "c", nonce: "n", now: now)
        }
        // A token signed by another P-256 key, under the provider's key id: the signature does not hold.
        let forged = try P256Key().token(["iss": "https://id.example", "sub": "s", "aud": "c", "exp": 1_725_941_100, "nonce": "n"])
        await #expect(throws: IDTokenError.badSignature) {
            try await IDTokenVerifier.verify(forged, keys: jwks, issuer: "https://id.example", clientID: "c", nonce: "n", now: now)
        }
    }
}

/// A P-256 signing key with its JWK, for ES256 tokens.
struct P256Key {
    let key = P256.Signing.PrivateKey()

    var jwk: JSONWebKey {
        let raw = key.publicKey.rawRepresentation
        return JSONWebKey(kty: "EC", kid: "ec-1", alg: "ES256", use: "sig", n: nil, e: nil, crv: "P-256",
                          x: raw.prefix(32).base64URLEncodedString(), y: raw.suffix(32).base64URLEncodedString())
    }

    func token(_ claims: [String: Any]) throws -> String {
        let header = Data(#"{"alg":"ES256","kid":"ec-1"}"#.utf8).base64URLEncodedString()
        let payload = try JSONSerialization.data(withJSONObject: claims).base64URLEncodedString()
        let input = header + "." + payload
        let signature = try key.signature(for: Data(input.utf8))
        return input + "." + signature.rawRepresentation.base64URLEncodedString()
    }
}
