import Fluent
import Foundation
import SQLKit
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

@Suite("Stored application content — unreadable is an error, never an empty form")
struct StoredContentTests {
    struct Summary: Encodable, Sendable {
        let version: Int
        let summary: String
    }

    @Test("A file whose stored content cannot be read answers an error naming it, and a save leaves the stored bytes alone",
          arguments: DatabaseEngine.available)
    func unreadableContent(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let api = try await signInAPI(app, "applicant1")
            let (created, body) = try await ReviewFixture.api(app, .POST, "/api/v1/applications", token: api.token)
            #expect(created == .created)
            let file = try ReviewFixture.decode(ApplicationController.ApplicationAnswer.self, body)
            let (saved, _) = try await ReviewFixture.api(app, .PUT, "/api/v1/applications/\(file.id)/steps/summary", token: api.token,
                                                        json: Summary(version: file.version, summary: "我的工作总结"))
            #expect(saved == .ok)

            // The stored content is damaged behind the application's back (a cut-off write, a bad repair).
            let corrupt = #"{"education":[],"summary":"我的工作总结","work":[{"employer":"#
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("UPDATE applications SET content_json = \(bind: corrupt) WHERE id = \(bind: file.id)").run()
            let version = try #require(try await ApplicationRecord.find(file.id, on: app.db)).version
            let id = file.id.uuidString

            // The API: reading and saving both fail, naming the file.
            let (read, readBody) = try await ReviewFixture.api(app, .GET, "/api/v1/applications/\(file.id)", token: api.token)
            #expect(read == .internalServerError)
            #expect(readBody.contains(id), "\(readBody.prefix(300))")
            #expect(!readBody.contains("\"summary\""), "no empty form is sent")
            let (put, putBody) = try await ReviewFixture.api(app, .PUT, "/api/v1/applications/\(file.id)/steps/summary", token: api.token,
                                                            json: Summary(version: version, summary: "新的总结"))
            #expect(put == .internalServerError)
            #expect(putBody.contains(id), "\(putBody.prefix(300))")

            // The pages: the file, a step, and a step's save.
            let browser = try await signInBrowser(app, "applicant1")
            for path in ["/applications/\(id)", "/applications/\(id)/steps/summary"] {
                let (status, page) = try await ApplicationFlowTests.get(app, browser, path)
                #expect(status == .internalServerError, "\(path)")
                #expect(page.contains(id), "\(path) names the file")
            }
            let (posted, _, postedPage) = try await ApplicationFlowTests.post(app, browser, "/applications/\(id)/steps/summary",
                                                                              ["version": String(version), "summary": "新的总结"])
            #expect(posted == .internalServerError)
            #expect(postedPage.contains(id))

            // What is stored is exactly what was there: nothing was written back.
            let after = try #require(try await ApplicationRecord.find(file.id, on: app.db))
            #expect(after.contentJSON == corrupt)
            #expect(after.version == version)
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == "application.save.summary").count() == 1)
        }
    }
}
