import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

@Suite("Application attachments — by content, within limits, only for those allowed")
struct ApplicationUploadTests {
    static func upload(_ app: Application, _ browser: Browser, _ id: UUID, kind: String, data: Data, name: String,
                       running: Bool = false) async throws -> (HTTPStatus, String) {
        var result: (HTTPStatus, String) = (.internalServerError, "")
        let tester = running ? try app.testing(method: .running(port: try freeLoopbackPort())) : try app.testing()
        try await tester.test(.POST, "/applications/\(id)/uploads", beforeRequest: { req in
            browser.prepare(&req)
            var form = Multipart()
            form.fields = ["_csrf": browser.csrf, "kind": kind]
            form.files["file"] = Multipart.FilePart(name: name, data: data, contentType: "application/pdf")
            form.apply(to: &req)
        }) { res in result = (res.status, res.body.string) }
        return result
    }

    @Test("A PDF is attached and served to its owner only; a renamed executable and an oversized file leave nothing",
          arguments: DatabaseEngine.available)
    func attachments(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true, maximumUploadBytes: 1024 * 1024) { app in
            let owner = try await signInBrowser(app, "applicant1")
            let (_, stepURL, _) = try await ApplicationFlowTests.post(app, owner, "/applications", [:])
            let id = try #require(stepURL.flatMap { UUID(uuidString: String($0.split(separator: "/")[1])) })

            var (status, page) = try await Self.upload(app, owner, id, kind: "degree", data: SampleFiles.pdf, name: "master.pdf")
            #expect(status == .seeOther, "\(page.prefix(300))")
            let uploads = try await ApplicationUploadRecord.query(on: app.db).all()
            let file = try #require(uploads.first?.fileID)
            #expect(try await ApplicationFlowTests.get(app, owner, "/files/\(file)").0 == .ok)
            let other = try await signInBrowser(app, "applicant2")
            #expect(try await ApplicationFlowTests.get(app, other, "/files/\(file)").0 == .notFound)
            let employer = try await signInBrowser(app, "employer1")
            #expect(try await ApplicationFlowTests.get(app, employer, "/files/\(file)").0 == .notFound)

            let filesBefore = try await UploadedFileRecord.query(on: app.db).count()
            let bytesBefore = FileManager.default.enumerator(atPath: app.files.root.path)?.allObjects.count ?? 0
            (status, page) = try await Self.upload(app, owner, id, kind: "workProof", data: SampleFiles.executable, name: "proof.pdf")
            #expect(status == .unsupportedMediaType)
            #expect(page.contains("PDF、JPEG 或 PNG"))
            (status, _) = try await Self.upload(app, owner, id, kind: "workProof", data: SampleFiles.pdf + Data(count: 1024 * 1024),
                                                name: "big.pdf", running: true)
            #expect(status == .payloadTooLarge)
            #expect(try await ApplicationUploadRecord.query(on: app.db).count() == 1)
            #expect(try await UploadedFileRecord.query(on: app.db).count() == filesBefore)
            #expect((FileManager.default.enumerator(atPath: app.files.root.path)?.allObjects.count ?? 0) == bytesBefore)

            // The unit's opinion is not the applicant's to upload.
            (status, _) = try await Self.upload(app, owner, id, kind: "unitOpinion", data: SampleFiles.pdf, name: "opinion.pdf")
            #expect(status == .conflict)
        }
    }

    @Test("An application holds at most the limit of files", arguments: DatabaseEngine.available)
    func perApplicationLimit(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let owner = try await signInBrowser(app, "applicant1")
            let (_, stepURL, _) = try await ApplicationFlowTests.post(app, owner, "/applications", [:])
            let id = try #require(stepURL.flatMap { UUID(uuidString: String($0.split(separator: "/")[1])) })
            for index in 0..<UploadLimits.filesPerApplication {
                let (status, _) = try await Self.upload(app, owner, id, kind: "workProof", data: SampleFiles.pdf + Data("\(index)".utf8), name: "p\(index).pdf")
                #expect(status == .seeOther)
            }
            let (status, page) = try await Self.upload(app, owner, id, kind: "workProof", data: SampleFiles.png, name: "one-more.png")
            #expect(status == .payloadTooLarge)
            #expect(page.contains("最多 \(UploadLimits.filesPerApplication) 个附件"))
            #expect(try await ApplicationUploadRecord.query(on: app.db).count() == UploadLimits.filesPerApplication)
        }
    }
}
