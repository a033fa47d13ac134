import Crypto
import Foundation
import Testing
@testable import TitleBridgeCredentials

/// Against the key pair of the W3C vc-di-eddsa test vectors (shared/vc-vectors).
@Suite("Ed25519 Multikey and base58-btc")
struct MultikeyTests {
    static let vectorPublic = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
    static let vectorPrivate = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq"

    @Test("The vector's private key gives the vector's public key")
    func vectorKeyPair() throws {
        let key = try #require(Ed25519Multikey(privateKeyMultibase: Self.vectorPrivate))
        #expect(key.publicKeyMultibase == Self.vectorPublic)
        #expect(key.privateKeyMultibase == Self.vectorPrivate)
        #expect(Ed25519Multikey.publicKey(fromMultibase: Self.vectorPublic)?.rawRepresentation
                == key.privateKey.publicKey.rawRepresentation)
    }

    @Test("base58-btc keeps leading zero bytes and refuses foreign characters")
    func base58() {
        #expect(Multibase.encodeBase58btc([0, 0, 1]) == "z112")
        #expect(Multibase.decodeBase58btc("z112") == [0, 0, 1])
        #expect(Multibase.encodeBase58btc(Array("Hello World!".utf8)) == "z2NEpo7TZRRrLZSi2U")
        #expect(Multibase.decodeBase58btc("z0OIl") == nil)
        #expect(Multibase.decodeBase58btc("f00") == nil)
        for _ in 0..<50 {
            let bytes = (0..<Int.random(in: 0...40)).map { _ in UInt8.random(in: 0...255) }
            #expect(Multibase.decodeBase58btc(Multibase.encodeBase58btc(bytes)) == bytes)
        }
    }

    @Test("A public key of another kind is refused")
    func wrongPrefix() {
        #expect(Ed25519Multikey.publicKey(fromMultibase: Self.vectorPrivate) == nil)
        #expect(Ed25519Multikey(privateKeyMultibase: Self.vectorPublic) == nil)
    }
}
