import Fluent
import Foundation
import TitleBridgeCore

/// 异议 — one objection to a person on a result list, and the bureau's ruling. The objector's
/// contact is personal data, sealed like ID numbers; the address it came from is kept only as
/// a digest, to count objections per address.
final class ObjectionRecord: Model, @unchecked Sendable {
    static let schema = "objections"

    @ID(key: .id) var id: UUID?
    @Field(key: "receipt") var receipt: String
    @Field(key: "entry_id") var entryID: UUID
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "name") var name: String
    @Field(key: "contact_sealed") var contactSealed: String
    @Field(key: "reasons") var reasons: String
    @OptionalField(key: "evidence") var evidence: String?
    @Field(key: "client_key") var clientKey: String
    @Field(key: "submitted_at") var submittedAt: Date
    @Field(key: "outcome") var outcome: String
    @OptionalField(key: "ruling") var ruling: String?
    @OptionalField(key: "ruled_by") var ruledBy: UUID?
    @OptionalField(key: "ruled_at") var ruledAt: Date?

    init() {}

    var status: ObjectionOutcome { ObjectionOutcome(rawValue: outcome) ?? .open }
}
