import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer

/// `titlebridge export` and `titlebridge batch`, run as the built binary on a fresh data folder
/// seeded with the demo: a list written to a file the owner alone reads, with the rows the
/// database holds; the next batch made from a JSON draft, refused field by field when wrong,
/// chosen and closed.
@Suite("titlebridge export and batch — the command line")
struct BureauCommandTests {
    @Test("export writes each list (CSV with its byte-order mark, XLSX openpyxl reads) readable by its owner only")
    func export() throws {
        let folder = try CertificateCommandTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data").path
        let (seeded, seedOutput) = try CertificateCommandTests.run(["seed", "--demo", "--data-dir", data], in: folder)
        #expect(seeded == 0, "\(seedOutput)")
        let csv = folder.appendingPathComponent("accepted.csv")
        let (status, output) = try CertificateCommandTests.run(["export", "accepted", "--format", "csv", "--data-dir", data, csv.path], in: folder)
        #expect(status == 0, "\(output)")
        let bytes = try Data(contentsOf: csv)
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let table = try CSVTable.parse(bytes)
        #expect(table.header.first == "受理号")
        #expect(!table.records.isEmpty && output.contains("\(table.records.count) rows written"))
        let mode = try FileManager.default.attributesOfItem(atPath: csv.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        let xlsx = folder.appendingPathComponent("certificates.xlsx")
        let (written, _) = try CertificateCommandTests.run(["export", "certificates", "--format", "xlsx", "--lang", "en", "--data-dir", data, xlsx.path], in: folder)
        #expect(written == 0)
        if ExportTests.python != nil {
            let read = try ExportTests.openpyxl(try Data(contentsOf: xlsx))
            #expect(read.sheets == ["Certificates issued"] && read.rows.count > 1)
        }
        let (unknown, problem) = try CertificateCommandTests.run(["export", "passwords", "--data-dir", data, csv.path], in: folder)
        #expect(unknown != 0 && problem.contains("unknown list"))
    }

    @Test("batch: list, a draft refused field by field, created from a copy, chosen, closed")
    func batch() throws {
        let folder = try CertificateCommandTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data").path
        let (listed, list) = try CertificateCommandTests.run(["batch", "list", "--data-dir", data], in: folder)
        #expect(listed == 0 && list.contains("shanghai-2024-batch2\t2024B2\t2024-09-06…2024-09-19\t0 files\tcurrent"))

        let draft = folder.appendingPathComponent("draft.json")
        var fields = BatchAdministrationTests.fields
        fields["base"] = nil
        fields["batchCode"] = "2024B2"
        try JSONSerialization.data(withJSONObject: fields).write(to: draft)
        let (refused, problems) = try CertificateCommandTests.run(["batch", "create", "--from", "shanghai-2024-batch2", "--clock", "2024-12-02T10:00:00+08:00", "--data-dir", data, draft.path], in: folder)
        #expect(refused == 1 && problems.contains("batchCode: The batch code “2024B2” is used by another batch"))

        fields["batchCode"] = "2025B1"
        try JSONSerialization.data(withJSONObject: fields).write(to: draft)
        let (created, output) = try CertificateCommandTests.run(["batch", "create", "--from", "shanghai-2024-batch2", "--clock", "2024-12-02T10:00:00+08:00", "--data-dir", data, draft.path], in: folder)
        #expect(created == 0 && output.contains("created shanghai-2025-batch1"), "\(output)")
        #expect(try CertificateCommandTests.run(["batch", "choose", "shanghai-2025-batch1", "--data-dir", data], in: folder).0 == 0)
        #expect(try CertificateCommandTests.run(["batch", "close", "shanghai-2025-batch1", "--data-dir", data], in: folder).0 == 0)
        let (_, after) = try CertificateCommandTests.run(["batch", "list", "--data-dir", data], in: folder)
        #expect(after.contains("shanghai-2025-batch1\t2025B1\t2025-03-10…2025-03-21\t0 files\tclosed\tform"))
        #expect(after.contains("shanghai-2024-batch2\t2024B2\t2024-09-06…2024-09-19\t0 files\topen"))
        let (again, refusal) = try CertificateCommandTests.run(["batch", "choose", "shanghai-2025-batch1", "--data-dir", data], in: folder)
        #expect(again == 1 && refusal.contains("A closed batch cannot be made the current one"))
    }
}
