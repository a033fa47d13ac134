import SQLKit
import TitleBridgeCore
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

    /// With `TITLEBRIDGE_METRICS_TOKEN` set, only its bearer reads the metrics; without it only
    /// a scraper on the machine itself (the counts tell how busy each page is, which is no one
    /// else's business).
    @Sendable
    func exposition(_ request: Request) async throws -> Response {
        if let token = request.security.settings.metricsToken {
            guard let given = request.headers.bearerAuthorization?.token, SecureToken.equal(given, token) else {
                throw APIProblem(status: .unauthorized, code: "metrics_token", message: LocalizedText(
                    zh: "读取指标需要令牌。", en: "Reading the metrics needs the metrics token."), field: nil)
            }
        } else {
            let peer = request.remoteAddress?.ipAddress
            guard peer == nil || peer == "127.0.0.1" || peer == "::1" else {
                throw APIProblem(status: .forbidden, code: "metrics_local_only", message: LocalizedText(
                    zh: "指标仅对本机开放（或设置 TITLEBRIDGE_METRICS_TOKEN）。",
                    en: "The metrics are open to this machine only (or set TITLEBRIDGE_METRICS_TOKEN)."), field: nil)
            }
        }
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        return Response(status: .ok, headers: headers, body: .init(string: metrics.exposition()))
    }
}
