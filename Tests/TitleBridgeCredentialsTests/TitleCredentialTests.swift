import Crypto
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeCredentials

/// 职称电子证书 as a Verifiable Credential: issued, checked step by step, revoked through the
/// status list, and still verifiable after its key is retired.
@Suite("Title certificate credential — issue, verify each step, revoke")
struct TitleCredentialTests {
    static let issuerID = "https://titlebridge.example/issuer"
    static let listID = "https://titlebridge.example/status/1"

    static let certificate = TitleCertificate(
        number: "SH-ZC-2024-000001", holderName: "王嘉怡", maskedIDNumber: "3101**********2423",
        series: LocalizedText(zh: "会计", en: "Accounting"), title: LocalizedText(zh: "高级会计师", en: "Senior Accountant"),
        specialty: LocalizedText(zh: "财务管理", en: "Financial management"), committee: LocalizedText(zh: "上海市专业技术人才职称考核认定委员会（境外职业资格）",
                                                  en: "Shanghai Professional Title Recognition Committee (Overseas Professional Qualifications)"),
        approvedOn: "2024-10-28", documentNumber: "沪人社专〔2024〕999号")

    static func issued(index: Int = 94567) throws -> (JSONValue, TitleCredential.Issuer) {
        let issuer = TitleCredential.Issuer(id: issuerID, keyID: "key-2024", key: Curve25519.Signing.PrivateKey())
        let credential = try TitleCredential.issue(certificate, id: "https://titlebridge.example/certificates/SH-ZC-2024-000001",
                                                   validFrom: "2024-10-28T00:00:00Z",
                                                   status: .init(listCredential: listID, index: index), by: issuer)
        return (credential, issuer)
    }

    @Test("An issued certificate passes every step: format, signature, issuer, validity, status")
    func valid() throws {
        let (credential, issuer) = try Self.issued()
        let report = CredentialVerifier.verify(credential, publicKey: { $0 == issuer.verificationMethod ? issuer.key.publicKey : nil },
                                               statusList: BitstringStatusList(), now: "2024-11-30T08:00:00Z")
        #expect(report.steps.map(\.0) == CredentialVerifier.Step.allCases)
        #expect(report.isValid)
        #expect(credential["credentialSubject"]?["title"]?["zh"]?.stringValue == "高级会计师")
        #expect(credential["credentialStatus"]?["statusListIndex"]?.stringValue == "94567")
    }

    @Test("A changed holder, title or date fails the signature step; later steps are not checked")
    func tampered() throws {
        let (credential, issuer) = try Self.issued()
        let keys: (String) -> Curve25519.Signing.PublicKey? = { $0 == issuer.verificationMethod ? issuer.key.publicKey : nil }
        let subject = try #require(credential["credentialSubject"])
        for changed in [subject.setting("name", to: .string("王嘉仪")),
                        subject.setting("title", to: TitleCredential.json(LocalizedText(zh: "正高级会计师", en: "Professor of Accounting"))),
                        subject.setting("approvedOn", to: .string("2024-10-29"))] {
            let report = CredentialVerifier.verify(credential.setting("credentialSubject", to: changed), publicKey: keys,
                                                   statusList: BitstringStatusList(), now: "2024-11-30T08:00:00Z")
            #expect(report.result(of: .format) == .passed && report.result(of: .signature) == .failed)
            #expect(report.result(of: .status) == .notChecked && !report.isValid)
        }
    }

    @Test("Any one character of the stored credential changed — subject, status entry, proof options or the signature itself — and it no longer verifies")
    func everyCharacterCounts() throws {
        let (credential, issuer) = try Self.issued()
        let keys: (String) -> Curve25519.Signing.PublicKey? = { $0 == issuer.verificationMethod ? issuer.key.publicKey : nil }
        let stored = Array(CanonicalJSON.serialize(credential))
        var checked = 0
        for index in stored.indices {
            var copy = stored
            // A different character of the same kind, so most changes still parse as JSON.
            copy[index] = copy[index] == "0" ? "1" : copy[index].isNumber ? "0" : copy[index] == "a" ? "b" : copy[index].isLetter ? "a" : copy[index]
            guard copy != stored, let changed = try? CanonicalJSON.parse(String(copy)) else { continue }
            let report = CredentialVerifier.verify(changed, publicKey: keys, statusList: BitstringStatusList(), now: "2024-11-30T08:00:00Z")
            #expect(!report.isValid, "still valid with character \(index) changed")
            checked += 1
        }
        #expect(checked > stored.count / 2, "most characters were changed and checked (\(checked) of \(stored.count))")
    }

    @Test("Revoked: the certificate's bit set in the signed list; the list credential itself verifies")
    func revoked() throws {
        let (credential, issuer) = try Self.issued(index: 4242)
        var list = BitstringStatusList()
        list[4242] = true
        let listCredential = try TitleCredential.statusListCredential(list, id: Self.listID, validFrom: "2024-11-01T00:00:00Z", by: issuer)
        try EddsaJcs2022.verify(listCredential, publicKey: issuer.key.publicKey)
        let read = try BitstringStatusList(encoded: try #require(listCredential["credentialSubject"]?["encodedList"]?.stringValue))
        let report = CredentialVerifier.verify(credential, publicKey: { _ in issuer.key.publicKey }, statusList: read,
                                               now: "2024-11-30T08:00:00Z")
        #expect(report.isRevoked && !report.isValid)
        #expect(report.result(of: .signature) == .passed)
        // Without the list the status is not checked, and the certificate is not called valid.
        let unknown = CredentialVerifier.verify(credential, publicKey: { _ in issuer.key.publicKey }, statusList: nil, now: "2024-11-30T08:00:00Z")
        #expect(unknown.result(of: .status) == .notChecked && !unknown.isValid)
    }

    @Test("A retired key still verifies what it signed; the controller document lists every key")
    func retiredKey() throws {
        let (old, oldIssuer) = try Self.issued()
        let newIssuer = TitleCredential.Issuer(id: Self.issuerID, keyID: "key-2025", key: Curve25519.Signing.PrivateKey())
        let controller = TitleCredential.controllerDocument(id: Self.issuerID, keys: [
            ("key-2024", Ed25519Multikey(privateKey: oldIssuer.key).publicKeyMultibase),
            ("key-2025", Ed25519Multikey(privateKey: newIssuer.key).publicKeyMultibase),
        ])
        // Resolve a method as a verifier would: from the controller document.
        func resolve(_ method: String) -> Curve25519.Signing.PublicKey? {
            guard case .array(let methods)? = controller["verificationMethod"] else { return nil }
            return methods.first { $0["id"]?.stringValue == method }?["publicKeyMultibase"]?.stringValue
                .flatMap(Ed25519Multikey.publicKey(fromMultibase:))
        }
        #expect(CredentialVerifier.verify(old, publicKey: resolve, statusList: BitstringStatusList(), now: "2025-03-01T00:00:00Z").isValid)
    }

    @Test("The issuer step: the vector's credential is signed by a key its issuer does not control; a certificate not yet valid fails validity")
    func issuerAndValidity() throws {
        let url = try #require(Bundle.module.url(forResource: "Vectors", withExtension: nil))
        let vector = try CanonicalJSON.parse(Array(try Data(contentsOf: url.appendingPathComponent("vc-di-eddsa/eddsa-jcs-2022/signedJCS.json"))))
        let key = Ed25519Multikey.publicKey(fromMultibase: "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2")
        let report = CredentialVerifier.verify(vector, publicKey: { _ in key }, statusList: nil, now: "2024-01-01T00:00:00Z")
        #expect(report.result(of: .signature) == .passed && report.result(of: .issuer) == .failed)

        let (credential, issuer) = try Self.issued()
        let early = CredentialVerifier.verify(credential, publicKey: { _ in issuer.key.publicKey }, statusList: BitstringStatusList(),
                                              now: "2024-10-27T23:59:59Z")
        #expect(early.result(of: .validity) == .failed && !early.isValid)
    }
}
