import Fluent
import Foundation

/// 清单项目 as stored: one row per certificate item of one list version.
final class CertificateItemRecord: Model, @unchecked Sendable {
    static let schema = "certificate_items"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "list_version") var listVersion: String
    @Field(key: "name_zh") var nameZh: String
    @Field(key: "name_en") var nameEn: String
    @Field(key: "abbreviation") var abbreviation: String
    @Field(key: "issuer_zh") var issuerZh: String
    @Field(key: "issuer_en") var issuerEn: String
    @Field(key: "country_zh") var countryZh: String
    @Field(key: "country_en") var countryEn: String
    @Field(key: "field") var field: String
    @Field(key: "title_series") var titleSeries: String
    /// Comma-separated levels, e.g. `intermediate,associateSenior`.
    @Field(key: "levels") var levels: String
    /// Comma-separated list classes, e.g. `A,B,C`.
    @Field(key: "classes") var classes: String
    @Field(key: "evidence") var evidence: String

    init() {}
}
