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

    /// The pattern a route is registered under (parameters as `:name`).
    public var pathComponents: [PathComponent] {
        switch self {
        case .home: []
        case .healthz: ["healthz"]
        case .metrics: ["metrics"]
        case .stylesheet: ["assets", "site.css"]
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
