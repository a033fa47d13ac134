import TitleBridgeCore
import Vapor

/// Pages anyone may read without signing in.
struct PublicController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let stylesheet = try ServerResources.text("Public/assets/site.css")
        let counter = try ServerResources.text("Public/assets/zi-count.js")
        let confirmation = try ServerResources.text("Public/assets/confirm.js")
        let refresh = try ServerResources.text("Public/assets/refresh.js")
        let icon = try ServerResources.text("Public/assets/favicon.svg")
        routes.on(.home, use: home)
        routes.on(.selfCheck, use: selfCheck)
        routes.on(.stylesheet) { _ in Self.asset(stylesheet, HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"])) }
        routes.on(.ziCounterScript) { _ in Self.asset(counter, Self.javascript) }
        routes.on(.confirmScript) { _ in Self.asset(confirmation, Self.javascript) }
        routes.on(.refreshScript) { _ in Self.asset(refresh, Self.javascript) }
        routes.on(.favicon) { _ in Self.asset(icon, HTTPMediaType(type: "image", subType: "svg+xml"), maxAge: 86_400) }
    }

    static let javascript = HTTPMediaType(type: "text", subType: "javascript", parameters: ["charset": "utf-8"])

    /// A file of the site's own, read once at start, cached by browsers for `maxAge` seconds.
    static func asset(_ text: String, _ type: HTTPMediaType, maxAge: Int = 3600) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = type
        headers.cacheControl = HTTPHeaders.CacheControl(isPublic: true, maxAge: maxAge)
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }

    /// 首页: what the procedure is and the dates of the current batch.
    @Sendable
    func home(_ request: Request) async throws -> View {
        let services = request.domain
        let policy = try services.currentPolicy
        let page = HomePage(policy: policy, calendar: services.calendar,
                            today: services.clock.today(), language: request.language,
                            chrome: PageChrome(request: request, title: policy.name.text(in: request.language)))
        return try await request.view.render("public/home", page)
    }

    /// 资格自查: the form, and the report once the form is sent.
    @Sendable
    func selfCheck(_ request: Request) async throws -> View {
        try await request.view.render("public/self-check", SelfCheckPage(request: request))
    }
}
