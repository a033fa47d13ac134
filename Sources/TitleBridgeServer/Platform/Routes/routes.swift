import Vapor

/// Registers every route from `SiteURL`, grouped by the controllers of each actor area.
func routes(_ app: Application, metrics: RequestMetrics) throws {
    try PublicController().boot(routes: app.routes)
    try OperatorController(metrics: metrics).boot(routes: app.routes)
    try EligibilityAPIController().boot(routes: app.routes)
    try SignInController().boot(routes: app.routes)
    try OpenIDController().boot(routes: app.routes)
    try AccountController().boot(routes: app.routes)
    try UnitController().boot(routes: app.routes)
    try AdminController().boot(routes: app.routes)
    try BatchController().boot(routes: app.routes)
    try VerificationController().boot(routes: app.routes)
    try CatalogueController().boot(routes: app.routes)
    try FileController().boot(routes: app.routes)
    try RegistrationController().boot(routes: app.routes)
    try ApplicationController().boot(routes: app.routes)
    try AppointmentController().boot(routes: app.routes)
    try AcceptanceController().boot(routes: app.routes)
    try CommitteeController().boot(routes: app.routes)
    try CommitteeFileController().boot(routes: app.routes)
    try CommitteeAPIController().boot(routes: app.routes)
    try ResultsController().boot(routes: app.routes)
    try CertificateController().boot(routes: app.routes)
    try BureauController().boot(routes: app.routes)
}

extension RoutesBuilder {
    /// Registers `handler` for `url` with its method, so every route comes from `SiteURL`,
    /// and puts `RouteGuard` in front of it, so no route escapes the access policy.
    @discardableResult
    func on<Result: AsyncResponseEncodable>(
        _ url: SiteURL, use handler: @Sendable @escaping (Request) async throws -> Result
    ) -> Route {
        on(url.method, url.pathComponents, body: url.maximumBodySize.map { .collect(maxSize: $0) } ?? .collect) { request -> Response in
            if let refusal = try RouteGuard.check(request, url: url) { return refusal }
            try await RateLimiter.admit(request, url: url)
            return try await handler(request).encodeResponse(for: request)
        }
    }
}
