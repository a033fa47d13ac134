import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

@Suite("Certificate catalogue — import and export, all or nothing")
struct CatalogueImportTests {
    static let header = CatalogueTable.columns.joined(separator: ",")
    static let cfa = "cfa-charter,特许金融分析师,Chartered Financial Analyst,CFA,CFA协会,CFA Institute,美国,United States,金融与管理,经济,associateSenior,A;B;C,official"
    static let pmp = "pmp,项目管理专业人士资格认证,Project Management Professional,PMP,美国项目管理协会,PMI,美国,United States,engineeringTechnology,engineering,intermediate;associateSenior,C,official"

    enum Case: String, CaseIterable, CustomTestStringConvertible {
        case duplicateCode, unknownField, missingColumn, gbkEncoding
        var testDescription: String { rawValue }

        var file: Data {
            switch self {
            case .duplicateCode: Data([header, cfa, pmp, cfa].joined(separator: "\r\n").utf8)
            case .unknownField: Data([header, cfa, pmp.replacingOccurrences(of: "engineeringTechnology", with: "aerospace")].joined(separator: "\n").utf8)
            case .missingColumn: Data([header.replacingOccurrences(of: ",evidence", with: ""), cfa].joined(separator: "\n").utf8)
            // “编码,名称” and a row, as Excel saves CSV on a Chinese system.
            case .gbkEncoding: Data([0xB1, 0xE0, 0xC2, 0xEB, 0x2C, 0xC3, 0xFB, 0xB3, 0xC6, 0x0D, 0x0A, 0x61, 0x2C, 0xBB, 0xE1, 0xBC, 0xC6, 0x0D, 0x0A])
            }
        }

        /// What the refusal must say to point at the problem.
        var expected: String {
            switch self {
            case .duplicateCode: "第 4 行，“code”列"
            case .unknownField: "第 3 行，“field”列"
            case .missingColumn: "第 1 行，“evidence”列"
            case .gbkEncoding: "GBK"
            }
        }
    }

    static func upload(_ app: Application, _ admin: Browser, _ data: Data) async throws -> (HTTPStatus, String) {
        var result: (HTTPStatus, String) = (.internalServerError, "")
        try await app.testing().test(.POST, "/admin/catalogue", beforeRequest: { req in
            admin.prepare(&req)
            var form = Multipart()
            form.fields = ["_csrf": admin.csrf, "listVersion": "2.0"]
            form.files["file"] = Multipart.FilePart(name: "catalogue.csv", data: data, contentType: "text/csv")
            form.apply(to: &req)
        }) { res in result = (res.status, res.body.string) }
        return result
    }

    static func snapshot(_ app: Application) async throws -> (String, Int) {
        let items = try await CatalogueStore(app: app).items()
        let csv = String(decoding: CSVTable.write(header: CatalogueTable.columns, rows: CatalogueTable.rows(items)), as: UTF8.self)
        return (csv, try await AuditEventRecord.query(on: app.db).count())
    }

    @Test("The list version defaults to the one the batch policy names, on the page and from the command line",
          arguments: DatabaseEngine.available)
    func listVersionFromPolicy(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let policyVersion = try app.domain.currentPolicy.certificateList.version
            let admin = try await signInBrowser(app, "admin")
            let (_, page) = try await ApplicationFlowTests.get(app, admin, "/admin/catalogue")
            #expect(page.contains("name=\"listVersion\" value=\"\(policyVersion)\""))
            // A form without the field (an older page, a script) takes the policy's version.
            var status: HTTPStatus = .internalServerError
            try await app.testing().test(.POST, "/admin/catalogue", beforeRequest: { req in
                admin.prepare(&req)
                var form = Multipart()
                form.fields = ["_csrf": admin.csrf]
                form.files["file"] = Multipart.FilePart(name: "catalogue.csv", data: Data(([Self.header, Self.cfa].joined(separator: "\r\n")).utf8),
                                                        contentType: "text/csv")
                form.apply(to: &req)
            }) { res in status = res.status }
            #expect(status == .ok)
            #expect(try await CertificateItemRecord.find("cfa-charter", on: app.db)?.listVersion == policyVersion)
            // The command line the same.
            _ = try await OperatorTasks.importCatalogue(on: app, csv: Data(([Self.header, Self.pmp].joined(separator: "\r\n")).utf8), listVersion: nil)
            #expect(try await CertificateItemRecord.find("pmp", on: app.db)?.listVersion == policyVersion)
        }
    }

    @Test("A good file adds and changes items, audited; export gives them back", arguments: DatabaseEngine.available)
    func goodFile(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let admin = try await signInBrowser(app, "admin")
            let (status, page) = try await Self.upload(app, admin, Data(([Self.header, Self.cfa, Self.pmp].joined(separator: "\r\n")).utf8))
            #expect(status == .ok)
            #expect(page.contains("新增 2 项"))
            let items = try await CatalogueStore(app: app).items()
            #expect(Set(items.map(\.id)) == ["acca-fcca", "cgma-fellow", "cfa-charter", "pmp"])
            #expect(items.first { $0.id == "cfa-charter" }?.titleSeries == .economics)
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == "catalogue.add").count() == 2)

            // The same file again changes nothing.
            let (again, second) = try await Self.upload(app, admin, Data(([Self.header, Self.cfa, Self.pmp].joined(separator: "\r\n")).utf8))
            #expect(again == .ok)
            #expect(second.contains("未变 2 项"))

            try await app.testing().test(.GET, "/admin/catalogue/export.csv", beforeRequest: { admin.prepare(&$0) }) { res in
                #expect(res.status == .ok)
                #expect(res.headers.first(name: .contentType)?.hasPrefix("text/csv") == true)
                let table = try CSVTable.parse(Data(buffer: res.body))
                #expect(try CatalogueTable.items(from: table, admittedClass: "C").count == 4)
            }
            // The seed does not put back what an import changed.
            try await prepareDatabase(app, demo: false)
            #expect(try await CatalogueStore(app: app).items().count == 4)
        }
    }

    @Test("A bad file is refused at its line and column, and the database is unchanged",
          arguments: DatabaseEngine.available, Case.allCases)
    func badFile(engine: DatabaseEngine, badCase: Case) async throws {
        try await withTestApp(engine, demo: true) { app in
            let admin = try await signInBrowser(app, "admin")
            let before = try await Self.snapshot(app)
            let (status, page) = try await Self.upload(app, admin, badCase.file)
            #expect(status == .unprocessableEntity)
            #expect(page.contains(badCase.expected), "the page must say \(badCase.expected)")
            let after = try await Self.snapshot(app)
            #expect(after.0 == before.0, "catalogue changed")
            #expect(after.1 == before.1, "audit log grew")
        }
    }

    @Test("titlebridge catalogue import refuses a bad file and imports a good one")
    func command() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("titlebridge-catalogue-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = folder.appendingPathComponent("bad.csv"), good = folder.appendingPathComponent("good.csv")
        try Case.duplicateCode.file.write(to: bad)
        try Data([Self.header, Self.cfa].joined(separator: "\n").utf8).write(to: good)
        let data = folder.appendingPathComponent("data").path

        var (status, output) = try runTitlebridge(["catalogue", "import", "--data-dir", data, bad.path], stderr: true)
        #expect(status != 0)
        #expect(output.contains("line 4, column “code”"))
        (status, output) = try runTitlebridge(["catalogue", "import", "--data-dir", data, good.path])
        #expect(status == 0)
        #expect(output.contains("1 added"))
        let exported = folder.appendingPathComponent("out.csv")
        (status, _) = try runTitlebridge(["catalogue", "export", "--data-dir", data, exported.path])
        #expect(status == 0)
        let items = try CatalogueTable.items(from: try CSVTable.parse(try Data(contentsOf: exported)), admittedClass: "C")
        #expect(items.map(\.id).sorted() == ["acca-fcca", "cfa-charter", "cgma-fellow"])
    }
}

@Suite("Verification platform results — bulk import, all or nothing")
struct VerificationImportTests {
    static let header = VerificationResultsTable.columns.joined(separator: ",")
    static func row(_ number: Int, code: String = "acca-fcca", passed: String = "2024-08-15") -> String {
        "CV2024-9\(String(format: "%05d", number)),\(code),FCCA-\(number),Holder \(number),11010519491231002X,\(passed)"
    }

    static func upload(_ app: Application, _ browser: Browser, _ lines: [String]) async throws -> (HTTPStatus, String) {
        var result: (HTTPStatus, String) = (.internalServerError, "")
        try await app.testing().test(.POST, "/verifications/import", beforeRequest: { req in
            browser.prepare(&req)
            var form = Multipart()
            form.fields = ["_csrf": browser.csrf]
            form.files["file"] = Multipart.FilePart(name: "results.csv", data: Data(lines.joined(separator: "\r\n").utf8), contentType: "text/csv")
            form.apply(to: &req)
        }) { res in result = (res.status, res.body.string) }
        return result
    }

    @Test("Good rows load; a bad row or a repeated file loads nothing", arguments: DatabaseEngine.available)
    func allOrNothing(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let bureau = try await signInBrowser(app, "bureau1")
            var (status, page) = try await Self.upload(app, bureau, [Self.header, Self.row(1), Self.row(2), Self.row(3, code: "unknown-item")])
            #expect(status == .unprocessableEntity)
            #expect(page.contains("第 4 行，“certificate_code”列"))
            #expect(try await VerificationRecord.query(on: app.db).count() == 0)

            (status, page) = try await Self.upload(app, bureau, [Self.header, Self.row(1), Self.row(2)])
            #expect(status == .ok)
            #expect(page.contains("已导入 2 条"))
            let imported = try await VerificationRecord.query(on: app.db).all()
            #expect(imported.allSatisfy { $0.verificationStatus == .passed && $0.passedOn == "2024-08-15" && $0.applicantID == nil })
            #expect(imported.allSatisfy { $0.idNumberSealed?.contains("11010519491231002X") == false })

            // Loading an overlapping file again: refused at the first known number, nothing added.
            (status, page) = try await Self.upload(app, bureau, [Self.header, Self.row(3), Self.row(2)])
            #expect(status == .unprocessableEntity)
            #expect(page.contains("第 3 行"))
            #expect(try await VerificationRecord.query(on: app.db).count() == 2)
        }
    }

    @Test("Concurrent decisions get distinct, gap-free 查验编号", arguments: DatabaseEngine.available)
    func concurrentNumbers(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, clock: shanghaiNoon("2024-08-20"), demo: true) { app in
            let holder = try await signInBrowser(app, "applicant1")
            var ids: [UUID] = []
            for _ in 0..<12 { ids.append(try await VerificationTests.submit(app, holder)) }
            let verifier = try await signInBrowser(app, "verifier1")
            try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for id in ids { group.addTask { try await VerificationTests.decide(app, verifier, id, "pass") } }
                for try await status in group { #expect(status == .seeOther) }
            }
            let numbers = try await VerificationRecord.query(on: app.db).all().compactMap(\.verificationNumber).sorted()
            #expect(numbers == (1...12).map { VerificationRules.number(year: 2024, sequence: $0) })
        }
    }
}
