import SQLKit
import Vapor

/// Operators' endpoints: health and metrics. No personal data passes here.
struct OperatorController: RouteCollection {
    let metrics: RequestMetrics

    struct Health: Content {
        let status: String
        let database: String
        let time: Date
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.on(.healthz, use: health)
        routes.on(.livez, use: live)
        routes.on(.metrics, use: exposition)
    }

    /// 200 when the database answers a query, 503 when it does not.
    @Sendable
    func health(_ request: Request) async throws -> Response {
        let now = request.domain.clock.now()
        do {
            guard let sql = request.db as? any SQLDatabase else { throw Abort(.internalServerError) }
            _ = try await sql.raw("SELECT 1 AS ok").first()
            return try await Health(status: "ok", database: "ok", time: now).encodeResponse(for: request)
        } catch {
            request.logger.error("health check: database unreachable", metadata: ["error": "\(String(reflecting: error))"])
            let response = try await Health(status: "unavailable", database: "unreachable", time: now).encodeResponse(for: request)
            response.status = .serviceUnavailable
            return response
        }
    }

    /// 200 while the process serves requests; reads nothing, so a load balancer's probe costs
    /// no database round trip (and the benchmarks measure the framework's ceiling here).
    @Sendable
    func live(_ request: Request) async throws -> Response {
        Response(status: .ok, headers: ["Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store"], body: .init(string: "ok\n"))
    }

    @Sendable
    func exposition(_ request: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        return Response(status: .ok, headers: headers, body: .init(string: metrics.exposition()))
    }
}
