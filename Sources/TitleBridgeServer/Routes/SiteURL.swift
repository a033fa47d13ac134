import Vapor

/// Every address of the site, in one place. Routes are registered from `pathComponents`
/// and links are written from `path`, so a page can never link to a route that is not there.
public enum SiteURL: Hashable, Sendable, CaseIterable {
    /// 首页: the procedure of the current batch.
    case home
    /// Operators: liveness with the database checked.
    case healthz
    /// Operators: Prometheus text exposition.
    case metrics
    /// The site's stylesheet.
    case stylesheet
    /// 资格自查: the public self-check page (no sign-in).
    case selfCheck
    /// API: eligibility report for a profile.
    case apiEligibilityCheck
    /// API: the N-th working day from a start.
    case apiWorkingDays
    /// API: the latest start of N working days ending by a date.
    case apiLatestStart

    /// The pattern a route is registered under (parameters as `:name`).
    public var pathComponents: [PathComponent] {
        switch self {
        case .home: []
        case .healthz: ["healthz"]
        case .metrics: ["metrics"]
        case .stylesheet: ["assets", "site.css"]
        case .selfCheck: ["self-check"]
        case .apiEligibilityCheck: ["api", "v1", "eligibility", "check"]
        case .apiWorkingDays: ["api", "v1", "calendar", "working-days"]
        case .apiLatestStart: ["api", "v1", "calendar", "latest-start"]
        }
    }

    public var method: HTTPMethod {
        switch self {
        case .apiEligibilityCheck: .POST
        default: .GET
        }
    }

    /// A page a person opens by following a link (answers 200 to a bare GET).
    public var isPage: Bool {
        switch self {
        case .home, .selfCheck, .stylesheet, .healthz, .metrics: true
        case .apiEligibilityCheck, .apiWorkingDays, .apiLatestStart: false
        }
    }

    /// The address a link points to.
    public var path: String {
        "/" + pathComponents.map(\.description).joined(separator: "/")
    }

    /// The same address with the page language chosen.
    public func path(language: String) -> String {
        path + "?lang=" + language
    }
}
