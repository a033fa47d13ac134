import Foundation
import NIOConcurrencyHelpers

/// Request counts and latencies by route, exposed in the Prometheus text format.
///
/// Counters are per process, as Prometheus expects: each instance is scraped on its own and
/// the server sums them. Routes are keyed by their pattern (`/applications/:id`), never by the
/// concrete path, so the number of series stays bounded whatever clients send.
public final class RequestMetrics: Sendable {
    /// Upper bounds of the latency histogram, in seconds.
    public static let buckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]

    struct RouteKey: Hashable {
        let method: String
        let route: String
    }

    struct Histogram {
        var counts = [Int](repeating: 0, count: RequestMetrics.buckets.count)
        var sum = 0.0
        var count = 0
    }

    struct State {
        var requests: [RouteKey: [Int: Int]] = [:]
        var latency: [RouteKey: Histogram] = [:]
    }

    private let state = NIOLockedValueBox(State())

    public init() {}

    public func record(method: String, route: String, status: Int, seconds: Double) {
        let key = RouteKey(method: method, route: route)
        state.withLockedValue { state in
            state.requests[key, default: [:]][status, default: 0] += 1
            var histogram = state.latency[key] ?? Histogram()
            if let index = RequestMetrics.buckets.firstIndex(where: { seconds <= $0 }) {
                histogram.counts[index] += 1
            }
            histogram.sum += seconds
            histogram.count += 1
            state.latency[key] = histogram
        }
    }

    /// The exposition text (format version 0.0.4).
    public func exposition() -> String {
        let snapshot = state.withLockedValue { $0 }
        var out = ""
        out += "# HELP titlebridge_http_requests_total HTTP requests answered, by route pattern and status.\n"
        out += "# TYPE titlebridge_http_requests_total counter\n"
        let keys = snapshot.requests.keys.sorted { ($0.route, $0.method) < ($1.route, $1.method) }
        for key in keys {
            for (status, count) in (snapshot.requests[key] ?? [:]).sorted(by: { $0.key < $1.key }) {
                out += "titlebridge_http_requests_total{\(labels(key)),status=\"\(status)\"} \(count)\n"
            }
        }
        out += "# HELP titlebridge_http_request_duration_seconds Time to answer a request, by route pattern.\n"
        out += "# TYPE titlebridge_http_request_duration_seconds histogram\n"
        for key in keys {
            guard let histogram = snapshot.latency[key] else { continue }
            var cumulative = 0
            for (index, bound) in RequestMetrics.buckets.enumerated() {
                cumulative += histogram.counts[index]
                out += "titlebridge_http_request_duration_seconds_bucket{\(labels(key)),le=\"\(bound)\"} \(cumulative)\n"
            }
            out += "titlebridge_http_request_duration_seconds_bucket{\(labels(key)),le=\"+Inf\"} \(histogram.count)\n"
            out += "titlebridge_http_request_duration_seconds_sum{\(labels(key))} \(histogram.sum)\n"
            out += "titlebridge_http_request_duration_seconds_count{\(labels(key))} \(histogram.count)\n"
        }
        return out
    }

    private func labels(_ key: RouteKey) -> String {
        "method=\"\(escape(key.method))\",route=\"\(escape(key.route))\""
    }

    private func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
