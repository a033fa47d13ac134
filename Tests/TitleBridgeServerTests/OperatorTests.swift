import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

@Suite("Operators — /healthz, /livez and /metrics")
struct OperatorTests {
    @Test("healthz is 200 with the database checked", arguments: DatabaseEngine.available)
    func healthy(engine: DatabaseEngine) async throws {
        try await withTestApp(engine) { app in
            try await app.testing().test(.GET, "/healthz") { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("\"database\":\"ok\""))
            }
        }
    }

    @Test("healthz is 503 when the database cannot be reached; livez still 200, since the process answers")
    func unreachable() async throws {
        _ = TestLogging.bootstrapped
        let app = try await Application.make(.testing)
        do {
            // Nothing listens on port 9 of the loopback: connections are refused at once.
            let config = AppConfig(storage: .postgres(url: "postgres://nobody:secret@127.0.0.1:9/none", searchPath: nil),
                                   logLevel: .critical)
            try configure(app, config: config, services: try DomainServices.bundled())
            try await app.testing().test(.GET, "/healthz") { res in
                #expect(res.status == .serviceUnavailable)
                #expect(res.body.string.contains("\"database\":\"unreachable\""))
                #expect(!res.body.string.contains("secret"))
            }
            try await app.testing().test(.GET, "/livez") { res in
                #expect(res.status == .ok)
                #expect(res.body.string == "ok\n")
                #expect(res.headers.first(name: .cacheControl) == "no-store")
            }
        } catch {
            try await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    @Test("metrics counts requests by route pattern and status", arguments: DatabaseEngine.available)
    func metrics(engine: DatabaseEngine) async throws {
        try await withTestApp(engine) { app in
            let tester = try app.testing()
            try await tester.test(.GET, "/")
            try await tester.test(.GET, "/?lang=en")
            try await tester.test(.GET, "/missing-\(UUID().uuidString)")
            try await tester.test(.GET, "/metrics") { res in
                #expect(res.status == .ok)
                #expect(res.headers.contentType?.description.hasPrefix("text/plain") == true)
                let text = res.body.string
                #expect(text.contains("# TYPE titlebridge_http_requests_total counter"))
                #expect(text.contains("titlebridge_http_requests_total{method=\"GET\",route=\"/\",status=\"200\"} 2"))
                // Unknown paths are pooled, so clients cannot blow up the number of series.
                #expect(text.contains("titlebridge_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1"))
                #expect(text.contains("titlebridge_http_request_duration_seconds_count{method=\"GET\",route=\"/\"} 2"))
                #expect(text.contains("titlebridge_http_request_duration_seconds_bucket{method=\"GET\",route=\"/\",le=\"+Inf\"} 2"))
            }
        }
    }
}
