import Fluent
import Foundation
import TitleBridgeCore
import Vapor

/// The certificate catalogue as the database holds it: the shipped seed items, then whatever
/// the bureau imports. An import is all or nothing: the whole file is checked first, then
/// written in one transaction with one audit row per item it adds or changes.
struct CatalogueStore {
    let database: any Database
    let app: Application

    init(app: Application, database: (any Database)? = nil) {
        self.app = app
        self.database = database ?? app.db
    }

    struct ImportSummary: Content {
        let added: Int
        let changed: Int
        let unchanged: Int
    }

    func items() async throws -> [CertificateItem] {
        try await CertificateItemRecord.query(on: database).sort(\.$id).all().compactMap(\.item)
    }

    func export() async throws -> Data {
        CSVTable.write(header: CatalogueTable.columns, rows: CatalogueTable.rows(try await items()))
    }

    /// Checks `data` as a catalogue CSV and writes it; a problem throws before any write.
    func importCSV(_ data: Data, listVersion: String, by actor: AuditActor) async throws -> ImportSummary {
        let items: [CertificateItem]
        let admittedClass = try app.domain.currentPolicy.certificateList.itemClass
        do throws(TableProblem) {
            items = try CatalogueTable.items(from: try CSVTable.parse(data), admittedClass: admittedClass)
        } catch {
            throw APIProblem.table(error, code: "catalogue_rejected")
        }
        return try await AuditLog.write(on: database, gate: app.security.auditGate, clock: app.domain.clock) { db in
            var added = 0, changed = 0, unchanged = 0
            var entries: [AuditEntry] = []
            for item in items {
                let existing = try await CertificateItemRecord.find(item.id, on: db)
                let before = existing?.item.map(AuditLog.digest)
                let after = AuditLog.digest(item)
                if before == after { unchanged += 1; continue }
                let row = existing ?? CertificateItemRecord()
                row.fill(from: item, listVersion: listVersion)
                try await row.save(on: db)
                if existing == nil { added += 1 } else { changed += 1 }
                entries.append(AuditEntry(actor: actor, action: existing == nil ? "catalogue.add" : "catalogue.change",
                                          recordType: "certificateItem", recordID: item.id, before: before, after: after))
            }
            return (ImportSummary(added: added, changed: changed, unchanged: unchanged), entries)
        }
    }
}

extension CertificateItemRecord {
    /// The row as the core's item; nil when a stored value is no longer known.
    var item: CertificateItem? {
        guard let id, let field = CertificateField(rawValue: field), let series = TitleSeries(rawValue: titleSeries),
              let evidence = CertificateItem.Evidence(rawValue: evidence) else { return nil }
        return CertificateItem(
            id: id, name: LocalizedText(zh: nameZh, en: nameEn), abbreviation: abbreviation,
            issuer: LocalizedText(zh: issuerZh, en: issuerEn), countryOrRegion: LocalizedText(zh: countryZh, en: countryEn),
            field: field, classes: classes.split(separator: ",").map(String.init), titleSeries: series,
            levels: levels.split(separator: ",").compactMap { TitleLevel(rawValue: String($0)) }, evidence: evidence)
    }

    func fill(from item: CertificateItem, listVersion: String) {
        id = item.id
        self.listVersion = listVersion
        nameZh = item.name.zh
        nameEn = item.name.en
        abbreviation = item.abbreviation
        issuerZh = item.issuer.zh
        issuerEn = item.issuer.en
        countryZh = item.countryOrRegion.zh
        countryEn = item.countryOrRegion.en
        field = item.field.rawValue
        titleSeries = item.titleSeries.rawValue
        levels = item.levels.map(\.rawValue).joined(separator: ",")
        classes = item.classes.joined(separator: ",")
        evidence = item.evidence.rawValue
    }
}

extension CertificateItem: Content {}
