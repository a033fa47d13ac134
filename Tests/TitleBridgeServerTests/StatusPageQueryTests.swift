import Fluent
import Foundation
import Logging
import NIOConcurrencyHelpers
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

/// The file's page, its API answer and its printed form read the file in a fixed number of
/// queries: a file with many uploads and a long history costs the same as a fresh one.
@Suite("One read of a file — queries do not grow with its uploads and history")
struct StatusPageQueryTests {
    @Test("The status page, the API answer and the form run as many queries for 20 uploads and 11 history rows as for none",
          arguments: DatabaseEngine.available)
    func fixedQueryCount(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-08-20"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            let counter = QueryCounter()
            app.middleware.use(counter, at: .beginning)
            let id = try await ReviewFixture.draftFile(app, "applicant1", creditCode: DemoUnits.enterprise, clock: clock)
            clock.set("2024-09-09", 10)
            let applicant = try await signInBrowser(app, "applicant1")
            let api = try await signInAPI(app, "applicant1")
            let paths = ["/applications/\(id)", "/api/v1/applications/\(id)", "/applications/\(id)/form.pdf"]

            // The first print draws the file's number (申报编号), once in its life: not counted.
            for path in paths { _ = try await Self.queries(app, counter, path, browser: applicant, token: api.token) }
            var fresh: [String: [String]] = [:]
            for path in paths { fresh[path] = try await Self.queries(app, counter, path, browser: applicant, token: api.token) }

            // 20 uploads, and five rounds of submission and return: 10 history rows and 10 messages.
            try await ReviewFixture.attachProofs(app, id, owner: "applicant1")
            let owner = try await userID(app, "applicant1")
            for index in 0..<17 {
                let file = try await app.files.store(ReviewFixture.pdf("extra \(index)"), name: "extra-\(index).pdf", field: "file",
                                                     owner: owner, on: app.db, clock: app.domain.clock)
                let upload = ApplicationUploadRecord()
                upload.applicationID = id
                upload.kind = UploadKind.workProof.rawValue
                upload.fileID = try file.requireID()
                upload.createdAt = app.domain.clock.now()
                try await upload.create(on: app.db)
            }
            let employer = try await signInBrowser(app, "employer1")
            for round in 1...5 {
                let (submitted, page) = try await ReviewFixture.act(app, applicant, id, "submit")
                #expect(submitted == .seeOther, "submission \(round): \(Self.alert(page))")
                let (returned, answer) = try await ReviewFixture.act(app, employer, id, "returnToApplicant", ["reason": "第 \(round) 次退回"])
                #expect(returned == .seeOther, "return \(round): \(Self.alert(answer))")
            }
            #expect(try await ApplicationUploadRecord.query(on: app.db).filter(\.$applicationID == id).count() == 20)
            #expect(try await ReviewRecord.query(on: app.db).filter(\.$applicationID == id).count() == 10)
            #expect(try await ApplicationRecord.find(id, on: app.db)?.currentStage == .draft)

            for path in paths {
                let busy = try await Self.queries(app, counter, path, browser: applicant, token: api.token)
                let before = try #require(fresh[path])
                #expect(!before.isEmpty, "the counter sees the queries of \(path)")
                #expect(busy.count == before.count, """
                    \(path): \(before.count) queries for a fresh file, \(busy.count) for one with 20 uploads and a long history
                    \(before.joined(separator: "\n"))
                    ---
                    \(busy.joined(separator: "\n"))
                    """)
            }
        }
    }

    static func alert(_ page: String) -> String {
        page.range(of: "role=\"alert\">").map { String(page[$0.upperBound...].prefix(300)) } ?? String(page.prefix(300))
    }

    /// The queries one GET of `path` runs, the session's own included.
    static func queries(_ app: Application, _ counter: QueryCounter, _ path: String, browser: Browser, token: String) async throws -> [String] {
        counter.start()
        try await app.testing().test(.GET, path, beforeRequest: { request in
            if path.hasPrefix("/api/") {
                request.headers.bearerAuthorization = BearerAuthorization(token: token)
            } else {
                browser.prepare(&request)
            }
        }, afterResponse: { response in
            #expect(response.status == .ok, "\(path) answered \(response.status)")
        })
        return counter.stop()
    }
}

/// Counts the SQL statements the drivers log ("Executing query", at debug) for the requests it
/// sees, by giving each request a logger of its own: the database of a request logs to it.
final class QueryCounter: AsyncMiddleware, Sendable {
    private let count = NIOLockedValueBox<[String]?>(nil)

    func start() { count.withLockedValue { $0 = [] } }

    /// The statements run since `start`, in order.
    func stop() -> [String] { count.withLockedValue { value in defer { value = nil }; return value ?? [] } }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let box = count
        request.logger = Logger(label: "query-counter") { _ in CountingHandler(count: box) }
        return try await next.respond(to: request)
    }

    struct CountingHandler: LogHandler {
        let count: NIOLockedValueBox<[String]?>
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            guard event.message.description == "Executing query" else { return }
            guard case .string(let sql)? = event.metadata?["sql"] else { return }
            count.withLockedValue { value in value?.append(sql) }
        }
    }
}
