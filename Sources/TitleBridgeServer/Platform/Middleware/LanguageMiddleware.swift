import TitleBridgeCore
import Vapor

/// Chooses the page language: `?lang=` first (and remembered in a cookie), then the cookie,
/// then Chinese, the service's default. Accept-Language is not consulted: a Chinese
/// government service answers in Chinese unless the reader asks otherwise.
struct LanguageMiddleware: Middleware {
    static let cookieName = "lang"

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let asked = Self.asked(in: request.url.query).flatMap(Language.init(tag:))
        let remembered = request.cookies[Self.cookieName].flatMap { Language(tag: $0.string) }
        request.language = asked ?? remembered ?? .zh
        return next.respond(to: request).map { response in
            if let asked, asked != remembered {
                response.cookies[Self.cookieName] = HTTPCookies.Value(
                    string: asked.rawValue, maxAge: 365 * 24 * 3600, path: "/",
                    isSecure: false, isHTTPOnly: true, sameSite: .lax)
            }
            response.headers.replaceOrAdd(name: .contentLanguage, value: request.language.tag)
            return response
        }
    }

    /// `lang` of the query, read without a form decoder (every request asks).
    static func asked(in query: String?) -> String? {
        guard let query, query.contains("lang=") else { return nil }
        for pair in query.split(separator: "&") where pair.hasPrefix("lang=") {
            return String(pair.dropFirst(5)).removingPercentEncoding
        }
        return nil
    }
}

extension Request {
    private struct LanguageKey: StorageKey {
        typealias Value = Language
    }

    /// The language this request is answered in.
    var language: Language {
        get { storage[LanguageKey.self] ?? .zh }
        set { storage[LanguageKey.self] = newValue }
    }
}
