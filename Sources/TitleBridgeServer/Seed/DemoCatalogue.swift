import Fluent
import Foundation
import TitleBridgeCore
import Vapor

/// Certificate items for the fields the bundled list lacks (biomedicine, information
/// technology, engineering), so the demo has files in all four fields. They are marked as demo
/// twice: in their names (“（演示）” / “(demo)”, with a `demo-` key) and as known from
/// secondary sources only (`evidence: secondary`, shown as “to be confirmed”) — never as items
/// of the official attachment, which an import adds beside them.
enum DemoCatalogue {
    static func items(policy: BatchPolicy) -> [CertificateItem] {
        let admitted = [policy.certificateList.itemClass]
        func item(_ id: String, _ name: LocalizedText, _ abbreviation: String, _ issuer: LocalizedText, _ country: LocalizedText,
                  _ field: CertificateField, _ levels: [TitleLevel]) -> CertificateItem {
            CertificateItem(id: id, name: LocalizedText(zh: name.zh + "（演示）", en: name.en + " (demo)"), abbreviation: abbreviation,
                            issuer: issuer, countryOrRegion: country, field: field, classes: admitted, titleSeries: .engineering,
                            levels: levels, evidence: .secondary)
        }
        let britain = LocalizedText(zh: "英国", en: "United Kingdom")
        let engineeringCouncil = LocalizedText(zh: "英国工程理事会", en: "Engineering Council")
        return [
            item("demo-cissp", LocalizedText(zh: "国际注册信息系统安全专家", en: "Certified Information Systems Security Professional"), "CISSP",
                 LocalizedText(zh: "国际信息系统安全认证联盟", en: "ISC2"), LocalizedText(zh: "美国", en: "United States"),
                 .informationTechnology, [.intermediate, .associateSenior]),
            item("demo-cbiol", LocalizedText(zh: "英国皇家生物学会特许生物学家", en: "Chartered Biologist, Royal Society of Biology"), "CBiol",
                 LocalizedText(zh: "英国皇家生物学会", en: "Royal Society of Biology"), britain, .biomedicine, [.intermediate, .associateSenior]),
            item("demo-rsci", LocalizedText(zh: "英国科学理事会注册科学家", en: "Registered Scientist, Science Council"), "RSci",
                 LocalizedText(zh: "英国科学理事会", en: "Science Council"), britain, .biomedicine, [.junior]),
            item("demo-ceng", LocalizedText(zh: "英国特许工程师", en: "Chartered Engineer, Engineering Council"), "CEng",
                 engineeringCouncil, britain, .engineeringTechnology, [.intermediate, .associateSenior]),
            item("demo-ieng", LocalizedText(zh: "英国注册工程师", en: "Incorporated Engineer, Engineering Council"), "IEng",
                 engineeringCouncil, britain, .engineeringTechnology, [.junior, .intermediate]),
        ]
    }

    /// Whether every demo item is in the catalogue already.
    static func isPresent(on database: any Database, policy: BatchPolicy) async throws -> Bool {
        let ids = items(policy: policy).map(\.id)
        return try await CertificateItemRecord.query(on: database).filter(\.$id ~~ ids).count() == ids.count
    }

    /// Adds the items the catalogue does not hold yet, one audit row each, as an import would.
    static func add(on app: Application, policy: BatchPolicy, by actor: AuditActor) async throws {
        let items = Self.items(policy: policy)
        let listVersion = policy.certificateList.version
        try await AuditLog.write(on: app.db, gate: app.security.auditGate, clock: app.domain.clock) { db in
            var entries: [AuditEntry] = []
            for item in items where try await CertificateItemRecord.find(item.id, on: db) == nil {
                let row = CertificateItemRecord()
                row.fill(from: item, listVersion: listVersion)
                try await row.create(on: db)
                entries.append(AuditEntry(actor: actor, action: "catalogue.add", recordType: "certificateItem", recordID: item.id,
                                          after: AuditLog.digest(item), reason: "demo item, not on the official list"))
            }
            return ((), entries)
        }
    }
}
