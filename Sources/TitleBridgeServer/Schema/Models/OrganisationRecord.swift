import Fluent
import Foundation
import TitleBridgeCore

/// 单位 / 部门 — an organisation taking part in the procedure.
final class OrganisationRecord: Model, @unchecked Sendable {
    static let schema = "organisations"

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    @Field(key: "name_zh") var nameZh: String
    @Field(key: "name_en") var nameEn: String
    /// 统一社会信用代码, for employers.
    @OptionalField(key: "credit_code") var creditCode: String?
    /// 主管部门 of a public institution.
    @OptionalField(key: "supervising_id") var supervisingID: UUID?
    /// The field an industry authority looks after.
    @OptionalField(key: "field") var field: String?
    @OptionalField(key: "contact_phone") var contactPhone: String?
    @OptionalField(key: "address") var address: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(id: UUID? = nil, kind: OrganisationKind, name: LocalizedText, creditCode: String?, supervisingID: UUID?,
         field: String? = nil, createdAt: Date) {
        self.id = id
        self.kind = kind.rawValue
        self.nameZh = name.zh
        self.nameEn = name.en
        self.creditCode = creditCode
        self.supervisingID = supervisingID
        self.field = field
        self.createdAt = createdAt
    }

    /// The units an applicant chooses an employer from, in the employer step and in the API:
    /// enterprises and public institutions, by Chinese name.
    static func employerChoices(on database: any Database) async throws -> [OrganisationRecord] {
        try await OrganisationRecord.query(on: database)
            .filter(\.$kind ~~ OrganisationKind.allCases.filter(\.isEmployer).map(\.rawValue)).sort(\.$nameZh).all()
    }

    var name: LocalizedText { LocalizedText(zh: nameZh, en: nameEn) }
    var organisationKind: OrganisationKind? { OrganisationKind(rawValue: kind) }
    var facts: UnitFacts? { id.map { UnitFacts(id: $0, supervisingID: supervisingID) } }
}
