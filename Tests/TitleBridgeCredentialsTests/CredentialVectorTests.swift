import Crypto
import Foundation
import Testing
@testable import TitleBridgeCredentials

/// The specifications' own test vectors (Vectors/SOURCE.md), reproduced byte for byte: RFC 8785
/// canonical JSON, the eddsa-jcs-2022 chain from the unsigned credential to the signed one, and
/// the Bitstring Status List examples.
@Suite("Credentials — RFC 8785, eddsa-jcs-2022 and Bitstring Status List against their vectors")
struct CredentialVectorTests {
    static func vector(_ path: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: "Vectors", withExtension: nil)).appendingPathComponent(path)
        return Array(try Data(contentsOf: url))
    }

    static func text(_ path: String) throws -> String {
        String(decoding: try vector(path), as: UTF8.self)
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    static let canonicalisationCases = ["arrays", "french", "structures", "unicode", "values", "weird"]

    @Test("RFC 8785: each input of the scheme's test data canonicalises to its output, byte for byte", arguments: canonicalisationCases)
    func canonicalisation(_ name: String) throws {
        let input = try Self.vector("json-canonicalization/input/\(name).json")
        let expected = try Self.vector("json-canonicalization/output/\(name).json")
        #expect(CanonicalJSON.canonicalBytes(try CanonicalJSON.parse(input)) == expected)
        // The canonical form is a fixed point.
        #expect(CanonicalJSON.canonicalBytes(try CanonicalJSON.parse(expected)) == expected)
    }

    struct NumberRow: CustomTestStringConvertible, Sendable {
        let bits: UInt64
        let text: String
        var testDescription: String { text }
    }

    /// ECMAScript's number form at its boundaries (RFC 8785 Appendix B's table, and the switch
    /// points between plain and exponent notation at 1e21 and 1e-7).
    static let numbers: [NumberRow] = [
        NumberRow(bits: 0x0000_0000_0000_0000, text: "0"),
        NumberRow(bits: 0x8000_0000_0000_0000, text: "0"),
        NumberRow(bits: 0x0000_0000_0000_0001, text: "5e-324"),
        NumberRow(bits: 0x8000_0000_0000_0001, text: "-5e-324"),
        NumberRow(bits: 0x7FEF_FFFF_FFFF_FFFF, text: "1.7976931348623157e+308"),
        NumberRow(bits: 0x4340_0000_0000_0000, text: "9007199254740992"),
        NumberRow(bits: 0x4430_0000_0000_0000, text: "295147905179352830000"),
        NumberRow(bits: 0x44B5_2D02_C7E1_4AF6, text: "1e+23"),
        NumberRow(bits: 0x4415_AF1D_78B5_8C40, text: "100000000000000000000"),
        NumberRow(bits: 0x444B_1AE4_D6E2_EF50, text: "1e+21"),
        NumberRow(bits: 0x3EB0_C6F7_A0B5_ED8D, text: "0.000001"),
        NumberRow(bits: 0x3E7A_D7F2_9ABC_AF48, text: "1e-7"),
        NumberRow(bits: 0x3FD5_5555_5555_5555, text: "0.3333333333333333"),
        NumberRow(bits: 0x4024_0000_0000_0000, text: "10"),
    ]

    @Test("Numbers are written as ECMAScript writes them", arguments: numbers)
    func number(_ row: NumberRow) {
        #expect(ECMAScriptNumber.text(Double(bitPattern: row.bits)) == row.text)
    }

    @Test("What cannot be canonicalised is refused: duplicate names, lone surrogates, numbers out of range, trailing text")
    func refusals() {
        for text in [#"{"a":1,"a":2}"#, #""\ud800""#, #""\udc00x""#, "1e400", "[1,]", "{} x", "01", #""\x""#] {
            #expect(throws: CanonicalJSON.ParseError.self, "\(text)") { try CanonicalJSON.parse(text) }
        }
    }

    @Test("eddsa-jcs-2022: the canonical document, the proof configuration, their hashes, the signature and the signed credential of the vectors")
    func eddsaChain() throws {
        let key = try #require(Ed25519Multikey(privateKeyMultibase: try CanonicalJSON.parse(try Self.vector("vc-di-eddsa/keyPair.json"))["privateKeyMultibase"]?.stringValue ?? ""))
        let unsigned = try CanonicalJSON.parse(try Self.vector("vc-di-eddsa/unsigned.json"))
        let vectorConfig = try CanonicalJSON.parse(try Self.vector("vc-di-eddsa/eddsa-jcs-2022/proofConfigJCS.json"))
        let options = EddsaJcs2022.ProofOptions(verificationMethod: try #require(vectorConfig["verificationMethod"]?.stringValue),
                                                created: try #require(vectorConfig["created"]?.stringValue),
                                                proofPurpose: try #require(vectorConfig["proofPurpose"]?.stringValue))
        let config = EddsaJcs2022.proofConfig(options, for: unsigned)
        #expect(config == vectorConfig)

        let hashes = EddsaJcs2022.hashes(document: unsigned, proofConfig: config)
        #expect(hashes.canonicalDocument == (try Self.text("vc-di-eddsa/eddsa-jcs-2022/canonDocJCS.txt")))
        #expect(hashes.canonicalProofConfig == (try Self.text("vc-di-eddsa/eddsa-jcs-2022/proofCanonJCS.txt")))
        #expect(Self.hex(hashes.documentHash) == (try Self.text("vc-di-eddsa/eddsa-jcs-2022/docHashJCS.txt")))
        #expect(Self.hex(hashes.proofConfigHash) == (try Self.text("vc-di-eddsa/eddsa-jcs-2022/proofHashJCS.txt")))
        #expect(Self.hex(hashes.combined) == (try Self.text("vc-di-eddsa/eddsa-jcs-2022/combinedHashJCS.txt")))

        let signed = try EddsaJcs2022.sign(unsigned, options: options, key: key.privateKey)
        let proofValue = try #require(signed["proof"]?["proofValue"]?.stringValue)
        #expect(proofValue == (try Self.text("vc-di-eddsa/eddsa-jcs-2022/sigBTC58JCS.txt")))
        #expect(Self.hex(Array(try #require(Multibase.decodeBase58btc(proofValue))))
                == (try Self.text("vc-di-eddsa/eddsa-jcs-2022/sigHexJCS.txt")))
        let vectorSigned = try CanonicalJSON.parse(try Self.vector("vc-di-eddsa/eddsa-jcs-2022/signedJCS.json"))
        #expect(CanonicalJSON.serialize(signed) == CanonicalJSON.serialize(vectorSigned))

        // The vector's signed credential verifies with the key its method names, and returns the unsigned one.
        let publicKey = try #require(Ed25519Multikey.publicKey(fromMultibase: key.publicKeyMultibase))
        #expect(try EddsaJcs2022.verify(vectorSigned, publicKey: publicKey) == unsigned)
    }

    @Test("Changing any signed byte breaks the proof: a member, the proof's options, the signature, another key")
    func tampering() throws {
        let key = Ed25519Multikey()
        let document = try CanonicalJSON.parse(#"{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],"credentialSubject":{"name":"王嘉怡","title":"高级会计师"}}"#)
        let options = EddsaJcs2022.ProofOptions(verificationMethod: "https://example.test/keys#k1", created: "2024-11-01T00:00:00Z")
        let signed = try EddsaJcs2022.sign(document, options: options, key: key.privateKey)
        let publicKey = key.privateKey.publicKey
        try EddsaJcs2022.verify(signed, publicKey: publicKey)

        let bytes = Array(CanonicalJSON.serialize(signed).utf8)
        var broken = 0, checked = 0
        // Every byte inside the credential's values, changed to another letter, fails verification.
        for index in bytes.indices where bytes[index] >= UInt8(ascii: "a") && bytes[index] <= UInt8(ascii: "z") {
            var changed = bytes
            changed[index] = bytes[index] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
            guard let value = try? CanonicalJSON.parse(changed) else { continue }
            checked += 1
            do { try EddsaJcs2022.verify(value, publicKey: publicKey) } catch { broken += 1 }
        }
        #expect(checked > 100 && broken == checked, "\(broken) of \(checked) changes broke the proof")
        #expect(throws: EddsaJcs2022.Failure.badSignature) {
            try EddsaJcs2022.verify(signed, publicKey: Ed25519Multikey().privateKey.publicKey)
        }
        #expect(throws: EddsaJcs2022.Failure.noProof) { try EddsaJcs2022.verify(document, publicKey: publicKey) }
    }

    @Test("Bitstring Status List: the examples' list is 16 KB of zeros, and zlib writes exactly their encodedList for it")
    func statusListExample() throws {
        let credential = try CanonicalJSON.parse(try Self.vector("vc-bitstring-status-list/status-list-credential.json"))
        let encoded = try #require(credential["credentialSubject"]?["encodedList"]?.stringValue)
        let list = try BitstringStatusList(encoded: encoded)
        #expect(list.count == BitstringStatusList.minimumBits && list.bytes.allSatisfy { $0 == 0 })
        #expect(try BitstringStatusList().encoded() == encoded)

        // The revocable credential's entry points into that list at its index.
        let entry = try #require(try CanonicalJSON.parse(try Self.vector("vc-bitstring-status-list/revocable-credential.json"))["credentialStatus"])
        #expect(entry["type"]?.stringValue == "BitstringStatusListEntry")
        #expect(entry["statusListCredential"]?.stringValue == credential["id"]?.stringValue)
        let index = try #require(Int(entry["statusListIndex"]?.stringValue ?? ""))
        #expect(list[index] == false)
    }

    @Test("Setting a bit survives encoding; index 0 is the first byte's high bit; a short or foreign list is refused")
    func statusListBits() throws {
        var list = BitstringStatusList()
        list[94567] = true
        list[0] = true
        #expect(list.bytes[0] == 0x80)
        let read = try BitstringStatusList(encoded: try list.encoded())
        #expect(read[94567] && read[0] && !read[94566] && !read[94568])
        #expect(read == list)
        let short = "u" + BitstringStatusList.base64url(try BitstringStatusList.gzip([UInt8](repeating: 0, count: 1024)))
        #expect(throws: BitstringStatusList.Failure.tooShort) { try BitstringStatusList(encoded: short) }
        #expect(throws: BitstringStatusList.Failure.notBase64url) { try BitstringStatusList(encoded: "zAbc") }
        #expect(throws: BitstringStatusList.Failure.notGzip) { try BitstringStatusList(encoded: "uAAAAAAAAAAAAAAAAAAAAAAAAAAA") }
    }
}
