import Fluent
import Foundation
import TitleBridgeCore

/// What the system needs to be usable, whatever else the database holds: the batch policies,
/// the certificate catalogue and the holiday calendar. Runs at every start and brings the
/// policy and calendar rows in line with the shipped data files, so it is safe to run again.
enum SystemSeed {
    static func run(on database: any Database, services: DomainServices) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]

        try await database.transaction { db in
            for policy in services.policies.values.sorted(by: { $0.id < $1.id }) {
                let found = try await BatchRecord.find(policy.id, on: db)
                // A batch made in the administration is kept as it was made; a file never replaces it.
                if found?.source == BatchRecord.fromForm { continue }
                let row = found ?? BatchRecord()
                row.id = policy.id
                row.nameZh = policy.name.zh
                row.nameEn = policy.name.en
                row.noticeDocument = policy.notice.document
                row.policyJSON = String(decoding: try encoder.encode(policy), as: UTF8.self)
                if found == nil { row.source = BatchRecord.fromFile; row.isCurrent = false }
                try await row.save(on: db)
            }
            try await BatchAdministration.restore(services.batches, on: db)

            // Seed items fill an empty catalogue; they never overwrite what the bureau imported.
            for catalogue in services.catalogues {
                for item in catalogue.items where try await CertificateItemRecord.find(item.id, on: db) == nil {
                    let row = CertificateItemRecord()
                    row.fill(from: item, listVersion: catalogue.listVersion)
                    try await row.create(on: db)
                }
            }

            for year in services.calendar.years.values.sorted(by: { $0.year < $1.year }) {
                let row = try await HolidayYearRecord.find(year.year, on: db) ?? HolidayYearRecord()
                row.id = year.year
                row.sourceTitle = year.source.title
                row.sourceDocument = year.source.document
                row.issuedOn = year.source.issuedOn.iso
                row.dataJSON = String(decoding: try encoder.encode(year), as: UTF8.self)
                try await row.save(on: db)
            }
        }
    }
}
