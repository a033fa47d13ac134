import Vapor

/// Headers every answer carries, error pages included: a content security policy with no
/// inline script or style, no framing, no MIME sniffing, a strict referrer policy, and HSTS
/// when the service is reached over TLS.
struct SecurityHeadersMiddleware: Middleware {
    let usesTLS: Bool

    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
        "font-src 'self'", "connect-src 'self'", "form-action 'self'", "frame-ancestors 'none'",
        "base-uri 'none'", "object-src 'none'",
    ].joined(separator: "; ")

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: request).map { response in
            for (name, value) in Self.headers where !response.headers.contains(name: name) {
                response.headers.replaceOrAdd(name: name, value: value)
            }
            if usesTLS {
                response.headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains")
            }
            if request.principal != nil, !response.headers.contains(name: .cacheControl) {
                // Pages with personal data stay out of shared and back-button caches.
                response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
            }
            return response
        }
    }

    static let headers = [
        ("Content-Security-Policy", contentSecurityPolicy),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "same-origin"),
        ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ]
}
