import Fluent
import Foundation
import TitleBridgeCore

/// 认定委员会委员 — an expert of the committee: the fields the expert judges and the employer
/// the expert works for (an expert of the applicant's employer is recused from that file).
final class CommitteeMemberRecord: Model, @unchecked Sendable {
    static let schema = "committee_members"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    /// The certificate fields of expertise (`CertificateField` raw values), as a JSON array.
    @Field(key: "fields_json") var fieldsJSON: String
    @OptionalField(key: "employer_id") var employerID: UUID?
    @Field(key: "employer_name") var employerName: String
    @Field(key: "joined_at") var joinedAt: Date

    init() {}

    var fields: [CertificateField] {
        ((try? JSONDecoder().decode([String].self, from: Data(fieldsJSON.utf8))) ?? []).compactMap(CertificateField.init(rawValue:))
    }
}
