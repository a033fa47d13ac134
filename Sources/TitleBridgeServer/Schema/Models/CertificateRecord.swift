import Fluent
import Foundation
import TitleBridgeCore
import TitleBridgeCredentials

/// 职称电子证书 — one issued certificate: its fields, the signed credential exactly as issued,
/// its index in the revocation list and, once revoked, when, why and by whom.
final class CertificateRecord: Model, @unchecked Sendable {
    static let schema = "certificates"

    @ID(key: .id) var id: UUID?
    @Field(key: "number") var number: String
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "batch_id") var batchID: String
    @Field(key: "holder_id") var holderID: UUID
    @Field(key: "certificate_json") var certificateJSON: String
    @Field(key: "credential_json") var credentialJSON: String
    @Field(key: "status_index") var statusIndex: Int
    @Field(key: "key_id") var keyID: String
    @Field(key: "issued_at") var issuedAt: Date
    @OptionalField(key: "run_id") var runID: UUID?
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    @OptionalField(key: "revoked_reason") var revokedReason: String?
    @OptionalField(key: "revoked_by") var revokedBy: UUID?

    init() {}

    var certificate: TitleCertificate? { try? JSONDecoder().decode(TitleCertificate.self, from: Data(certificateJSON.utf8)) }
    var isRevoked: Bool { revokedAt != nil }
}

/// 批量发证 — one run of the bureau's issuing action: how many files it found, and how it went,
/// counted as it goes so the page can show its progress.
final class CertificateRunRecord: Model, @unchecked Sendable {
    static let schema = "certificate_runs"

    @ID(key: .id) var id: UUID?
    @Field(key: "batch_id") var batchID: String
    @Field(key: "document_number") var documentNumber: String
    @Field(key: "approved_on") var approvedOn: String
    @Field(key: "started_by") var startedBy: UUID
    @Field(key: "started_at") var startedAt: Date
    @Field(key: "total") var total: Int
    @Field(key: "issued") var issued: Int
    @Field(key: "skipped") var skipped: Int
    @Field(key: "failed") var failed: Int
    @OptionalField(key: "finished_at") var finishedAt: Date?

    init() {}
}
