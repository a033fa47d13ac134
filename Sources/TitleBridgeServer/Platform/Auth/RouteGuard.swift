import TitleBridgeCore
import Vapor

/// Runs before every handler: asks `RoutePolicy` whether the caller may call the route at all,
/// then checks the CSRF token of a state-changing form. Controllers never check roles by hand.
enum RouteGuard {
    /// A refusal to answer instead of the handler, or nil to go on.
    static func check(_ request: Request, url: SiteURL) throws -> Response? {
        guard let audience = RoutePolicy.audience(for: url) else {
            request.logger.error("route has no entry in RoutePolicy; refused", metadata: ["route": .string("\(url)")])
            throw Abort(.forbidden)
        }
        let isAPI = request.url.path.hasPrefix("/api/")
        switch audience.answer(for: request.principal?.actor) {
        case .admitted:
            break
        case .signInRequired:
            if !isAPI, request.method == .GET {
                return request.redirect(to: signInPath(returningTo: request.url))
            }
            throw APIProblem(status: .unauthorized, code: "unauthenticated", message: LocalizedText(
                zh: "请先登录。", en: "Please sign in first."), field: nil)
        case .forbidden:
            throw Abort(.forbidden)
        }
        if !isAPI, ![.GET, .HEAD, .OPTIONS].contains(request.method) {
            try CSRF.check(request)
        }
        return nil
    }

    static func signInPath(returningTo url: URI) -> String {
        var components = URLComponents()
        components.path = SiteURL.signIn.path
        components.queryItems = [URLQueryItem(name: "next", value: url.path + (url.query.map { "?" + $0 } ?? ""))]
        return components.string ?? SiteURL.signIn.path
    }

    /// Only a path on this site is followed after sign-in, never another host (`ReturnPath`
    /// decides), and never the sign-in page itself, which would only ask again.
    static func safeReturnPath(_ next: String?) -> String? {
        guard let path = ReturnPath.validated(next), !path.hasPrefix(SiteURL.signIn.path) else { return nil }
        return path
    }

    /// Where a sign-in leads: the page asked for when it is safe; the home page when a `next`
    /// was given but refused (it may have been made to send the browser elsewhere); nil when
    /// none was given, so the caller's own page follows.
    static func returnPath(after next: String?) -> String? {
        guard let next, !next.isEmpty else { return nil }
        return safeReturnPath(next) ?? SiteURL.home.path
    }
}
