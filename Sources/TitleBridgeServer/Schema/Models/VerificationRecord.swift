import Fluent
import Foundation
import TitleBridgeCore

/// 查验 — one verification of an overseas certificate: a holder's request decided by a
/// verifier, or a result loaded from the verification platform's export.
final class VerificationRecord: Model, @unchecked Sendable {
    static let schema = "certificate_verifications"

    enum Source: String {
        case request
        case platformImport = "import"
    }

    @ID(key: .id) var id: UUID?
    /// The holder's account; nil for a platform result not yet claimed by an account.
    @OptionalField(key: "applicant_id") var applicantID: UUID?
    @Field(key: "certificate_item_id") var certificateItemID: String
    @Field(key: "certificate_number") var certificateNumber: String
    /// The holder's name as printed on the certificate.
    @Field(key: "holder_name") var holderName: String
    @OptionalField(key: "issued_on") var issuedOn: String?
    @OptionalField(key: "expires_on") var expiresOn: String?
    @OptionalField(key: "scan_file_id") var scanFileID: UUID?
    @OptionalField(key: "id_number_sealed") var idNumberSealed: String?
    @Field(key: "source") var source: String
    @Field(key: "status") var status: String
    @OptionalField(key: "decided_by") var decidedBy: UUID?
    @OptionalField(key: "decided_at") var decidedAt: Date?
    @OptionalField(key: "decision_reason") var decisionReason: String?
    /// The Shanghai day verification passed (ISO), against the batch's cut-off.
    @OptionalField(key: "passed_on") var passedOn: String?
    /// 查验编号, issued when it passes.
    @OptionalField(key: "verification_number") var verificationNumber: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var verificationStatus: VerificationStatus? { VerificationStatus(rawValue: status) }
    var passedDay: LocalDate? { passedOn.flatMap { LocalDate(iso: $0) } }
}
