import Foundation
import TitleBridgeCore
import Vapor

/// Marks every answer of a server on a rehearsal clock, so an API client (a script, a test, an
/// integration) can tell a simulated deadline from a real one as plainly as a person reading
/// the page banner: `TitleBridge-Clock: simulated; now=2024-09-10T09:00:05+08:00`.
struct RehearsalClockMiddleware: AsyncMiddleware {
    static let header = "TitleBridge-Clock"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let clock = request.domain.clock
        if clock.rehearsalStart != nil {
            response.headers.replaceOrAdd(name: Self.header, value: "simulated; now=" + Self.iso(clock.now()))
        }
        return response
    }

    /// An instant as Shanghai wall time with its offset, the way the notice's reader thinks of it.
    static func iso(_ instant: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(secondsFromGMT: ShanghaiTime.secondsEast)
        return formatter.string(from: instant)
    }
}
