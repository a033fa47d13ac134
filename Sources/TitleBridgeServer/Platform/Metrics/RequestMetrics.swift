import Foundation
import Metrics
import Prometheus

/// Request counts and latencies by route: swift-metrics' `Counter` and `Timer`, made by a
/// swift-prometheus factory over this application's own registry and exposed in the Prometheus
/// text format at `/metrics`.
///
/// Counters are per process, as Prometheus expects: each instance is scraped on its own and
/// the server sums them. Routes are keyed by their pattern (`/applications/:id`), never by the
/// concrete path, so the number of series stays bounded whatever clients send. The registry is
/// the application's rather than the process's (no global bootstrap), so two applications in
/// one process — the tests' second instance — count apart.
public final class RequestMetrics: Sendable {
    /// Upper bounds of the latency histogram, in seconds.
    public static let buckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]
    static let requests = "titlebridge_http_requests_total"
    static let duration = "titlebridge_http_request_duration_seconds"

    private let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory

    public init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets[Self.duration] = Self.buckets.map { .nanoseconds(Int64(($0 * 1e9).rounded())) }
        self.factory = factory
    }

    public func record(method: String, route: String, status: Int, seconds: Double) {
        Counter(label: Self.requests, dimensions: [("method", method), ("route", route), ("status", String(status))], factory: factory)
            .increment()
        Metrics.Timer(label: Self.duration, dimensions: [("method", method), ("route", route)], factory: factory)
            .recordNanoseconds(Int64((seconds * 1e9).rounded()))
    }

    /// The exposition text (format version 0.0.4).
    public func exposition() -> String {
        registry.emitToString()
    }
}
