import Crypto
import Foundation
import TitleBridgeCore

/// 职称电子证书 — what the electronic title certificate states (四(八)): the number, the holder
/// (name, ID number masked), the series and title, the specialty, the committee that recognised
/// it, the day of approval and the bureau's document number.
public struct TitleCertificate: Codable, Sendable, Equatable {
    public var number: String
    public var holderName: String
    public var maskedIDNumber: String
    public var series: LocalizedText
    public var title: LocalizedText
    public var specialty: LocalizedText?
    public var committee: LocalizedText
    /// ISO day, `2024-11-15`.
    public var approvedOn: String
    public var documentNumber: String

    public init(number: String, holderName: String, maskedIDNumber: String, series: LocalizedText, title: LocalizedText,
                specialty: LocalizedText?, committee: LocalizedText, approvedOn: String, documentNumber: String) {
        self.number = number
        self.holderName = holderName
        self.maskedIDNumber = maskedIDNumber
        self.series = series
        self.title = title
        self.specialty = specialty
        self.committee = committee
        self.approvedOn = approvedOn
        self.documentNumber = documentNumber
    }
}

/// The certificate as a W3C Verifiable Credential 2.0, signed with `eddsa-jcs-2022`, with its
/// entry in the issuer's revocation list; the list itself as a signed credential; and the
/// issuer's controller document that makes the signing keys resolvable.
public enum TitleCredential {
    public static let credentialsContext = "https://www.w3.org/ns/credentials/v2"
    public static let credentialType = "TitleCertificateCredential"

    /// Where the certificate's status is kept: the list's credential and the certificate's index in it.
    public struct StatusEntry: Sendable, Equatable {
        public let listCredential: String
        public let index: Int

        public init(listCredential: String, index: Int) {
            self.listCredential = listCredential
            self.index = index
        }
    }

    /// The issuer: its controller document's URL (the `issuer` of every credential) and the
    /// key signing now, named `<issuer>#<key id>`.
    public struct Issuer: Sendable {
        public let id: String
        public let keyID: String
        public let key: Curve25519.Signing.PrivateKey

        public init(id: String, keyID: String, key: Curve25519.Signing.PrivateKey) {
            self.id = id
            self.keyID = keyID
            self.key = key
        }

        public var verificationMethod: String { id + "#" + keyID }
    }

    /// A text in Chinese and English, as the credential carries it.
    static func json(_ text: LocalizedText) -> JSONValue {
        .object([("zh", .string(text.zh)), ("en", .string(text.en))])
    }

    /// The unsigned credential of a certificate.
    public static func unsigned(_ certificate: TitleCertificate, id: String, issuer: String, validFrom: String,
                                status: StatusEntry) -> JSONValue {
        var subject: [(String, JSONValue)] = [
            ("type", .string("TitleHolder")),
            ("name", .string(certificate.holderName)),
            ("identityNumberMasked", .string(certificate.maskedIDNumber)),
            ("certificateNumber", .string(certificate.number)),
            ("series", json(certificate.series)),
            ("title", json(certificate.title)),
            ("committee", json(certificate.committee)),
            ("approvedOn", .string(certificate.approvedOn)),
            ("documentNumber", .string(certificate.documentNumber)),
        ]
        if let specialty = certificate.specialty { subject.append(("specialty", json(specialty))) }
        return .object([
            ("@context", .array([.string(credentialsContext)])),
            ("id", .string(id)),
            ("type", .array([.string("VerifiableCredential"), .string(credentialType)])),
            ("issuer", .string(issuer)),
            ("validFrom", .string(validFrom)),
            ("credentialSubject", .object(subject)),
            ("credentialStatus", .object([
                ("id", .string(status.listCredential + "#" + String(status.index))),
                ("type", .string("BitstringStatusListEntry")),
                ("statusPurpose", .string("revocation")),
                ("statusListIndex", .string(String(status.index))),
                ("statusListCredential", .string(status.listCredential)),
            ])),
        ])
    }

    /// The signed credential of a certificate.
    public static func issue(_ certificate: TitleCertificate, id: String, validFrom: String, status: StatusEntry,
                             by issuer: Issuer) throws -> JSONValue {
        try EddsaJcs2022.sign(unsigned(certificate, id: id, issuer: issuer.id, validFrom: validFrom, status: status),
                              options: .init(verificationMethod: issuer.verificationMethod, created: validFrom), key: issuer.key)
    }

    /// The revocation list as a signed `BitstringStatusListCredential`.
    public static func statusListCredential(_ list: BitstringStatusList, id: String, validFrom: String, by issuer: Issuer) throws -> JSONValue {
        let unsigned: JSONValue = .object([
            ("@context", .array([.string(credentialsContext)])),
            ("id", .string(id)),
            ("type", .array([.string("VerifiableCredential"), .string("BitstringStatusListCredential")])),
            ("issuer", .string(issuer.id)),
            ("validFrom", .string(validFrom)),
            ("credentialSubject", .object([
                ("id", .string(id + "#list")),
                ("type", .string("BitstringStatusList")),
                ("statusPurpose", .string("revocation")),
                ("encodedList", .string(try list.encoded())),
            ])),
        ])
        return try EddsaJcs2022.sign(unsigned, options: .init(verificationMethod: issuer.verificationMethod, created: validFrom),
                                     key: issuer.key)
    }

    /// The issuer's controller document (Controlled Identifiers v1.0): every key it has signed
    /// with, retired ones too, so old certificates keep verifying.
    public static func controllerDocument(id: String, keys: [(id: String, publicKeyMultibase: String)]) -> JSONValue {
        .object([
            ("@context", .array([.string("https://www.w3.org/ns/cid/v1")])),
            ("id", .string(id)),
            ("verificationMethod", .array(keys.map { key in
                .object([("id", .string(id + "#" + key.id)), ("type", .string("Multikey")), ("controller", .string(id)),
                         ("publicKeyMultibase", .string(key.publicKeyMultibase))])
            })),
            ("assertionMethod", .array(keys.map { .string(id + "#" + $0.id) })),
        ])
    }
}

extension TitleCertificate {
    /// The issuing authority as the certificate names it.
    public static let issuerName = LocalizedText(zh: "上海市人力资源和社会保障局", en: "Shanghai Municipal Human Resources and Social Security Bureau")

    /// The certificate's fields as the printed page lists them, each label and value in Chinese
    /// then English.
    public var printedRows: [(label: String, value: String)] {
        func both(_ text: LocalizedText) -> String { text.zh == text.en ? text.zh : text.zh + " " + text.en }
        let approved = LocalDate(iso: approvedOn).map { LocalizedText(zh: DateText.long($0, in: .zh), en: DateText.long($0, in: .en)) }
        var rows: [(label: String, value: String)] = [
            ("证书编号 Certificate No.", number),
            ("姓名 Name", holderName),
            ("证件号码 ID number", maskedIDNumber),
            ("系列 Series", both(series)),
            ("职称 Title", both(title)),
        ]
        if let specialty { rows.append(("专业 Specialty", both(specialty))) }
        rows += [
            ("认定委员会 Committee", both(committee)),
            ("批准日期 Approved on", approved.map(both) ?? approvedOn),
            ("文号 Document No.", documentNumber),
        ]
        return rows
    }
}
