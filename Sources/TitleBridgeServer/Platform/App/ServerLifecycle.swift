import Foundation
import Logging
import ServiceLifecycle
import Vapor

/// `serve` as a group of services (swift-service-lifecycle): the HTTP server and the scheduled
/// jobs. SIGTERM or SIGINT shuts them down in reverse order: the server stops taking
/// connections and finishes the requests in flight (NIO's quiescing), then the jobs stop
/// between two runs; the caller then shuts the application down, which closes the database.
public enum ServerLifecycle {
    public static func run(_ app: Application) async throws {
        try await app.asyncBoot()
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: ScheduledJobs(app: app)), .init(service: HTTPService(app: app))],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: app.logger))
        try await group.run()
        app.logger.notice("stopped: requests in flight answered, jobs ended; closing the database")
    }
}

/// The Vapor HTTP server as a service.
struct HTTPService: Service {
    let app: Application

    func run() async throws {
        try await app.server.start(address: nil)
        // Until SIGTERM (or a sibling service ending); the server keeps serving meanwhile.
        try? await gracefulShutdown()
        app.logger.notice("shutting down: no new connections; finishing the requests in flight")
        await app.server.shutdown()
    }
}

/// The jobs every instance runs on a timer: supplement deadlines every ten minutes, the orphan
/// file sweep every hour. A run in progress finishes; the waits between runs end at shutdown.
struct ScheduledJobs: Service {
    let app: Application

    func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await every(.seconds(600), "supplement deadlines") { try await SupplementDeadlineJob.run(on: app) } }
            group.addTask { await every(.seconds(3600), "orphan file sweep") { try await OrphanFileSweep.run(on: app) } }
        }
        app.logger.notice("scheduled jobs stopped")
    }

    private func every(_ interval: Duration, _ name: String, _ job: @Sendable () async throws -> Int) async {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do { _ = try await job() } catch {
                app.logger.error("\(name) failed", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
