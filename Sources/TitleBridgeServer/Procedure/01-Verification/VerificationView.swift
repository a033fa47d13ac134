import Fluent
import TitleBridgeCore
import Vapor

/// A verification as the API shows it, with what it means for the current batch.
struct VerificationView: Content {
    struct BatchUse: Content {
        let batch: String
        let qualifies: Bool
        let citation: String
        let message: LocalizedText
    }

    let id: UUID
    let certificateCode: String
    let certificateName: LocalizedText?
    let certificateNumber: String
    let holderName: String
    let issuedOn: String?
    let expiresOn: String?
    let status: VerificationStatus
    let source: String
    let passedOn: String?
    let verificationNumber: String?
    let decisionReason: String?
    let scan: String?
    /// Whether this verification meets 四(一) of the current batch (from the eligibility engine).
    let currentBatch: BatchUse?

    init(_ record: VerificationRecord, item: CertificateItemRecord?, policy: BatchPolicy?) throws {
        id = try record.requireID()
        certificateCode = record.certificateItemID
        certificateName = item.map { LocalizedText(zh: $0.nameZh, en: $0.nameEn) }
        certificateNumber = record.certificateNumber
        holderName = record.holderName
        issuedOn = record.issuedOn
        expiresOn = record.expiresOn
        status = record.verificationStatus ?? .submitted
        source = record.source
        passedOn = record.passedOn
        verificationNumber = record.verificationNumber
        decisionReason = record.decisionReason
        scan = record.scanFileID.map { SiteURL.file.path($0.uuidString) }
        currentBatch = policy.map { policy in
            let clause = EligibilityEngine.verificationClause(verifiedOn: record.passedDay, policy: policy)
            return BatchUse(batch: policy.id, qualifies: clause.outcome == .pass, citation: clause.citation, message: clause.message)
        }
    }

    /// Views of `records` with their catalogue items, in one query for the items.
    static func list(_ records: [VerificationRecord], request: Request) async throws -> [VerificationView] {
        let codes = Set(records.map(\.certificateItemID))
        let items = try await CertificateItemRecord.query(on: request.db).filter(\.$id ~~ Array(codes)).all()
        let byCode = Dictionary(items.compactMap { item in item.id.map { ($0, item) } }, uniquingKeysWith: { first, _ in first })
        let policy = try? request.domain.currentPolicy
        return try records.map { try VerificationView($0, item: byCode[$0.certificateItemID], policy: policy) }
    }
}
