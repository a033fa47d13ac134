import Foundation
import TitleBridgeCore
import TitleBridgeServer
import Vapor

// The bureau's dashboard over a batch of many files: a fresh database (SQLite in a temporary
// folder, or the empty PostgreSQL database of DATABASE_URL) is migrated and given N files
// spread over every stage and 400 units (`BulkSeed`), then the dashboard's figures and the
// whole page (queries, model, template) are timed, five times each after one warm-up.
//   swift run -c release dashboard-benchmark [files] [--keep]   (--keep leaves the SQLite folder, to study the queries)

let count = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 100_000
let keep = CommandLine.arguments.contains("--keep")
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dashboard-benchmark-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { if !keep { try? FileManager.default.removeItem(at: folder) } }

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

let environment = Environment(name: "production", arguments: ["dashboard-benchmark"])
let config = try AppConfig.fromEnvironment(dataDirectory: folder.path, clock: "2024-09-18T10:00:00+08:00")
LoggingSystem.bootstrap { label in
    var handler = StreamLogHandler.standardError(label: label)
    handler.logLevel = .error
    return handler
}
let app = try await Application.make(environment)
do {
    try configure(app, config: config, services: try DomainServices.load(config))
    _ = try await prepareDatabase(app, demo: false)
    let clock = ContinuousClock()
    let seeding = clock.now
    try await BulkSeed.run(files: count, on: app)
    let seeded = seconds(clock.now - seeding)
    var figures: [Double] = [], pages: [Double] = []
    var bytes = 0, files = 0
    for run in 0...5 {
        let start = clock.now
        files = try await BureauOperations.dashboardFigures(on: app)
        let middle = clock.now
        bytes = try await BureauOperations.renderDashboard(on: app)
        let end = clock.now
        if run > 0 {
            figures.append(seconds(middle - start))
            pages.append(seconds(end - middle))
        }
    }
    func ms(_ values: [Double]) -> String {
        values.map { String(format: "%.0f", $0 * 1000) }.joined(separator: " · ") + " ms"
    }
    print("\(config.storageDescription): \(files) files seeded in \(String(format: "%.1f", seeded)) s")
    print("dashboard figures: \(ms(figures)); whole page (figures, model, template): \(ms(pages)); \(bytes / 1024) KiB")
} catch {
    try await app.asyncShutdown()
    throw error
}
try await app.asyncShutdown()
