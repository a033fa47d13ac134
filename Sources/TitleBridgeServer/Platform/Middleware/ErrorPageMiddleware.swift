import TitleBridgeCore
import Vapor

/// Turns every error into an answer a person can read, in both languages: a page for
/// browsers, `{"error": {"code", "message": {"zh", "en"}}}` for the API. Internal details go
/// to the log, never to the client. A database that hands out no connection in time is busy,
/// not broken: that is a 503, and every 503 says when to come back (`Retry-After`).
struct ErrorPageMiddleware: Middleware {
    /// Seconds a busy answer asks the client to wait when the error names no time itself.
    static let retryAfterSeconds = 5

    struct APIError: Content {
        struct Body: Content {
            let code: String
            let message: LocalizedText
            let field: String?
        }
        let error: Body
    }

    struct ErrorPage: Encodable {
        let chrome: PageChrome
        let status: Int
        let heading: String
        let message: String
        let homeLabel: String
    }

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: request).flatMapError { error in
            request.eventLoop.makeFutureWithTask { try await Self.answer(error, to: request) }
        }
    }

    static func answer(_ error: any Error, to request: Request) async throws -> Response {
        let abort = error as? any AbortError
        // A body that cannot be read as the form it claims to be (a multipart form without its
        // parts, JSON of the wrong shape) is the sender's mistake, not the server's. MultipartKit's
        // parser throws a type of its own it does not export, so it is known by its module.
        let unreadable = error is DecodingError || String(reflecting: type(of: error)).hasPrefix("MultipartKit.")
        let status: HTTPResponseStatus = error is ConnectionPoolTimeoutError
            ? .serviceUnavailable : abort?.status ?? (unreadable ? .badRequest : .internalServerError)
        if status.code >= 500 {
            request.logger.report(error: error)
        }
        let problem = error as? APIProblem
        let message = problem?.message ?? Self.message(for: status)
        let response: Response
        if Self.wantsJSON(request) {
            response = try await APIError(error: .init(code: problem?.code ?? Self.code(for: status),
                                                       message: message, field: problem?.field))
                .encodeResponse(for: request)
        } else {
            let language = request.language
            let page = ErrorPage(
                chrome: PageChrome(request: request, title: message.text(in: language)),
                status: Int(status.code), heading: message.text(in: language),
                message: language == .zh ? message.en : message.zh,
                homeLabel: language == .zh ? "返回首页" : "Back to the home page")
            do {
                response = try await request.view.render("public/error", page).encodeResponse(for: request)
            } catch {
                // The page itself failed: answer in plain text rather than not at all.
                request.logger.report(error: error)
                response = Response(body: .init(string: "\(status.code) \(message.zh) \(message.en)\n"))
                response.headers.contentType = .plainText
            }
        }
        response.status = status
        for (name, value) in abort?.headers ?? [:] where !["content-type", "content-length"].contains(name.lowercased()) {
            response.headers.replaceOrAdd(name: name, value: value)
        }
        if status == .serviceUnavailable, response.headers.first(name: .retryAfter) == nil {
            response.headers.replaceOrAdd(name: .retryAfter, value: String(Self.retryAfterSeconds))
        }
        return response
    }

    /// The API always answers JSON; elsewhere only a client that asks for JSON by name gets it
    /// (wildcards such as `*/*` match any type in Vapor's comparison, so compare the parts).
    static func wantsJSON(_ request: Request) -> Bool {
        if request.url.path.hasPrefix("/api/") { return true }
        guard let first = request.headers.accept.mediaTypes.first else { return false }
        return first.type == "application" && first.subType == "json"
    }

    static func code(for status: HTTPResponseStatus) -> String {
        switch status.code {
        case 400: "bad_request"
        case 401: "unauthenticated"
        case 403: "forbidden"
        case 404: "not_found"
        case 405: "method_not_allowed"
        case 413: "payload_too_large"
        case 415: "unsupported_media_type"
        case 503: "unavailable"
        case 500..<600: "server_error"
        default: "http_\(status.code)"
        }
    }

    static func message(for status: HTTPResponseStatus) -> LocalizedText {
        switch status.code {
        case 400: LocalizedText(zh: "请求有误，请检查后重试。", en: "The request is not valid. Please check it and try again.")
        case 401: LocalizedText(zh: "请先登录。", en: "Please sign in first.")
        case 403: LocalizedText(zh: "您无权访问此页面。", en: "You are not allowed to open this page.")
        case 404: LocalizedText(zh: "页面不存在。", en: "This page does not exist.")
        case 405: LocalizedText(zh: "不支持此操作。", en: "This action is not supported here.")
        case 413: LocalizedText(zh: "提交的内容过大。", en: "What was sent is too large.")
        case 415: LocalizedText(zh: "提交内容的格式不受支持：接口请以 JSON 发送（Content-Type: application/json）。",
                                en: "What was sent is in a format not accepted here: send the API JSON (Content-Type: application/json).")
        case 503: LocalizedText(zh: "服务暂时不可用，请稍后再试。", en: "The service is unavailable for the moment. Please try again later.")
        default: LocalizedText(zh: "系统出现错误，请稍后再试。如问题持续，请致电咨询。",
                               en: "Something went wrong. Please try again later, or call us if it persists.")
        }
    }
}
