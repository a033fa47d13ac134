import Fluent
import Foundation
import Testing
import TitleBridgeCore
import TitleBridgeDocuments
@testable import TitleBridgeServer
import Vapor
import VaporTesting

@Suite("《上海市专业技术人员职称考核认定表》 — the form as PDF")
struct AssessmentFormTests {
    static let poppler = FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext")
        && FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftoppm")
    /// Ghostscript renders PDFs the way many printers and viewers do; CI installs it with poppler.
    static let ghostscript = FileManager.default.isExecutableFile(atPath: "/usr/bin/gs")
    static let readers = poppler && ghostscript

    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/" + tool)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(tool) failed")
        return String(decoding: data, as: UTF8.self)
    }

    /// The form of file `id` as `browser` prints it.
    static func form(_ app: Application, _ browser: Browser, _ id: UUID) async throws -> Data {
        var pdf = Data()
        try await app.testing().test(.GET, "/applications/\(id)/form.pdf", beforeRequest: { browser.prepare(&$0) }) { res in
            #expect(res.status == .ok)
            #expect(res.headers.first(name: .contentType) == "application/pdf")
            pdf = Data(buffer: res.body)
        }
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
        return pdf
    }

    /// A PDF as the readers see it: its pages, its text as poppler and as Ghostscript extract
    /// it, and how many pages each rendered to PNG (`pdftoppm -png`, `gs -sDEVICE=png16m`).
    struct Read {
        let pages: Int
        let poppler: String
        let ghostscript: String
        let popplerImages: Int
        let ghostscriptImages: Int
    }

    static func read(_ pdf: Data) throws -> Read {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("titlebridge-form-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("form.pdf")
        try pdf.write(to: file)
        let info = try run("pdfinfo", [file.path])
        let pages = try #require(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }
            .flatMap { Int($0.split(separator: " ").last ?? "") })
        let poppler = try run("pdftotext", ["-enc", "UTF-8", file.path, "-"])
        let ghostscript = try run("gs", ["-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=txtwrite", "-o", "-", file.path])
        _ = try run("pdftoppm", ["-r", "40", "-png", file.path, folder.appendingPathComponent("poppler").path])
        _ = try run("gs", ["-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=png16m", "-r40",
                           "-o", folder.appendingPathComponent("ghostscript-%d.png").path, file.path])
        let images = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".png") }
        return Read(pages: pages, poppler: poppler, ghostscript: ghostscript,
                    popplerImages: images.filter { $0.hasPrefix("poppler") }.count,
                    ghostscriptImages: images.filter { $0.hasPrefix("ghostscript") }.count)
    }

    @Test("pdftotext finds the applicant's name and the commitment; every page carries the file's short number",
          .enabled(if: poppler || ProcessInfo.processInfo.environment["CI"] != nil), arguments: DatabaseEngine.available)
    func form(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let owner = try await signInBrowser(app, "applicant1")
            let (_, stepURL, _) = try await ApplicationFlowTests.post(app, owner, "/applications", [:])
            let id = try #require(stepURL.flatMap { UUID(uuidString: String($0.split(separator: "/")[1])) })
            // The file has its number from the moment it is opened, and the page shows it.
            let number = try #require(try await ApplicationRecord.find(id, on: app.db)?.number)
            #expect(number.hasPrefix("SB2024-") && number.count == 13, "\(number)")
            #expect(try await ApplicationFlowTests.get(app, owner, "/applications/\(id)").1.contains(number))
            let employer = try await organisationID(app, creditCode: DemoUnits.enterprise)
            for (step, fields) in [
                (ApplicationStep.personal, ["name": "陈思远", "gender": "male", "birthDate": "1949-12-31", "nationality": "中国",
                                            "idKind": "residentID", "idNumber": "11010519491231002X"]),
                (.employer, ["employerID": employer.uuidString]),
                (.summary, ["summary": String(repeating: "本人主持完成多项财务共享中心建设项目，", count: 200)]),
            ] {
                #expect(try await ApplicationFlowTests.save(app, owner, id, step, fields).0 == .seeOther)
            }
            let pdf = try await Self.form(app, owner, id)

            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("titlebridge-form-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("form.pdf")
            try pdf.write(to: file)

            let text = try Self.run("pdftotext", ["-enc", "UTF-8", file.path, "-"])
            let flat = text.filter { !$0.isWhitespace }
            #expect(flat.contains("陈思远"))
            #expect(text.contains("11010519491231002X"), "the applicant reads the whole ID number")
            #expect(flat.contains("1949年12月31日"))
            #expect(flat.contains(AssessmentForm.title))
            #expect(flat.contains(AssessmentForm.commitment.filter { !$0.isWhitespace }), "the whole commitment text")
            #expect(flat.contains("所在单位核实意见"))
            #expect(flat.contains("上海浦江示例科技有限公司"))
            #expect(!text.contains(id.uuidString.lowercased()), "the UUID is not the number people read")

            let info = try Self.run("pdfinfo", [file.path])
            let pages = try #require(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }
                .flatMap { Int($0.split(separator: " ").last ?? "") })
            #expect(pages >= 2, "the long summary runs onto further pages")
            // Every page carries its number and the file's number.
            for page in 1...pages {
                let pageText = try Self.run("pdftotext", ["-enc", "UTF-8", "-f", "\(page)", "-l", "\(page)", file.path, "-"])
                    .filter { !$0.isWhitespace }
                #expect(pageText.contains("第\(page)页/共\(pages)页"), "page \(page) lacks its number")
                #expect(pageText.contains("申报编号\(number)"), "page \(page) lacks the file's number")
            }
            _ = try Self.run("pdftoppm", ["-r", "40", "-png", file.path, folder.appendingPathComponent("page").path])
            let images = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".png") }
            #expect(images.count == pages)

            // Another applicant, an employer of another unit, and — while the file was never
            // submitted — even the applicant's own employer get nothing.
            let other = try await signInBrowser(app, "applicant2")
            #expect(try await ApplicationFlowTests.get(app, other, "/applications/\(id)/form.pdf").0 == .notFound)
            let otherEmployer = try await signInBrowser(app, "employer2")
            #expect(try await ApplicationFlowTests.get(app, otherEmployer, "/applications/\(id)/form.pdf").0 == .notFound)
            let ownEmployer = try await signInBrowser(app, "employer1")
            #expect(try await ApplicationFlowTests.get(app, ownEmployer, "/applications/\(id)/form.pdf").0 == .notFound)
            try await ApplicationRecord.query(on: app.db).filter(\.$id == id).set(\.$submittedAt, to: app.domain.clock.now()).update()
            #expect(try await ApplicationFlowTests.get(app, ownEmployer, "/applications/\(id)/form.pdf").0 == .ok)
        }
    }

    static let idNumber = "11010519491231002X"

    @Test("The accepted form prints what the file holds — ID number, dates, English names, the employer's opinion, the post confirmation, the publicity, the 受理号 — in poppler and in Ghostscript",
          .enabled(if: readers || ProcessInfo.processInfo.environment["CI"] != nil), arguments: DatabaseEngine.available)
    func printsWhatWasRecorded(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-08-20"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            // A public institution's file: employer opinion, post confirmation, publicity with its outcome, reported.
            let id = try await AcceptanceTests.reportedFile(app, "applicant1", clock: clock, institution: true) { content in
                content.personal?.name = "Emily Carter"
            }
            let record = try #require(try await ApplicationRecord.find(id, on: app.db))
            record.idNumberSealed = try app.security.cipher.seal(Self.idNumber, in: .applicationIDNumber, row: id)
            try await record.save(on: app.db)
            let (bureau, ids) = try await AcceptanceTests.bureauChecklist(app, id)
            let (status, body) = try await ReviewFixture.act(app, bureau, id, "accept", AcceptanceTests.verdicts(ids))
            #expect(status == .seeOther, "accept answered \(status): \(body.prefix(300))")
            let acceptance = try #require(try await AcceptanceRecord.query(on: app.db).filter(\.$applicationID == id).first()).number
            let verification = try #require(try await VerificationRecord.query(on: app.db).first()?.verificationNumber)

            let applicant = try await signInBrowser(app, "applicant1")
            let pdf = try await Self.form(app, applicant, id)
            // A file made before numbers existed is numbered on its first print, once.
            let number = try #require(try await ApplicationRecord.find(id, on: app.db)?.number)
            #expect(number.hasPrefix("SB2024-") && number.count == 13, "\(number)")
            _ = try await Self.form(app, applicant, id)
            #expect(try await ApplicationRecord.find(id, on: app.db)?.number == number)
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == "application.number").count() == 1)

            let read = try Self.read(pdf)
            #expect(read.popplerImages == read.pages && read.ghostscriptImages == read.pages, "both render every page")
            for box in ["\u{25A1}", "\u{FFFD}"] { #expect(!read.poppler.contains(box), "a box character") }
            // Latin and digits as poppler reads them, words whole.
            for expected in [Self.idNumber, "Emily Carter", "CHEN Siyuan", "University of Edinburgh", "FCCA-2019-778812",
                             verification, acceptance, number] {
                #expect(read.poppler.contains(expected), "poppler does not find \(expected)")
            }
            // Ghostscript draws Latin and digits in the same standard font and reads them back.
            for expected in [Self.idNumber, "Emily Carter", "CHEN Siyuan", "FCCA-2019-778812", verification, acceptance, number] {
                #expect(read.ghostscript.contains(expected), "Ghostscript does not find \(expected)")
            }
            let flat = read.poppler.filter { !$0.isWhitespace }
            for expected in [
                "受理号：\(acceptance)", "1986年4月12日", "2012年6月30日", "2024年8月20日",
                // 所在单位核实意见, as the employer recorded it on approving.
                "申报人履行岗位职责情况：经核实，履行岗位职责情况属实。", "申报材料是否真实：经核实，申报材料真实。", "是否同意申报：同意申报。",
                "审核人：王经理", "审核日期：2024年9月9日",
                // The supervising department's post confirmation, in a box of its own.
                "主管部门意见（岗位情况确认）", "是否在专业技术岗位数量和结构比例内：是。", "是否同意在现有职称基础上申请高一级职称：同意。", "审核人：刘处长",
                // The unit publicity: dates, place, outcome.
                "单位公示情况", "公示时间：2024年9月9日至", "公示地点：公司内网公告栏", "公示结果：公示期内无异议", "登记人：王经理", "登记日期：2024年9月13日",
            ] {
                #expect(flat.contains(expected), "the form lacks \(expected)")
            }
            #expect(!flat.contains("（由用人单位填写）"), "no box is left blank when its statement was recorded")

            // The file's page names the number and says to print this copy for the paper desk.
            let (_, page) = try await ApplicationFlowTests.get(app, applicant, "/applications/\(id)")
            #expect(page.contains(number))
            #expect(page.contains("受理后打印的表格带有受理号及其二维码"))
            #expect(page.contains("/applications/\(id)/form.pdf"))
            // Staff are not told to print it.
            #expect(!(try await ApplicationFlowTests.get(app, bureau, "/applications/\(id)").1.contains("受理后打印的表格带有受理号及其二维码")))
        }
    }

    static let englishSummary = "Summary of my professional work.\r\nSince then I have supervised audits\tand taught junior accountants in Shanghai. In 2019 I moved to Shanghai and led the finance shared-service centre of a multinational group, responsible for the consolidation of forty subsidiaries across Asia.\r\n\r\nOur monthly close now takes five working days."
    static let chineseSummary = "　　本人自2015年起在上海从事财务管理工作，先后担任财务经理、财务总监，负责亚太区40家子公司的合并报表编制。\r\n　　其次，本人牵头制定了《集团资金管理办法》，实现资金集中度由45%提升至92%。"

    @Test("An English summary in paragraphs and a Chinese one indented with ideographic spaces print with no box and no word cut",
          .enabled(if: readers || ProcessInfo.processInfo.environment["CI"] != nil), arguments: DatabaseEngine.available)
    func paragraphsAndIndents(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let owner = try await signInBrowser(app, "applicant1")
            let (_, stepURL, _) = try await ApplicationFlowTests.post(app, owner, "/applications", [:])
            let id = try #require(stepURL.flatMap { UUID(uuidString: String($0.split(separator: "/")[1])) })
            // A browser sends a textarea's line breaks as CR LF.
            #expect(try await ApplicationFlowTests.save(app, owner, id, .summary,
                                                        ["summary": Self.englishSummary + "\r\n" + Self.chineseSummary]).0 == .seeOther)
            let read = try Self.read(try await Self.form(app, owner, id))
            #expect(read.popplerImages == read.pages && read.ghostscriptImages == read.pages, "both render every page")
            for box in ["\u{25A1}", "\u{FFFD}", "\u{3000}", "\r", "\t"] {
                #expect(!read.poppler.contains(box), "pdftotext finds \(box.unicodeScalars.map { String($0.value, radix: 16) })")
            }
            for word in ["Shanghai", "multinational", "responsible", "consolidation", "subsidiaries", "accountants", "supervised"] {
                #expect(read.poppler.contains(word), "\(word) is cut or spaced out")
                #expect(read.ghostscript.contains(word), "Ghostscript does not read \(word)")
            }
            // Each paragraph starts a line of its own.
            // (A page's first line comes after a form feed.)
            let lines = read.poppler.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            for start in ["Summary of my professional work.", "Since then I have supervised", "Our monthly close", "本人自2015年起", "其次，本人牵头"] {
                #expect(lines.contains { $0.hasPrefix(start) }, "no line starts with \(start)")
            }
        }
    }
}
