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

    @Test("pdftotext finds the applicant's name and the commitment; pdftoppm renders every page",
          .enabled(if: poppler || ProcessInfo.processInfo.environment["CI"] != nil), arguments: DatabaseEngine.available)
    func form(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let owner = try await signInBrowser(app, "applicant1")
            let (_, stepURL, _) = try await ApplicationFlowTests.post(app, owner, "/applications", [:])
            let id = try #require(stepURL.flatMap { UUID(uuidString: String($0.split(separator: "/")[1])) })
            let employer = try await organisationID(app, creditCode: DemoUnits.enterprise)
            for (step, fields) in [
                (ApplicationStep.personal, ["name": "陈思远", "gender": "male", "birthDate": "1949-12-31", "nationality": "中国",
                                            "idKind": "residentID", "idNumber": "11010519491231002X"]),
                (.employer, ["employerID": employer.uuidString]),
                (.summary, ["summary": String(repeating: "本人主持完成多项财务共享中心建设项目，", count: 200)]),
            ] {
                #expect(try await ApplicationFlowTests.save(app, owner, id, step, fields).0 == .seeOther)
            }
            var pdf = Data()
            try await app.testing().test(.GET, "/applications/\(id)/form.pdf", beforeRequest: { owner.prepare(&$0) }) { res in
                #expect(res.status == .ok)
                #expect(res.headers.first(name: .contentType) == "application/pdf")
                pdf = Data(buffer: res.body)
            }
            #expect(pdf.starts(with: Array("%PDF-".utf8)))

            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("titlebridge-form-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("form.pdf")
            try pdf.write(to: file)

            let text = try Self.run("pdftotext", ["-enc", "UTF-8", file.path, "-"])
            let flat = text.filter { !$0.isWhitespace }
            #expect(flat.contains("陈思远"))
            #expect(flat.contains(AssessmentForm.title))
            #expect(flat.contains(AssessmentForm.commitment.filter { !$0.isWhitespace }), "the whole commitment text")
            #expect(flat.contains("所在单位核实意见"))
            #expect(flat.contains("上海浦江示例科技有限公司"))

            let info = try Self.run("pdfinfo", [file.path])
            let pages = try #require(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }
                .flatMap { Int($0.split(separator: " ").last ?? "") })
            #expect(pages >= 2, "the long summary runs onto further pages")
            // Every page carries its number and the application's id.
            for page in 1...pages {
                let pageText = try Self.run("pdftotext", ["-enc", "UTF-8", "-f", "\(page)", "-l", "\(page)", file.path, "-"])
                    .filter { !$0.isWhitespace }
                #expect(pageText.contains("第\(page)页/共\(pages)页"), "page \(page) lacks its number")
                #expect(pageText.contains("申报编号\(id.uuidString.lowercased())"), "page \(page) lacks the application id")
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
}
