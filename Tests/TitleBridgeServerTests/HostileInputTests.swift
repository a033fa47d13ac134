import Fluent
import Foundation
import NIOCore
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

/// What people who try send: text too long, control characters, invalid UTF-8, bodies too
/// large, files that lie about what they are, are cut short, or name a path. Each is refused
/// with a 4xx that says why in both languages, and the file is as it was; nothing is cut short
/// silently. A name in several scripts is a person's name, kept exactly as typed.
@Suite("Hostile input: a clear 4xx, nothing changed, nothing cut")
struct HostileInputTests {
    /// A whole personal step, with `name` as given.
    static func personal(version: Int, name: String) -> [String: JSONBody] {
        ["version": .number(version), "name": .string(name), "gender": "female", "birthDate": "1988-03-02",
         "nationality": "德国", "idKind": "passport", "idNumber": "C01X00T47"]
    }

    @Test("Text: too long refused with its length, control characters refused, several scripts kept as typed",
          arguments: DatabaseEngine.available)
    func text(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let (token, id) = try await Self.draft(app)
            let version = try await Self.version(app, id)

            let tooLong = String(repeating: "安", count: 101)
            var (status, body) = try await Self.json(app, .PUT, "/api/v1/applications/\(id)/steps/personal", token,
                                                     try JSONEncoder().encode(Self.personal(version: version, name: tooLong)))
            #expect(status == .badRequest)
            #expect(body.contains("too_long") && body.contains("最多 100 个字符，现为 101 个") && body.contains("it has 101"))
            (status, body) = try await Self.json(app, .PUT, "/api/v1/applications/\(id)/steps/personal", token,
                                                 try JSONEncoder().encode(Self.personal(version: version, name: "Anna\u{1B}[31m Müller")))
            #expect(status == .badRequest)
            #expect(body.contains("control_characters"))
            #expect(try await Self.version(app, id) == version, "nothing was saved")

            let mixed = "Anna Müller 安娜·穆勒 Анна"
            (status, body) = try await Self.json(app, .PUT, "/api/v1/applications/\(id)/steps/personal", token,
                                                 try JSONEncoder().encode(Self.personal(version: version, name: mixed)))
            #expect(status == .ok, "\(body.prefix(300))")
            let stored = try #require(try await ApplicationRecord.find(id, on: app.db))
            let content = try stored.content
            #expect(content.personal?.name == mixed)
        }
    }

    @Test("Invalid UTF-8 and bodies over the limit: 400 and 413 with their reason, never a 500", arguments: DatabaseEngine.available)
    func bodies(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let (token, id) = try await Self.draft(app)
            let version = try await Self.version(app, id)
            var broken = Data(#"{"version":\#(version),"name":""#.utf8)
            broken.append(contentsOf: [0xFF, 0xFE, 0xC3])
            broken.append(contentsOf: Data(#""}"#.utf8))
            var (status, body) = try await Self.json(app, .PUT, "/api/v1/applications/\(id)/steps/personal", token, broken)
            #expect(status == .badRequest, "\(body.prefix(200))")
            #expect(body.contains("\"zh\"") && body.contains("\"en\""))

            // A summary of two million letters: refused by its rule (the server's 1 MB body limit,
            // which answers 413 before any handler, is `bodyLimit` over real HTTP).
            let huge = Data(#"{"version":\#(version),"summary":""#.utf8) + Data(repeating: 0x61, count: 2 * 1024 * 1024) + Data(#""}"#.utf8)
            (status, body) = try await Self.json(app, .PUT, "/api/v1/applications/\(id)/steps/summary", token, huge)
            #expect(status == .badRequest && body.contains("summary_too_long") && body.contains("5万字"), "\(body.prefix(400))")

            // A form with invalid UTF-8 goes back to the form, which says what was wrong.
            let browser = try await signInBrowser(app, "applicant1")
            var back = ""
            try await app.testing().test(.POST, "/applications/\(id)/steps/personal", beforeRequest: { req in
                browser.prepare(&req)
                req.headers.contentType = .urlEncodedForm
                var form = Data("_csrf=\(browser.csrf)&version=\(version)&name=".utf8)
                form.append(contentsOf: [0xFF, 0xFE])
                req.body = ByteBuffer(data: form)
            }) { res in
                #expect(res.status == .seeOther)
                back = res.headers.first(name: .location) ?? ""
            }
            #expect(back.contains("refused="))
            let (shown, page) = try await ApplicationFlowTests.get(app, browser, back)
            #expect(shown.code >= 400 && shown.code < 500, "\(shown) \(page.prefix(300))")
            #expect(page.contains("class=\"error-summary\"") || page.contains("role=\"alert\""), "the form names the problem")
            #expect(try await Self.version(app, id) == version, "nothing was saved")
        }
    }

    @Test("Files: a lying name and type, a file cut short, a path for a name, one too large", arguments: DatabaseEngine.available)
    func uploads(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let (token, id) = try await Self.draft(app)
            let before = try await ApplicationUploadRecord.query(on: app.db).filter(\.$applicationID == id).count()

            var (status, body) = try await Self.upload(app, token, id, name: "cv.pdf", type: "application/pdf", SampleFiles.executable)
            #expect(status == .unsupportedMediaType && body.contains("按文件内容判断"))
            let cutShort = SampleFiles.pdf.prefix(30)
            (status, body) = try await Self.upload(app, token, id, name: "proof.pdf", type: "application/pdf", Data(cutShort))
            #expect(status == .badRequest && body.contains("file_damaged") && body.contains("incomplete or damaged"))
            let tooLarge = SampleFiles.pdf + Data(repeating: 0x20, count: 13 * 1024 * 1024)
            (status, body) = try await Self.upload(app, token, id, name: "big.pdf", type: "application/pdf", tooLarge)
            #expect(status == .payloadTooLarge)
            #expect(try await ApplicationUploadRecord.query(on: app.db).filter(\.$applicationID == id).count() == before)

            // A multipart body with no part at all (found by schemathesis): 400, not a server error.
            var empty = (HTTPStatus.ok, "")
            try await app.testing().test(.POST, "/api/v1/applications/\(id)/uploads", beforeRequest: { req in
                req.headers.bearerAuthorization = BearerAuthorization(token: token)
                req.headers.contentType = HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": "c637e12e"])
                req.body = ByteBuffer(string: "--c637e12e--\r\n")
            }) { res in empty = (res.status, res.body.string) }
            #expect(empty.0 == .badRequest, "\(empty.1.prefix(200))")
            #expect(empty.1.contains("\"zh\"") && empty.1.contains("\"en\""))

            for (sent, shown) in [("../../../etc/passwd.pdf", "passwd.pdf"), (#"..\..\windows\win.ini.pdf"#, "win.ini.pdf"), ("..", "upload")] {
                (status, body) = try await Self.upload(app, token, id, name: sent, type: "application/pdf", ReviewFixture.pdf(sent))
                #expect(status == .created, "\(sent): \(body.prefix(200))")
                let names = try await UploadedFileRecord.query(on: app.db).all().map(\.originalName)
                #expect(names.contains(shown), "\(sent) is kept as \(shown)")
            }
            // Every byte went under the store's own names, inside the data folder.
            let stored = try Backup.regularFiles(under: app.files.root)
            #expect(stored.allSatisfy { $0.split(separator: "/").count == 2 && !$0.contains("..") })
        }
    }

    @Test("Over real HTTP a body over 1 MB is refused 413 before any handler, in both languages")
    func bodyLimit() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("titlebridge-limit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try ServeProcess(arguments: ["--data-dir", folder.path, "--no-demo"])
        defer { server.stop() }
        #expect(try await server.healthy())
        let answer = try await APIClient(base: server.base).send("POST", "/api/v1/eligibility/check",
                                                                 body: Data(repeating: 0x20, count: 2 * 1024 * 1024), contentType: "application/json")
        #expect(answer.status == 413)
        #expect(answer.text.contains("提交的内容过大") && answer.text.contains("too large"))
    }

    @Test("A user name in look-alike letters is refused with the rule; a refused registration makes nothing")
    func lookAlikeUsername() async throws {
        try await withTestApp(.sqlite, demo: true) { app in
            var status = HTTPStatus.ok, body = ""
            try await app.testing().test(.POST, "/api/v1/accounts", beforeRequest: { req in
                // Cyrillic а and о in a Latin-looking name.
                try req.content.encode(["username": "аdmin.sоn", "displayName": "Admin", "password": "Quiet-Harbour-73-lanterns"], as: .json)
            }) { res in (status, body) = (res.status, res.body.string) }
            #expect(status == .badRequest)
            #expect(body.contains("\"field\":\"username\""))
            #expect(try await UserRecord.query(on: app.db).filter(\.$displayName == "Admin").count() == 0)
        }
    }

    // MARK: helpers

    static func draft(_ app: Application) async throws -> (token: String, id: UUID) {
        let token = try await signInAPI(app, "applicant1").token
        let (status, body) = try await json(app, .POST, "/api/v1/applications", token, nil)
        #expect(status == .created || status == .ok, "\(body.prefix(300))")
        struct Opened: Decodable { let id: UUID }
        return (token, try JSONDecoder().decode(Opened.self, from: Data(body.utf8)).id)
    }

    static func version(_ app: Application, _ id: UUID) async throws -> Int {
        try #require(try await ApplicationRecord.find(id, on: app.db)).version
    }

    static func json(_ app: Application, _ method: HTTPMethod, _ path: String, _ token: String, _ body: Data?) async throws -> (HTTPStatus, String) {
        var result: (HTTPStatus, String) = (.internalServerError, "")
        try await app.testing().test(method, path, beforeRequest: { req in
            req.headers.bearerAuthorization = BearerAuthorization(token: token)
            if let body {
                req.headers.contentType = .json
                req.body = ByteBuffer(data: body)
            }
        }) { res in result = (res.status, res.body.string) }
        return result
    }

    static func upload(_ app: Application, _ token: String, _ id: UUID, name: String, type: String, _ data: Data) async throws -> (HTTPStatus, String) {
        var form = Multipart()
        form.fields["kind"] = "workProof"
        form.files["file"] = .init(name: name, data: data, contentType: type)
        var result: (HTTPStatus, String) = (.internalServerError, "")
        try await app.testing().test(.POST, "/api/v1/applications/\(id)/uploads", beforeRequest: { req in
            req.headers.bearerAuthorization = BearerAuthorization(token: token)
            form.apply(to: &req)
        }) { res in result = (res.status, res.body.string) }
        return result
    }
}
