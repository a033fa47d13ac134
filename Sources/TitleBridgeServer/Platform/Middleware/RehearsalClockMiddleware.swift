import Foundation
import TitleBridgeCore
import Vapor

/// Marks every answer of a server on a rehearsal clock, so an API client (a script, a test, an
/// integration) can tell a simulated deadline from a real one as plainly as a person reading
/// the page banner: `TitleBridge-Clock: simulated; now=2024-09-10T09:00:05+08:00`.
///
/// Like every middleware in front of the routes it works on the answer's future rather than as
/// an `AsyncMiddleware`: each of those starts a task of its own for every request, which on two
/// cores cost more than the route itself (Benchmarks/README.md).
struct RehearsalClockMiddleware: Middleware {
    static let header = "TitleBridge-Clock"

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: request).map { response in
            let clock = request.domain.clock
            if clock.rehearsalStart != nil {
                // Shanghai wall time with its offset, the way the notice's reader thinks of it.
                response.headers.replaceOrAdd(name: Self.header, value: "simulated; now=" + ShanghaiTime.iso8601(clock.now()))
            }
            return response
        }
    }
}
