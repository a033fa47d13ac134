import TitleBridgeCore
import Vapor

/// Cross-site request forgery protection for every state-changing form. A signed-in browser
/// proves it read one of our pages with its session's token; before sign-in (the sign-in form
/// itself) the token is a random cookie the form repeats (double submit). API calls carry a
/// bearer token instead of a cookie, so they need none.
enum CSRF {
    static let cookieName = "tb_csrf"
    static let fieldName = "_csrf"
    static let headerName = "X-CSRF-Token"

    private struct FreshTokenKey: StorageKey {
        typealias Value = String
    }

    /// The token a form on this page must carry.
    static func token(for request: Request) -> String {
        if let principal = request.principal, principal.sessionKind == .web { return principal.csrfToken }
        if let cookie = request.cookies[request.security.settings.cookieName(cookieName)]?.string, !cookie.isEmpty { return cookie }
        if let fresh = request.storage[FreshTokenKey.self] { return fresh }
        let fresh = SecureToken.make()
        request.storage[FreshTokenKey.self] = fresh
        return fresh
    }

    static func check(_ request: Request) throws {
        let expected: String?
        if let principal = request.principal, principal.sessionKind == .web {
            expected = principal.csrfToken
        } else {
            expected = request.cookies[request.security.settings.cookieName(cookieName)]?.string
        }
        let sent = request.headers.first(name: headerName) ?? (try? request.content.get(String.self, at: fieldName))
        guard let expected, !expected.isEmpty, let sent, SecureToken.equal(expected, sent) else {
            request.logger.notice("request refused: CSRF token missing or wrong", metadata: ["path": .string(request.url.path)])
            throw APIProblem(status: .forbidden, code: "csrf", message: LocalizedText(
                zh: "页面已过期或请求来源不明，未作任何更改。请刷新页面后重新提交。",
                en: "The page has expired or the request did not come from this site; nothing was changed. Please reload the page and send it again."),
                field: fieldName)
        }
    }

    /// Sets the cookie of a token handed out during this request.
    struct CookieMiddleware: Middleware {
        let settings: SecuritySettings

        func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
            next.respond(to: request).map { response in
                if let fresh = request.storage[FreshTokenKey.self] {
                    response.cookies[settings.cookieName(CSRF.cookieName)] = HTTPCookies.Value(
                        string: fresh, path: "/", isSecure: settings.usesTLS, isHTTPOnly: true, sameSite: .lax)
                }
                return response
            }
        }
    }
}
