import Foundation

/// The security settings an operator chooses (environment names in the README).
public struct SecuritySettings: Sendable {
    /// The address users reach the service at; `https://…` makes cookies `Secure` and turns HSTS on.
    public var publicURL: String?
    /// `TITLEBRIDGE_DATA_KEYS`: `id:base64key,…`, newest first. Without it a key file in the
    /// data directory is created on first start.
    public var dataKeys: String?
    /// `TITLEBRIDGE_SIGNING_KEY`: `keyID:z3u2…` (a private Multikey) that signs certificates
    /// instead of the key files in the data folder.
    public var signingKey: String?
    /// Failed password sign-ins in a row that lock an account.
    public var maxFailedSignIns: Int
    /// How long a locked account stays locked.
    public var lockoutMinutes: Int
    /// bcrypt work factor of new password hashes.
    public var bcryptCost: Int
    /// Lifetime of a session from sign-in.
    public var sessionHours: Int
    /// 一网通办 (OpenID Connect); nil when not configured.
    public var oidc: OIDCSettings?
    /// Password checks (bcrypt) one instance runs at once; further sign-ins wait their turn.
    public var passwordChecksAtOnce: Int
    /// Seconds a sign-in waits for its password check to start before it is answered 503 with
    /// Retry-After (0: no waiting).
    public var passwordCheckWaitSeconds: Int
    /// A session unused this long ends, whatever its lifetime left.
    public var sessionIdleMinutes: Int
    /// Requests per address and window on the routes people try to force (`RateLimiter`).
    public var rateLimits: RateLimits
    /// `TITLEBRIDGE_TRUSTED_PROXIES`: addresses of the reverse proxies in front; behind them the
    /// client's address is read from `X-Forwarded-For`.
    public var trustedProxies: Set<String>
    /// `TITLEBRIDGE_METRICS_TOKEN`: the bearer token `/metrics` asks for; without it `/metrics`
    /// answers only requests from the machine itself (127.0.0.1, ::1).
    public var metricsToken: String?

    /// One check per processor but one: bcrypt shares the blocking thread pool (a thread per
    /// processor) with SQLite, which keeps a thread for the database that way.
    public static var defaultPasswordChecksAtOnce: Int { max(1, ProcessInfo.processInfo.activeProcessorCount - 1) }

    public init(publicURL: String? = nil, dataKeys: String? = nil, signingKey: String? = nil, maxFailedSignIns: Int = 5, lockoutMinutes: Int = 15,
                bcryptCost: Int = 12, sessionHours: Int = 8, oidc: OIDCSettings? = nil,
                passwordChecksAtOnce: Int = SecuritySettings.defaultPasswordChecksAtOnce, passwordCheckWaitSeconds: Int = 5,
                sessionIdleMinutes: Int = 30, rateLimits: RateLimits = .standard, trustedProxies: Set<String> = [],
                metricsToken: String? = nil) {
        self.publicURL = publicURL
        self.dataKeys = dataKeys
        self.signingKey = signingKey
        self.maxFailedSignIns = maxFailedSignIns
        self.lockoutMinutes = lockoutMinutes
        self.bcryptCost = bcryptCost
        self.sessionHours = sessionHours
        self.oidc = oidc
        self.passwordChecksAtOnce = passwordChecksAtOnce
        self.passwordCheckWaitSeconds = passwordCheckWaitSeconds
        self.sessionIdleMinutes = sessionIdleMinutes
        self.rateLimits = rateLimits
        self.trustedProxies = trustedProxies
        self.metricsToken = metricsToken
    }

    /// Behind TLS: cookies are sent only over HTTPS and browsers are told to stay on it.
    public var usesTLS: Bool { publicURL?.lowercased().hasPrefix("https://") ?? false }

    /// A cookie's name: behind TLS with the `__Host-` prefix, which browsers accept only from
    /// this host over HTTPS, for the whole site, with no `Domain` — a neighbouring subdomain
    /// cannot plant or overwrite it.
    public func cookieName(_ base: String) -> String { usesTLS ? "__Host-" + base : base }

    static func fromEnvironment(_ environment: [String: String]) throws -> SecuritySettings {
        func number(_ name: String, default value: Int, in range: ClosedRange<Int>) throws -> Int {
            guard let text = environment[name], !text.isEmpty else { return value }
            guard let number = Int(text), range.contains(number) else {
                throw ConfigError("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), found “\(text)”")
            }
            return number
        }
        var oidc: OIDCSettings?
        if let issuer = environment["TITLEBRIDGE_OIDC_ISSUER"], !issuer.isEmpty {
            guard let clientID = environment["TITLEBRIDGE_OIDC_CLIENT_ID"], !clientID.isEmpty else {
                throw ConfigError("TITLEBRIDGE_OIDC_ISSUER is set, so TITLEBRIDGE_OIDC_CLIENT_ID must be set too")
            }
            oidc = OIDCSettings(issuer: issuer, clientID: clientID,
                                clientSecret: environment["TITLEBRIDGE_OIDC_CLIENT_SECRET"] ?? "")
        }
        return SecuritySettings(
            publicURL: environment["TITLEBRIDGE_PUBLIC_URL"].flatMap { $0.isEmpty ? nil : $0 },
            dataKeys: environment["TITLEBRIDGE_DATA_KEYS"].flatMap { $0.isEmpty ? nil : $0 },
            signingKey: environment["TITLEBRIDGE_SIGNING_KEY"].flatMap { $0.isEmpty ? nil : $0 },
            maxFailedSignIns: try number("TITLEBRIDGE_MAX_FAILED_SIGN_INS", default: 5, in: 1...100),
            lockoutMinutes: try number("TITLEBRIDGE_LOCKOUT_MINUTES", default: 15, in: 1...10_080),
            bcryptCost: try number("TITLEBRIDGE_BCRYPT_COST", default: 12, in: 4...31),
            sessionHours: try number("TITLEBRIDGE_SESSION_HOURS", default: 8, in: 1...720),
            oidc: oidc,
            passwordChecksAtOnce: try number("TITLEBRIDGE_PASSWORD_CHECKS", default: defaultPasswordChecksAtOnce, in: 1...256),
            passwordCheckWaitSeconds: try number("TITLEBRIDGE_PASSWORD_CHECK_WAIT_SECONDS", default: 5, in: 0...60),
            sessionIdleMinutes: try number("TITLEBRIDGE_SESSION_IDLE_MINUTES", default: 30, in: 5...1440),
            trustedProxies: Set((environment["TITLEBRIDGE_TRUSTED_PROXIES"] ?? "").split(separator: ",")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }),
            metricsToken: try checkedMetricsToken(environment["TITLEBRIDGE_METRICS_TOKEN"]))
    }

    private static func checkedMetricsToken(_ text: String?) throws -> String? {
        guard let text, !text.isEmpty else { return nil }
        guard text.count >= 24 else { throw ConfigError("TITLEBRIDGE_METRICS_TOKEN must be at least 24 characters") }
        return text
    }
}

/// The city's unified identity login (一网通办) as an OpenID Connect provider.
public struct OIDCSettings: Sendable {
    public var issuer: String
    public var clientID: String
    public var clientSecret: String

    public init(issuer: String, clientID: String, clientSecret: String) {
        self.issuer = issuer
        self.clientID = clientID
        self.clientSecret = clientSecret
    }
}
