import Vapor

/// Times every request and counts it under its route pattern.
struct MetricsMiddleware: Middleware {
    let metrics: RequestMetrics

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let start = ContinuousClock.now
        return next.respond(to: request).always { result in
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let status: Int
            switch result {
            case .success(let response): status = Int(response.status.code)
            case .failure(let error as any AbortError): status = Int(error.status.code)
            case .failure: status = 500
            }
            metrics.record(method: request.method.rawValue, route: Self.pattern(of: request), status: status, seconds: seconds)
        }
    }

    /// The registered pattern, or `unmatched` for a path no route answers.
    static func pattern(of request: Request) -> String {
        guard let route = request.route else { return "unmatched" }
        return "/" + route.path.map(\.description).joined(separator: "/")
    }
}
