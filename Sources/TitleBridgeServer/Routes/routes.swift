import Vapor

/// Registers every route from `SiteURL`, grouped by the controllers of each actor area.
func routes(_ app: Application, metrics: RequestMetrics) throws {
    try PublicController().boot(routes: app.routes)
    try OperatorController(metrics: metrics).boot(routes: app.routes)
    try EligibilityAPIController().boot(routes: app.routes)
}

extension RoutesBuilder {
    /// Registers `handler` for `url` with its method, so every route comes from `SiteURL`.
    @discardableResult
    func on<Response: AsyncResponseEncodable>(
        _ url: SiteURL, use handler: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        on(url.method, url.pathComponents, use: handler)
    }
}
