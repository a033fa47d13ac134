import TitleBridgeCore
import Vapor

/// Pages anyone may read without signing in.
struct PublicController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let stylesheet = try ServerResources.text("Public/assets/site.css")
        let counter = try ServerResources.text("Public/assets/zi-count.js")
        let confirmation = try ServerResources.text("Public/assets/confirm.js")
        let icon = try ServerResources.text("Public/assets/favicon.svg")
        routes.on(.home, use: home)
        routes.on(.selfCheck, use: selfCheck)
        routes.on(.stylesheet) { _ -> Response in
            var headers = HTTPHeaders()
            headers.contentType = HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"])
            headers.cacheControl = HTTPHeaders.CacheControl(isPublic: true, maxAge: 3600)
            return Response(status: .ok, headers: headers, body: .init(string: stylesheet))
        }
        routes.on(.ziCounterScript) { _ -> Response in
            var headers = HTTPHeaders()
            headers.contentType = HTTPMediaType(type: "text", subType: "javascript", parameters: ["charset": "utf-8"])
            headers.cacheControl = HTTPHeaders.CacheControl(isPublic: true, maxAge: 3600)
            return Response(status: .ok, headers: headers, body: .init(string: counter))
        }
        routes.on(.confirmScript) { _ -> Response in
            var headers = HTTPHeaders()
            headers.contentType = HTTPMediaType(type: "text", subType: "javascript", parameters: ["charset": "utf-8"])
            headers.cacheControl = HTTPHeaders.CacheControl(isPublic: true, maxAge: 3600)
            return Response(status: .ok, headers: headers, body: .init(string: confirmation))
        }
        routes.on(.favicon) { _ -> Response in
            var headers = HTTPHeaders()
            headers.contentType = HTTPMediaType(type: "image", subType: "svg+xml")
            headers.cacheControl = HTTPHeaders.CacheControl(isPublic: true, maxAge: 86_400)
            return Response(status: .ok, headers: headers, body: .init(string: icon))
        }
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
