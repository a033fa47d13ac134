import Fluent
import Foundation
import SQLKit
import TitleBridgeCore
import Vapor

/// How often one address may knock on the doors people try to force: signing in, opening
/// accounts, lodging objections, looking up certificates and objection receipts. Counted in the
/// database (`rate_limits`), so every instance on it counts together; a request over the limit
/// is answered 429 with `Retry-After`, in both languages, and does nothing.
///
/// The account lockout (`PasswordSignIn`) stops guessing one account's password; this stops
/// one address trying many accounts, or scraping the public look-ups.
public struct RateLimits: Sendable {
    public struct Rule: Sendable, Equatable {
        public let bucket: String
        /// Requests allowed in one window.
        public let limit: Int
        /// The window's length in seconds; windows are fixed (they start at multiples of it).
        public let window: Int

        public init(bucket: String, limit: Int, window: Int) {
            self.bucket = bucket
            self.limit = limit
            self.window = window
        }
    }

    public var signIn = Rule(bucket: "sign-in", limit: 30, window: 600)
    public var registration = Rule(bucket: "registration", limit: 10, window: 3600)
    public var objection = Rule(bucket: "objection", limit: 10, window: 3600)
    public var lookup = Rule(bucket: "lookup", limit: 120, window: 600)

    public init() {}

    public static let standard = RateLimits()

    /// The rule a route is counted under, if any.
    func rule(for url: SiteURL) -> Rule? {
        switch url {
        case .signInSubmit, .apiSessionCreate: signIn
        case .registerSubmit, .apiAccountCreate: registration
        case .resultObjectionSubmit: objection
        case .certificate, .certificateCredential, .certificatePDF, .apiCertificate, .objectionLookup: lookup
        default: nil
        }
    }
}

enum RateLimiter {
    /// Counts the request against its route's rule; throws 429 when the address is over it.
    static func admit(_ request: Request, url: SiteURL) async throws {
        guard let rule = request.security.settings.rateLimits.rule(for: url) else { return }
        let client = clientAddress(request, trusting: request.security.settings.trustedProxies)
        if let wait = try await hit(rule, client: client, on: request.db, now: Date()) {
            request.logger.notice("rate limit reached", metadata: ["bucket": .string(rule.bucket), "client": .string(client)])
            let minutes = max(1, (wait + 59) / 60)
            var problem = APIProblem(status: .tooManyRequests, code: "rate_limited", message: LocalizedText(
                zh: "来自您所在网络地址的请求过于频繁，请在 \(minutes) 分钟后再试。",
                en: "Too many requests from your network address; please try again in \(EnglishText.count(minutes, "minute"))."),
                field: nil)
            problem.headers.replaceOrAdd(name: .retryAfter, value: String(wait))
            throw problem
        }
    }

    /// Adds one hit to the client's count in the current window: nil while within the limit,
    /// else the seconds until the window ends. One atomic upsert, so instances never lose a hit.
    static func hit(_ rule: RateLimits.Rule, client: String, on database: any Database, now: Date) async throws -> Int? {
        guard let sql = database as? any SQLDatabase else { return nil }
        let seconds = Int(now.timeIntervalSince1970)
        let windowStart = seconds - seconds % rule.window
        let row = try await sql.raw("""
            INSERT INTO rate_limits (bucket, client, window_start, hits) VALUES (\(bind: rule.bucket), \(bind: client), \(bind: windowStart), 1)
            ON CONFLICT (bucket, client, window_start) DO UPDATE SET hits = rate_limits.hits + 1
            RETURNING hits
            """).first()
        // Now and then, the windows that are over go; no job is needed for it.
        if Int.random(in: 0..<200) == 0 {
            try await sql.raw("DELETE FROM rate_limits WHERE window_start < \(bind: windowStart - 86_400)").run()
        }
        guard let hits = try row?.decode(column: "hits", as: Int.self), hits > rule.limit else { return nil }
        return max(1, windowStart + rule.window - seconds)
    }

    /// The address a request came from: the connection's, or behind a trusted proxy the last
    /// address in `X-Forwarded-For` the proxies did not add themselves.
    static func clientAddress(_ request: Request, trusting proxies: Set<String>) -> String {
        let peer = request.remoteAddress?.ipAddress ?? "unknown"
        guard proxies.contains(peer) else { return peer }
        let forwarded = request.headers[.xForwardedFor].flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return forwarded.last { !proxies.contains($0) } ?? peer
    }
}
