import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

@Suite("Catalogue export — no cell runs as a formula in a spreadsheet")
struct ExportFormulaTests {
    static let formula = "=HYPERLINK(\"http://evil.example/\",\"查看\")"
    /// An item whose names a spreadsheet would run, as the bureau's file holds it.
    static let file = Data([
        CatalogueTable.columns.joined(separator: ","),
        "formula-test,\"=HYPERLINK(\"\"http://evil.example/\"\",\"\"查看\"\")\",-1+2,@FX,+某发证机构,Issuer,英国,United Kingdom,"
            + "financeManagement,accounting,associateSenior,C,official",
    ].joined(separator: "\r\n").utf8)

    /// Uploads `data` on the admin catalogue page, as the bureau does.
    static func upload(_ app: Application, _ admin: Browser, _ data: Data) async throws -> (HTTPStatus, String) {
        var result: (HTTPStatus, String) = (.internalServerError, "")
        try await app.testing().test(.POST, "/admin/catalogue", beforeRequest: { req in
            admin.prepare(&req)
            var form = Multipart()
            form.fields = ["_csrf": admin.csrf]
            form.files["file"] = Multipart.FilePart(name: "catalogue.csv", data: data, contentType: "text/csv")
            form.apply(to: &req)
        }) { res in result = (res.status, res.body.string) }
        return result
    }

    /// No cell of `exported` starts a formula, and the item's cells carry the quote.
    static func expectNeutralised(_ exported: Data) throws {
        let table = try CSVTable.parse(exported)
        let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]
        for record in table.records {
            for cell in record.fields {
                #expect(cell.unicodeScalars.first.map { !formulaStarts.contains($0) } ?? true,
                        "line \(record.line): \(cell.debugDescription) would run as a formula")
            }
        }
        let row = try #require(table.records.first { $0.fields.first == "formula-test" })
        #expect(Array(row.fields[1...4]) == ["'" + formula, "'-1+2", "'@FX", "'+某发证机构"])
    }

    @Test("Exported through the admin page, formulas are neutralised; the export imports back unchanged",
          arguments: DatabaseEngine.available)
    func page(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let admin = try await signInBrowser(app, "admin")
            let (status, body) = try await Self.upload(app, admin, Self.file)
            #expect(status == .ok, "\(body.prefix(300))")
            var exported = Data()
            try await app.testing().test(.GET, "/admin/catalogue/export.csv", beforeRequest: { admin.prepare(&$0) }) { res in
                #expect(res.status == .ok)
                exported = Data(buffer: res.body)
            }
            try Self.expectNeutralised(exported)

            // The exported file, imported again, changes nothing: the quote is taken off on the way in.
            let (again, _) = try await Self.upload(app, admin, exported)
            #expect(again == .ok)
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$recordID == "formula-test")
                .filter(\.$action == "catalogue.change").count() == 0)
            let item = try #require(try await CatalogueStore(app: app).items().first { $0.id == "formula-test" })
            #expect(item.name.zh == Self.formula)
            #expect(item.name.en == "-1+2")
            #expect(item.abbreviation == "@FX")
            #expect(item.issuer.zh == "+某发证机构")
        }
    }

    @Test("titlebridge catalogue export neutralises formulas, and its file imports back unchanged")
    func command() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("titlebridge-formula-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in.csv"), exported = folder.appendingPathComponent("out.csv")
        try Self.file.write(to: input)
        let data = folder.appendingPathComponent("data").path

        var (status, output) = try runTitlebridge(["catalogue", "import", "--data-dir", data, input.path])
        #expect(status == 0, "\(output)")
        (status, output) = try runTitlebridge(["catalogue", "export", "--data-dir", data, exported.path])
        #expect(status == 0, "\(output)")
        try Self.expectNeutralised(try Data(contentsOf: exported))
        (status, output) = try runTitlebridge(["catalogue", "import", "--data-dir", data, exported.path])
        #expect(status == 0)
        #expect(output.contains("0 added, 0 changed"), "\(output)")
    }
}
